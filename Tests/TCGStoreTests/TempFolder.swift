import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh folder under the system temp folder, removed (after restoring write permission)
/// when the test ends.
final class TempFolder {
    /// The folder's path.
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tcg-store-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw MissingFixture(what: "a temporary folder") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names of the files in the folder, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// The bytes of a file.
func bytes(of path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw MissingFixture(what: path)
    }
    return [UInt8](data)
}

/// Writes bytes to a file, replacing it.
func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The permission bits of a file.
func mode(of path: String) -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    return info.st_mode & 0o7777
}

/// A test needs something that is not there: the test fails (it is never skipped).
struct MissingFixture: Error, CustomStringConvertible {
    var what: String
    var description: String { "missing: \(what)" }
}
