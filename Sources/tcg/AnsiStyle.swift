import TCGLanguage
import TCGText

/// How styled output looks on a terminal: each style's ANSI SGR code, applied only when colour is
/// on (see `Terminal.colorOnStdout`/`colorOnStderr`); otherwise the plain text, byte for byte.
enum AnsiStyle {
    /// The SGR parameters for a style, or nil when it is printed as it is.
    static func code(for style: Style) -> String? {
        switch style {
        case .plain, .help: return nil
        case .heading, .location, .message: return "1"
        case .late: return "31"
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        case .caret: return "32"
        }
    }

    /// The text to write: escape codes around styled runs when `color`, else the plain text.
    /// When `escaping` (the stream is a terminal), controls and bidi characters in the runs are
    /// shown escaped first (`TerminalText`); only the escape codes added here reach the terminal.
    static func render(_ text: StyledText, color: Bool, escaping: Bool = false) -> String {
        guard color else { return escaping ? TerminalText.escaped(text.plain) : text.plain }
        var out = ""
        for run in text.runs {
            let shown = escaping ? TerminalText.escaped(run.text) : run.text
            if let code = code(for: run.style) {
                out += "\u{1B}[\(code)m" + shown + "\u{1B}[0m"
            } else {
                out += shown
            }
        }
        return out
    }
}
