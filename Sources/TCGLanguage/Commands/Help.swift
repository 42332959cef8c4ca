import TCGDomain

/// `help` and `help TOPIC`, generated from the command table.
public enum Help {
    /// The topics in the order the overview shows them.
    public static let topics: [(String, String)] = [
        ("setup", "Setting up units, people and the T&C policy"),
        ("meetings", "Meetings and the current meeting"),
        ("strategy", "The control strategy and intelligence requirements (at an ST&CG)"),
        ("delivery", "Plans, actions, commissions, reviews, escalations and decisions"),
        ("queries", "Queries and reports"),
        ("scripting", "Scripting"),
        ("session", "The clock, the output format and the session"),
    ]

    /// The help text for a topic, a verb, or (nil) the overview.
    public static func text(topic: String?) -> String {
        guard let topic = topic?.trimmingSpaces.lowercased(), !topic.isEmpty else { return overview() }
        if topic == "kinds" || topic == "fields" { return kinds() }
        if topic == "dates" { return dates() }
        if let group = topics.first(where: { $0.0 == topic }) {
            return section(group.0, group.1)
        }
        let words = topic.split(separator: " ").map(String.init)
        let matches = CommandTable.all.filter { spec in
            words.count <= spec.words.count && zip(words, spec.words).allSatisfy { $0 == $1 }
        }
        if !matches.isEmpty { return matches.map(detail).joined(separator: "\n") }
        let candidates = CommandTable.all.map { $0.words.joined(separator: " ") } + topics.map(\.0) + ["kinds", "dates"]
        let near = Suggest.nearest(topic, among: candidates)
        return "No help on \"\(topic)\". " + (Suggest.didYouMean(near) ?? "Try `help` for the list of commands.")
    }

    static func overview() -> String {
        var out = "tcg keeps the tasking and coordination register. Statements end at a newline or `;`.\n"
        out += "Statements marked (m) belong to a meeting: the current one (`open M-n`) or `at M-n`.\n"
        for (name, title) in topics {
            out += "\n\(title) (help \(name)):\n"
            for spec in CommandTable.all where spec.topic == name {
                out += "  \(spec.synopsis)\(spec.atMeeting ? "  (m)" : "")\n"
            }
        }
        out += "\nMore: help VERB (e.g. help add action), help kinds (fields for where/order by/group by), help dates.\n"
        return out
    }

    static func section(_ name: String, _ title: String) -> String {
        var out = "\(title):\n"
        for spec in CommandTable.all where spec.topic == name {
            out += "\n  \(spec.synopsis)\n      \(spec.summary)\n"
        }
        return out
    }

    /// One command's synopsis, summary and examples.
    public static func detail(_ spec: CommandSpec) -> String {
        var out = "\(spec.synopsis)\(spec.atMeeting ? "   (m: at the current meeting or at M-n)" : "")\n  \(spec.summary)\n"
        if !spec.examples.isEmpty {
            out += "  Examples:\n"
            for e in spec.examples { out += "    \(e)\n" }
        }
        return out
    }

    static func kinds() -> String {
        var out = "Kinds and their fields (for list, count, where, order by and group by):\n"
        for k in QueryKinds.all {
            out += "  \(k.name): \(k.fields.map(\.name).joined(separator: ", "))\n"
        }
        out += "`overdue` and `outstanding` are conditions on actions, commissions, requirements, reviews and escalations.\n"
        return out
    }

    static func dates() -> String {
        """
        Dates: 2027-03-01; today, tomorrow, yesterday; today+14d, today-2w, +3d, -1mo (relative to the register's clock).
        Durations: 14d, 2w, 3mo. The clock is --today, else $TCG_TODAY, else `set today`, else the system date.
        Arithmetic (spaces round the sign): today + 14d, 2027-01-10 - 2w, $n + 1, and due - today (days between).

        """
    }
}
