import CEditShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way it was if the process dies while libedit has it in raw mode.
public enum TerminalGuard {
    /// Saves the termios of standard input now; on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
    /// SIGTERM, SIGHUP or SIGQUIT restores it from a C handler (async-signal-safe), then lets the
    /// signal take its default course (after any handler installed earlier, such as Swift's
    /// crash backtracer). Signals already ignored (e.g. under nohup) stay ignored. Does nothing
    /// when standard input is not a terminal; calling it again only re-saves the termios.
    public static func install() {
        _ = tcg_terminal_guard_install(STDIN_FILENO)
    }
}
