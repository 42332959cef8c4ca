/// A workspace that cannot be read, parsed, locked or written: which file and what went wrong.
///
/// The executable prints it as `PATH: error: MESSAGE` (then the help, if any) and exits with
/// status 3.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The workspace file concerned.
    public var path: String
    /// What went wrong, in plain words (with `line L, column C:` when a position is known).
    public var message: String
    /// What to do about it, when there is advice to give.
    public var help: String?

    /// Creates an error about the workspace at `path`.
    public init(path: String, message: String, help: String? = nil) {
        self.path = path
        self.message = message
        self.help = help
    }

    /// `PATH: error: MESSAGE`.
    public var description: String { "\(path): error: \(message)" }
}

extension StoreError {
    /// The error as tcg prints it: the message, then its `help:` line when it has one.
    public var report: String {
        "\(self)" + (help.map { "\nhelp: \($0)" } ?? "")
    }
}
