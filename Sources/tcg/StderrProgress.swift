import TCGLanguage

/// Progress on long work (a script, `verify`, `demo`) goes to stderr, and only when stderr is a
/// terminal: redirected or piped, it prints nothing (docs/language.md, "Progress on long work").
extension ProgressMeter {
    /// A meter drawing on stderr from a second from now, or nil when stderr is not a terminal.
    static func onStderr(of terminal: Terminal, total: Int, label: String) -> ProgressMeter? {
        guard terminal.stderrIsTerminal else { return nil }
        return ProgressMeter(total: total, label: label, clock: { Session.monotonicMilliseconds() / 1000 },
                             write: { Console.writeAll(2, Array($0.utf8)) })
    }
}
