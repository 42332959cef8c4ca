#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGLanguage
import TCGText

/// Prints statements' output to stdout (buffered) and diagnostics to stderr.
///
/// Nothing from data drives a terminal: whatever goes to stdout while it is a terminal, and
/// whatever goes to stderr, has its controls and bidi characters shown escaped (`TerminalText`;
/// newlines and tabs are kept). Output to a file or a pipe is exact, except that tables, Markdown
/// and diagnostics are always escaped by the language, and JSON never holds those characters raw.
final class Console {
    let terminal: Terminal
    var format: OutputFormat
    private var buffer: [UInt8] = []
    /// At the prompt: long output goes through the pager.
    var interactive = false
    /// Prints nothing to stdout, and no warnings (errors still go to stderr): for `tcg demo`, whose
    /// script warns where the story means it to (a leaver who still owns work, before the handover).
    var silent = false
    /// Keeps everything printed instead of writing it: for `tcg test`.
    var captureOnly = false
    /// What was printed, when capturing.
    private(set) var captured = ""
    /// What was reported as errors, when capturing.
    private(set) var capturedErrors = ""

    init(format: OutputFormat, terminal: Terminal) {
        self.format = format
        self.terminal = terminal
        buffer.reserveCapacity(1 << 16)
    }

    /// Prints what a statement printed. In JSON and CSV, stdout carries only query answers (one
    /// JSON value or CSV table each), so that a pipe parses it; everything else (echo, help, and
    /// what `confirms`: created ids, `A-3 done`, `wrote FILE`) goes to stderr as people read it.
    func emit(_ output: Output, format: OutputFormat, confirms: Bool = false) {
        if silent { return }
        if format.isMachine, confirms || !output.isAnswer {
            note(Renderer(format: .table, width: nil).render(output))
            return
        }
        let text = captureOnly ? Renderer(format: format, width: nil).render(output)
            : AnsiStyle.render(Renderer(format: format, width: terminal.width).styled(output), color: terminal.colorOnStdout,
                               escaping: terminal.stdoutIsTerminal)
        if interactive, case .document = output {
            flush()
            if Pager.page(text, rows: terminal.rows) { return }
        }
        writeShown(text)
    }

    /// Writes text to stdout through the buffer, escaped when stdout is a terminal.
    func write(_ text: String) {
        writeShown(terminal.stdoutIsTerminal && !captureOnly ? TerminalText.escaped(text) : text)
    }

    /// Writes text that is already safe for stdout (escaped, with only our own escape codes).
    private func writeShown(_ text: String) {
        if captureOnly {
            captured += text
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 || terminal.stdoutIsTerminal { flush() }
    }

    func warn(_ diagnostic: Diagnostic, in source: SourceFile) {
        if silent { return }
        error(diagnostic, in: source)
    }

    /// Prints an error about a statement.
    func error(_ diagnostic: Diagnostic, in source: SourceFile) {
        if captureOnly {
            capturedErrors += diagnostic.render(in: source)
            return
        }
        flush()
        Console.writeErrorShown(AnsiStyle.render(diagnostic.styled(in: source, width: terminal.errorWidth), color: terminal.colorOnStderr, escaping: true))
    }

    /// Writes text meant for people to stderr, in its place among stdout's output (stdout is
    /// flushed first); kept with the errors when capturing.
    func note(_ text: String) {
        if captureOnly {
            capturedErrors += text
            return
        }
        flush()
        Console.writeError(text)
    }

    /// Prints a plain message to stderr.
    func message(_ text: String) {
        if captureOnly {
            capturedErrors += text
            return
        }
        flush()
        Console.writeError(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes what is buffered to stdout.
    func flush() {
        Console.writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes text to stderr, unbuffered, its controls and bidi characters escaped.
    static func writeError(_ text: String) { writeErrorShown(TerminalText.escaped(text)) }

    /// Writes text that is already safe for stderr.
    private static func writeErrorShown(_ text: String) { writeAll(2, Array(text.utf8)) }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
