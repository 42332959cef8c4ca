import Foundation

/// A register with records marked OFFICIAL-SENSITIVE and records under them, for the tests of
/// `--max-marking` (language and end to end); the clock is 2027-03-20.
public enum MarkedRegister {
    /// A register with a marked person (PE-3, who owns the visible A-2), a marked action, a
    /// marked plan (DP-2, with A-4, review R-1 and escalation E-1 under it), a marked past meeting
    /// (M-3, with decision D-2, action A-5 and commission C-1 recorded at it) and a marked
    /// planned meeting (M-4).
    public static let script = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add person "Ch Supt Leo Hart" unit East
        add person "Sgt Bea Cole" unit East
        add person "Zed Quill" unit East
        set policy East ttcg every 2w
        let s = create meeting stcg on 2027-03-01 unit Westshire
        open $s
        add priority "ASB" owner "Ch Supt Leo Hart" rationale "Harm"
        close meeting
        let t = create meeting ttcg on 2027-03-10 unit East
        open $t
        let plan = create plan "Op Lantern" for P-1 owner "Sgt Bea Cole" review 2027-03-19
        add action enforcement "Patrols" to $plan owner "Sgt Bea Cole" due 2027-03-15
        add action reassurance "Gull surgery" to $plan owner "Zed Quill" due 2027-03-16
        add action intelligence "Magpie search" to $plan owner "Sgt Bea Cole" due 2027-03-16
        let fp = create plan "Op Falcon" for P-1 owner "Sgt Bea Cole" review 2027-03-18
        add action enforcement "Falcon entry" to $fp owner "Sgt Bea Cole" due 2027-03-18
        commission review "Falcon review" of $fp objectives "Was Falcon lawful" scope all
        escalate $fp to Westshire rationale "Falcon needs the force"
        decide "Launch Op Lantern" rationale "Serves the ASB priority"
        close meeting
        let hm = create meeting ttcg on 2027-03-17 unit East title "Nightjar briefing"
        open $hm
        decide "Kestrel deployment approved" rationale "Kestrel threat"
        add action prevention "Kestrel observation" to DP-1 owner "Sgt Bea Cole" due 2027-03-19
        commission analysis "Kestrel profile" product problem-profile to "Sgt Bea Cole" due 2027-03-19
        close meeting
        create meeting ttcg on 2027-03-23 unit East title "Nightjar follow-up"
        mark A-3, DP-2, M-3, M-4, PE-3 official-sensitive

        """

    /// Words and ids of the hidden records, none of which may appear under `--max-marking official`.
    public static let secrets = ["Zed Quill", "Quill", "Magpie", "Falcon", "Kestrel", "Nightjar", "2027-03-17", "2027-03-23"]
    public static let secretIDs = ["PE-3", "A-3", "A-4", "A-5", "DP-2", "R-1", "E-1", "M-3", "M-4", "D-2", "C-1"]

    /// The text's words and ids that give a hidden record away.
    public static func leaks(_ text: String) -> [String] {
        let words = secrets.filter { text.localizedCaseInsensitiveContains($0) }
        let ids = secretIDs.filter { id in
            text.range(of: "(?<![A-Za-z0-9-])\(id)(?![0-9])", options: .regularExpression) != nil
        }
        return words + ids
    }
}
