#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file the REPL runs at start, like psql's psqlrc: `$XDG_CONFIG_HOME/tcg/tcgrc` when
/// `$XDG_CONFIG_HOME` is an absolute path and that file exists, else `$HOME/.tcgrc`. `-X` skips it.
enum InitFile {
    static func path(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            let path = (config.hasSuffix("/") ? String(config.dropLast()) : config) + "/tcg/tcgrc"
            if access(path, F_OK) == 0 { return path }
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.tcgrc"
        }
        return nil
    }
}
