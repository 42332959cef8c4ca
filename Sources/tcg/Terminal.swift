#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process is attached to: terminals, width, colour.
struct Terminal {
    /// stdin is a terminal.
    let stdinIsTerminal = isatty(0) == 1
    /// stdout is a terminal.
    let stdoutIsTerminal = isatty(1) == 1
    /// stderr is a terminal.
    let stderrIsTerminal = isatty(2) == 1

    /// Colours only on a terminal, and never with NO_COLOR set.
    var colorOnStderr: Bool { stderrIsTerminal && getenv("NO_COLOR") == nil && String(cString: getenv("TERM") ?? strdup("dumb")) != "dumb" }

    /// The width of the terminal on stdout, or nil when stdout is not a terminal.
    var width: Int? {
        guard stdoutIsTerminal else { return nil }
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 0 { return n }
        return 80
    }
}
