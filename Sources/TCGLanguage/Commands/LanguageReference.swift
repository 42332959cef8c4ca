/// The command reference of docs/language.md, generated from the command table.
public enum LanguageReference {
    /// Markers around the generated part of docs/language.md.
    public static let begin = "<!-- commands:begin (generated from the command table; a test checks it) -->"
    /// The end marker.
    public static let end = "<!-- commands:end -->"

    /// Every command, by topic: synopsis, what it does, examples.
    public static func markdown() -> String {
        var out = ""
        for (topic, title) in Help.topics {
            out += "### \(title)\n\n"
            for spec in CommandTable.all where spec.topic == topic {
                out += "#### `\(spec.words.joined(separator: " "))`\(spec.atMeeting ? " (m)" : "")\n\n"
                out += "```\n\(spec.synopsis)\n```\n\n\(spec.summary)\n\n"
                if !spec.examples.isEmpty {
                    out += "```\n" + spec.examples.joined(separator: "\n") + "\n```\n\n"
                }
            }
        }
        out += "### Kinds and fields\n\n| KIND | fields |\n| --- | --- |\n"
        for k in QueryKinds.all {
            let visible = k.outputFields.map(\.name)
            let hidden = k.fields.filter(\.hidden).map(\.name)
            out += "| \(k.name) | \(visible.joined(separator: ", "))\(hidden.isEmpty ? "" : " (also in `where`: \(hidden.joined(separator: ", ")))") |\n"
        }
        return out
    }
}
