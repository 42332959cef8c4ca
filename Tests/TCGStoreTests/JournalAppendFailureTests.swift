#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import TCGStore
import XCTest

/// A journal append that fails leaves the journal as it was: cut back, or not there at all
/// when the append was to create it.
final class JournalAppendFailureTests: XCTestCase {
    /// Runs `body` with files limited to `bytes` bytes (writes past it fail with EFBIG).
    private func withFileSizeLimit(_ bytes: rlim_t, _ body: () throws -> Void) rethrows {
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
        let resource = RLIMIT_FSIZE
        #endif
        var saved = rlimit()
        XCTAssertEqual(getrlimit(resource, &saved), 0)
        let handler = signal(SIGXFSZ, SIG_IGN)
        var limited = saved
        limited.rlim_cur = bytes
        XCTAssertEqual(setrlimit(resource, &limited), 0)
        defer {
            setrlimit(resource, &saved)
            signal(SIGXFSZ, handler)
        }
        try body()
    }

    private let line = Array((String(repeating: "x", count: 200) + "\n").utf8)

    func testAFailedFirstAppendLeavesNoJournal() throws {
        let folder = try TempFolder()
        let workspace = folder.file("ws.json")
        try withFileSizeLimit(64) {
            XCTAssertThrowsError(try JournalFile.append(line, keep: 0, workspace: workspace)) { error in
                XCTAssertTrue((error as? StoreError)?.message.contains("writing the journal") == true, "\(error)")
            }
        }
        XCTAssertEqual(try folder.listing(), [], "no empty journal is left behind")
        // Without the limit the same append creates it.
        _ = try JournalFile.append(line, keep: 0, workspace: workspace)
        XCTAssertEqual(try bytes(of: workspace + ".journal"), line)
    }

    func testAFailedLaterAppendKeepsTheJournalAsItWas() throws {
        let folder = try TempFolder()
        let workspace = folder.file("ws.json")
        let first = Array("{\"seq\":1}\n".utf8)
        _ = try JournalFile.append(first, keep: 0, workspace: workspace)
        try withFileSizeLimit(64) {
            XCTAssertThrowsError(try JournalFile.append(line, keep: first.count, workspace: workspace))
        }
        XCTAssertEqual(try bytes(of: workspace + ".journal"), first)
    }
}
