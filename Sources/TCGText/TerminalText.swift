/// Text from data made safe to show to a person: the characters that could drive a terminal
/// (C0 and C1 controls, DEL), reorder what is shown (bidi controls) or hide (zero-width
/// characters, line separators) are written as visible escapes. Ordinary text comes back
/// unchanged, byte for byte.
///
/// The escapes: a C0 control as caret notation (`^[` for ESC, `^@` for NUL, `^M` for CR), DEL
/// as `^?`, every other escaped character as `\u{XXXX}` (e.g. `\u{202E}`). A newline is kept,
/// or in a single line shown as `⏎`; a tab is kept, or in a single line shown as `^I`.
public enum TerminalText {
    /// Where the text goes: whether newlines and tabs keep their meaning there.
    public enum Layout: Sendable {
        /// Lines of text (messages, `echo`, a whole rendered table): newline and tab are kept.
        case lines
        /// One line (a table cell, a field, a title, a completion candidate): newline is `⏎`, tab `^I`.
        case singleLine
    }

    /// `text` with every unsafe character escaped visibly; `text` itself when it has none.
    public static func escaped(_ text: String, layout: Layout = .lines) -> String {
        guard needsEscaping(text, layout: layout) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where layout == .lines, 0x09 where layout == .lines:
                out.unicodeScalars.append(scalar)
            case 0x0A:
                out += "⏎"
            case 0x00..<0x20:
                out += "^"
                out.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            case 0x7F:
                out += "^?"
            default:
                if UnsafeScalar.isUnsafe(scalar) {
                    out += "\\u{" + hex(scalar.value) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `text` holds a character `escaped(_:layout:)` would change.
    public static func needsEscaping(_ text: String, layout: Layout = .lines) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x20 && byte != 0x7F { continue }
            if layout == .lines && (byte == 0x0A || byte == 0x09) { continue }
            return true
        }
        if ascii { return false }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: if layout == .singleLine { return true }
            default: if UnsafeScalar.isUnsafe(scalar) { return true }
            }
        }
        return false
    }

    /// Uppercase hexadecimal, at least four digits.
    public static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }
}
