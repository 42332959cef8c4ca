/// Writes a file other than the workspace (a report) the way the workspace is saved: owner-only
/// (0600), to a temporary file that is fsynced and renamed over the target, then the folder fsynced.
public enum DurableFile {
    /// Replaces the file at `path` with `bytes`, durably; the old file stays whole if this fails.
    public static func write(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        try AtomicFileWriter.replace(path, with: bytes)
    }
}
