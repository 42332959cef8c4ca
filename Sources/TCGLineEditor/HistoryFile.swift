#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL keeps its history.
public enum HistoryFile {
    /// `$TCG_HISTORY`, else `$XDG_STATE_HOME/tcg/history` (creating the folder, mode 0700),
    /// else `$HOME/.tcg_history`; nil when none applies. Empty values count as unset, and so
    /// does a relative `$XDG_STATE_HOME` (as the XDG spec says); if the XDG folder cannot be
    /// created the `$HOME` file is used instead.
    public static func path(environment: [String: String]) -> String? {
        if let explicit = environment["TCG_HISTORY"], !explicit.isEmpty {
            return explicit
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            let base = state.hasSuffix("/") ? String(state.dropLast()) : state
            let folder = base + "/tcg"
            if makeDirectory(base, mode: 0o700), makeDirectory(folder, mode: 0o700) {
                return folder + "/history"
            }
        }
        if let home = environment["HOME"], !home.isEmpty {
            let base = home.hasSuffix("/") ? String(home.dropLast()) : home
            return base + "/.tcg_history"
        }
        return nil
    }

    /// Creates `path` with `mode` unless a directory is already there; true if one is there afterwards.
    private static func makeDirectory(_ path: String, mode: mode_t) -> Bool {
        if mkdir(path, mode) == 0 {
            _ = chmod(path, mode)  // mkdir's mode is filtered by the umask
            return true
        }
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
