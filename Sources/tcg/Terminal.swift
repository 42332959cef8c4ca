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
    var colorOnStderr: Bool { stderrIsTerminal && Terminal.colorAllowed }

    /// Colours in tables on stdout: a terminal, and NO_COLOR not set.
    var colorOnStdout: Bool { stdoutIsTerminal && Terminal.colorAllowed }

    /// NO_COLOR is not set and the terminal is not "dumb".
    static var colorAllowed: Bool {
        guard getenv("NO_COLOR") == nil else { return false }
        guard let term = getenv("TERM") else { return false }
        return String(cString: term) != "dumb"
    }

    /// The height of the terminal on stdout, or nil.
    var rows: Int? {
        guard stdoutIsTerminal else { return nil }
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 { return Int(ws.ws_row) }
        return nil
    }

    /// The width of the terminal on stdout, or nil when stdout is not a terminal.
    var width: Int? { stdoutIsTerminal ? Terminal.columns(of: 1) : nil }

    /// The width of the terminal on stderr (where diagnostics go), or nil when it is not one.
    var errorWidth: Int? { stderrIsTerminal ? Terminal.columns(of: 2) : nil }

    /// The columns of the terminal on a descriptor, else `COLUMNS`, else 80.
    static func columns(of fd: Int32) -> Int {
        var ws = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 0 { return n }
        return 80
    }
}
