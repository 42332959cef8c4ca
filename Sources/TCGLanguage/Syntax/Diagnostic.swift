import TCGDomain

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
    public func render(in fallback: SourceFile, color: Bool = false) -> String {
        let file = source ?? fallback
        let (line, column) = file.location(of: range.start)
        let text = file.lineText(line)
        let (endLine, endColumn) = file.location(of: range.end)
        let width = endLine == line ? max(1, endColumn - column) : 1
        var caretPad = ""
        var col = 1
        for ch in text {
            if col >= column { break }
            caretPad.append(ch == "\t" ? "\t" : " ")
            col += 1
        }
        let marker = "^" + String(repeating: "~", count: max(0, min(width, 200) - 1))
        let (bold, red, yellow, cyan, green, reset) = color
            ? ("\u{1B}[1m", "\u{1B}[1;31m", "\u{1B}[1;33m", "\u{1B}[1;36m", "\u{1B}[32m", "\u{1B}[0m")
            : ("", "", "", "", "", "")
        let label: String
        switch severity {
        case .error: label = "\(red)error:\(reset)"
        case .warning: label = "\(yellow)warning:\(reset)"
        case .note: label = "\(cyan)note:\(reset)"
        }
        var out = "\(bold)\(file.name):\(line):\(column):\(reset) \(label) \(bold)\(message)\(reset)\n"
        let shown = text.count > 400 ? String(text.prefix(400)) + "…" : text
        out += "    \(shown)\n"
        if column <= 401 { out += "    \(caretPad)\(green)\(marker)\(reset)\n" }
        if let help { out += "help: \(help)\n" }
        return out
    }
}
