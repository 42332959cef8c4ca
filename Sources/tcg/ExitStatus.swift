#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGStore

/// tcg's exit statuses (README "Exit status"): the one place their numbers are written.
enum ExitStatus: Int32, Sendable {
    /// Everything asked for was done.
    case success = 0
    /// A statement (or a check, a test script, the audit chain) failed.
    case statementFailed = 1
    /// The command line was wrong: an unknown option, a missing FILE, a bad date or format.
    case usage = 2
    /// The workspace cannot be read, is not a tcg workspace, is locked by another writer, or does
    /// not exist for a query or `tcg verify`.
    case workspace = 3

    /// The status for an error that ended a run: the one place error types are mapped.
    init(for error: any Error) {
        switch error {
        case is StoreError: self = .workspace
        default: self = .statementFailed
        }
    }

    /// The worse of two statuses (the higher number).
    func worse(_ other: ExitStatus) -> ExitStatus {
        other.rawValue > rawValue ? other : self
    }

    /// Ends the process with this status.
    func exit() -> Never {
        Glibc.exit(rawValue)
    }
}
