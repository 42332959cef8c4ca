import TCGDomain
import TCGText

/// An error or warning about a place in a script. The parser and interpreter return these; they never print.
public struct Diagnostic: Error, Sendable, Equatable {
    /// How serious.
    public enum Severity: String, Sendable { case error, warning, note }
    /// Error or warning.
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// Where.
    public var range: SourceRange
    /// How to fix it, or a "did you mean".
    public var help: String?
    /// The source it is about (nil: the source being run).
    public var source: SourceFile?
    /// Not an error in the script: the statement changes the register and the session must take
    /// the writer lock first, then run the statements again (see ``Interpreter/mayWrite``).
    public internal(set) var needsWriter = false

    /// The signal that a change needs the writer lock.
    static func needsWriter(at range: SourceRange) -> Diagnostic {
        var d = Diagnostic(.note, "this statement changes the register: run again under the writer lock", range: range)
        d.needsWriter = true
        return d
    }

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, range: SourceRange, help: String? = nil, source: SourceFile? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help
        self.source = source
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.message == b.message && a.range == b.range && a.help == b.help
    }

    /// Renders like a compiler: `FILE:LINE:COL: error: MESSAGE`, the source line, a caret, and help.
    public func render(in fallback: SourceFile) -> String {
        styled(in: fallback).plain
    }

    /// Renders as plain text; colour is no longer the language's to apply, so `color` is ignored.
    @available(*, deprecated, message: "use render(in:) for plain text, or styled(in:) and map the styles in the executable")
    public func render(in fallback: SourceFile, color: Bool) -> String {
        render(in: fallback)
    }

    /// The rendering of `render(in:)`, with the location, label, message, caret and help marked.
    /// The file name, message, source line and help quote data, so their controls and bidi
    /// characters are shown escaped (`TerminalText`); the caret still lines up under the column.
    /// Given a terminal's `width`, a source line too wide for it is shown as a window around the
    /// column, `…` marking the cut sides, so the line does not wrap and the caret stays under it.
    public func styled(in fallback: SourceFile, width terminalWidth: Int? = nil) -> StyledText {
        let file = source ?? fallback
        let (line, column) = file.location(of: range.start)
        let raw = file.lineText(line)
        let (endLine, endColumn) = file.location(of: range.end)
        // Columns count Unicode scalars; an escaped one takes the room its escape takes.
        let rawWidth = endLine == line ? max(1, endColumn - column) : 1
        var width = rawWidth
        var caretPad = ""
        var col = 1
        for scalar in raw.unicodeScalars {
            if col >= column + rawWidth { break }
            let shownWidth = UnsafeScalar.isUnsafe(scalar) && scalar != "\t" ? TerminalText.escaped(String(scalar)).count : 1
            if col >= column {
                width += shownWidth - 1
            } else if scalar == "\t" {
                caretPad.append("\t")
            } else {
                caretPad += String(repeating: " ", count: shownWidth)
            }
            col += 1
        }
        let text = TerminalText.escaped(raw)
        let marker = "^" + String(repeating: "~", count: max(0, min(width, 200) - 1))
        var out = StyledText("\(TerminalText.escaped(file.name, layout: .singleLine)):\(line):\(column):", .location)
        out.append(" ")
        switch severity {
        case .error: out.append("error:", .error)
        case .warning: out.append("warning:", .warning)
        case .note: out.append("note:", .note)
        }
        out.append(" ")
        out.append(TerminalText.escaped(message, layout: .singleLine), .message)
        if let terminalWidth, let (shown, pad, caret) = Self.window(text, caretPad: caretPad, marker: marker, room: terminalWidth - 5) {
            out.append("\n    \(shown)\n    \(pad)")
            out.append(caret, .caret)
            out.append("\n")
        } else {
            let shown = text.count > 400 ? String(text.prefix(400)) + "…" : text
            out.append("\n    \(shown)\n")
            if column <= 401 {
                out.append("    \(caretPad)")
                out.append(marker, .caret)
                out.append("\n")
            }
        }
        if let help {
            out.append("help:", .help)
            out.append(" \(TerminalText.escaped(help, layout: .singleLine))\n")
        }
        return out
    }

    /// The part of a shown source line that fits `room` characters around the caret, with `…`
    /// where it is cut, the padding that puts the caret under the same character, and the caret
    /// (cut to the window); nil when the line fits or is one the window cannot measure (tabs).
    static func window(_ text: String, caretPad: String, marker: String, room: Int) -> (String, String, String)? {
        let line = Array(text.unicodeScalars)
        guard room >= 20, line.count > room, !caretPad.contains("\t") else { return nil }
        let at = caretPad.unicodeScalars.count
        var start = max(0, at - room / 3)
        let end = min(line.count, start + room)
        start = max(0, min(start, end - room))
        var shown = String(String.UnicodeScalarView(line[start..<end]))
        let pad = String(repeating: " ", count: at - start)
        if start > 0 {
            shown = "…" + String(shown.unicodeScalars.dropFirst())
        }
        if end < line.count {
            shown = String(shown.unicodeScalars.dropLast()) + "…"
        }
        let caret = String(marker.prefix(max(1, end - at - (end < line.count ? 1 : 0))))
        return (shown, pad, caret)
    }
}
