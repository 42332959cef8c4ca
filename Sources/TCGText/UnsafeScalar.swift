/// The kinds of character that must never reach a terminal or a name as they are.
public enum UnsafeScalar {
    /// A C0 control (U+0000–U+001F, newline and tab included), DEL or a C1 control (U+0080–U+009F).
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// A bidirectional formatting character: the embeddings and overrides U+202A–U+202E, the
    /// isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
    public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// A character that takes no room and shows nothing: U+200B–U+200D, U+2060 and U+FEFF.
    public static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// A line or paragraph separator (U+2028, U+2029), which some terminals take as a newline.
    public static func isLineSeparator(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x2028 || s.value == 0x2029
    }

    /// A space that looks like U+0020 but is not: no-break space U+00A0, U+2000–U+200A, U+202F,
    /// U+205F and U+3000.
    public static func isLookalikeSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// What `TerminalText` escapes, newline and tab aside: controls, bidi controls, line
    /// separators, and the zero-width characters other than the joiners U+200C and U+200D (which
    /// some scripts and emoji need to be shown right).
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        if s.value >= 0x20 && s.value < 0x7F { return false }
        if isControl(s) || isBidiControl(s) || isLineSeparator(s) { return true }
        return isZeroWidth(s) && s.value != 0x200C && s.value != 0x200D
    }

    /// What a name must not hold: controls, bidi controls, line separators and zero-width characters.
    public static func isForbiddenInName(_ s: Unicode.Scalar) -> Bool {
        isControl(s) || isBidiControl(s) || isLineSeparator(s) || isZeroWidth(s)
    }
}

extension UnsafeScalar {
    /// A character named for a message: `U+202E (a bidi control)`.
    public static func describe(_ s: Unicode.Scalar) -> String {
        let what: String
        if isControl(s) {
            what = "a control character"
        } else if isBidiControl(s) {
            what = "a bidi control"
        } else if isZeroWidth(s) {
            what = "a zero-width character"
        } else if isLineSeparator(s) {
            what = "a line separator"
        } else {
            what = "a character"
        }
        return "U+" + TerminalText.hex(s.value) + " (\(what))"
    }
}
