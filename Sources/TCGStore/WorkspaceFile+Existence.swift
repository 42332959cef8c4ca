#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension WorkspaceFile {
    /// Whether anything has been stored here yet: the workspace file or its journal (or a
    /// dangling link by either name, which reading then reports) exists.
    public var exists: Bool {
        var info = stat()
        return lstat(path, &info) == 0 || lstat(journalPath, &info) == 0
    }

    /// The refusal of a query (or `tcg verify`) on a workspace that has not been created:
    /// it names the path as given and how to create it.
    public var missing: StoreError {
        StoreError(path: path, message: "no workspace here (the file does not exist)",
                   help: "a change creates it (e.g. tcg add unit NAME kind force), or give --workspace PATH")
    }

    /// ``missing`` when nothing has been stored here yet, else nil.
    public var absent: StoreError? { exists ? nil : missing }
}
