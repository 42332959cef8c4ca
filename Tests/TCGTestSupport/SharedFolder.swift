import Foundation

/// `../shared`, the folder beside the package that CI provides (the JSON parsing test suite,
/// the spec's worked example). A plain `git clone` has no such folder: the tests that need it
/// are then skipped, saying so, and every other test runs.
///
/// Only the absence of `../shared` itself skips: when it is there, a file missing inside it is
/// a failure, as before, so that CI cannot quietly stop running these tests.
public enum SharedFolder {
    /// `../shared`, beside the package root (found from this file's path).
    public static var root: URL {
        // …/PACKAGE/Tests/TCGTestSupport/SharedFolder.swift → …/shared
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Whether `../shared` exists (as a folder).
    public static var isPresent: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// `relative` inside `../shared`.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The reason to skip a test that needs `../shared/RELATIVE`, or nil when `../shared`
    /// exists (the test then runs, and fails if the file is missing).
    public static func skipReason(_ relative: String) -> String? {
        if isPresent { return nil }
        let shown = "../shared/" + relative
        return "\(shown) is absent (a plain clone, no \(root.path)): skipped; CI, which has ../shared, runs it"
    }
}
