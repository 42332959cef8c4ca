import TCGDomain
import TCGTestSupport
import XCTest
@testable import TCGLanguage

/// The agenda pack's "Since the last meeting" and the minutes' record of business done at a
/// meeting on work made elsewhere: in every format, and never showing what the session may not see.
final class SinceAndMinutesTests: XCTestCase {
    /// The marked register, then: a hidden action and a visible one (owned by a hidden person)
    /// done, a TT&CG M-5 on the clock's day that reassigns visible work and work to the hidden
    /// person, and records progress on a visible action.
    static let script = MarkedRegister.script + """
        complete A-3 result "Magpie found"
        complete A-2 result "Surgery held"
        let t2 = create meeting ttcg on 2027-03-20 unit East
        open $t2
        assign "Ch Supt Leo Hart" to DP-1
        assign "Zed Quill" to A-1
        update A-1 progress "Patrols doubled" at $t2

        """

    func register() -> Register {
        let i = ScriptHarness.interpreter()
        let made = ScriptHarness.run(i, Self.script)
        XCTAssertNil(made.error, made.error?.message ?? "")
        return i.register
    }

    static let packs = ["agenda M-5", "agenda next ttcg unit East", "minutes M-5",
                        "report agenda next ttcg unit East to pack.html", "report agenda next ttcg unit East to pack.md"]

    func testThePacksSayWhatHappenedSinceTheLastMeetingInEveryFormat() {
        let register = register()
        for q in Self.packs where q.hasPrefix("agenda M") || q.hasPrefix("report") {
            for format in OutputFormat.allCases {
                let (out, error) = ScriptHarness.run(ScriptHarness.interpreter(register), q, format: format)
                XCTAssertNil(error, "\(q): \(error?.message ?? "")")
                XCTAssertTrue(out.contains("Surgery held"), "\(q) --format \(format) lacks A-2's result:\n\(out)")
                let marker = format == .csv && !q.hasPrefix("report") ? "\nsince_last_meeting,"
                    : format == .json && !q.hasPrefix("report") ? "\"since_last_meeting\":[" : "Since the last meeting (M-3 on 2027-03-17)"
                XCTAssertTrue(out.contains(marker), "\(q) --format \(format) lacks \(marker):\n\(out)")
            }
        }
        let json = ScriptHarness.run(ScriptHarness.interpreter(register), "agenda M-5", format: .json).out
        XCTAssertTrue(json.contains("\"since\":\"2027-03-17\""), json)
        XCTAssertTrue(json.contains("\"since_meeting\":\"M-3\""), json)
    }

    func testNothingHiddenReachesTheSinceSectionOrTheMinutes() {
        let register = register()
        let open = ScriptHarness.run(ScriptHarness.interpreter(register), "agenda M-5\nminutes M-5").out
        XCTAssertTrue(open.contains("Magpie found"), "the hidden action's completion is in the open pack:\n\(open)")
        XCTAssertTrue(open.contains("owner Sgt Bea Cole -> Zed Quill"), "the reassignment to the hidden person is in the open minutes:\n\(open)")
        for q in Self.packs {
            for format in OutputFormat.allCases {
                let (out, error) = ScriptHarness.run(ScriptHarness.interpreter(register, ceiling: .official), q, format: format)
                XCTAssertNil(error, "\(q): \(error?.message ?? "")")
                XCTAssertEqual(MarkedRegister.leaks(out), [], "\(q) --format \(format):\n\(out)")
            }
        }
        let minutes = ScriptHarness.run(ScriptHarness.interpreter(register, ceiling: .official), "minutes M-5").out
        XCTAssertTrue(minutes.contains("owner Sgt Bea Cole -> Ch Supt Leo Hart"), minutes)
        XCTAssertTrue(minutes.contains("Patrols doubled"), minutes)
        let agenda = ScriptHarness.run(ScriptHarness.interpreter(register, ceiling: .official), "agenda M-5").out
        XCTAssertTrue(agenda.contains("Since the last meeting (M-2 on 2027-03-10)"), agenda)
        XCTAssertTrue(agenda.contains("Surgery held"), agenda)
    }

    func testCompletingAtAMeetingIsInItsMinutesAndAClosedMeetingIsRefused() {
        let i = ScriptHarness.interpreter(register())
        let refused = ScriptHarness.run(i, "complete A-1 result \"Done\" at M-2")
        XCTAssertNotNil(refused.error)
        XCTAssertEqual(i.register.actions[0].status, .open, "a refused completion changes nothing")
        XCTAssertNil(ScriptHarness.run(i, "complete A-1 result \"Order served\" at M-5").error)
        let minutes = ScriptHarness.run(i, "minutes M-5").out
        XCTAssertTrue(minutes.contains("completed: Order served"), minutes)
        let entry = i.register.audit.last
        XCTAssertEqual(entry?.ids, [RecordID(.action, 1), RecordID(.meeting, 5)], "the entry names the meeting it was recorded at")
    }
}
