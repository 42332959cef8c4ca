import TCGText

/// Text from the register put into Markdown so it stays text: it can start no heading, row, list
/// item or tag. `&`, `<` and `>` become entities, `|` and `\` are escaped, a line break becomes
/// `<br>` (in a heading, a space), and controls and bidi characters are shown as `TerminalText`
/// shows them. Links and emphasis written in the data are left as Markdown.
public enum MarkdownText {
    /// Text for a table cell or after a list item's label: one line.
    public static func inline(_ text: String) -> String {
        escaped(text, lineBreak: "<br>")
    }

    /// Text for a heading's line: one line, line breaks as spaces.
    public static func heading(_ text: String) -> String {
        escaped(text, lineBreak: " ")
    }

    static func escaped(_ text: String, lineBreak: String) -> String {
        let special = text.utf8.contains { b in
            b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "|")
                || b == UInt8(ascii: "\\") || b == 0x0A || b == 0x0D
        }
        guard special else { return TerminalText.escaped(text, layout: .singleLine) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += lineBreak
            default: out.append(ch)
            }
        }
        return TerminalText.escaped(out, layout: .singleLine)
    }
}
