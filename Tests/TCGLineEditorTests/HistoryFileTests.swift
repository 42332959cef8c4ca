import Foundation
import XCTest
@testable import TCGLineEditor

final class HistoryFileTests: XCTestCase {
    func testTCGHistoryWinsOverEverything() {
        let environment = ["TCG_HISTORY": "/x/tcg-hist", "XDG_STATE_HOME": "/nonexistent/state", "HOME": "/home/u"]
        XCTAssertEqual(HistoryFile.path(environment: environment), "/x/tcg-hist")
    }

    func testXDGStateHomeIsNextAndItsFolderIsCreatedPrivate() throws {
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("tcg-xdg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let path = HistoryFile.path(environment: ["XDG_STATE_HOME": state, "HOME": "/home/u"])
        XCTAssertEqual(path, state + "/tcg/history")
        var status = stat()
        XCTAssertEqual(stat(state + "/tcg", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFDIR)
        XCTAssertEqual(status.st_mode & 0o777, 0o700)
    }

    func testHomeIsTheFallback() {
        XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/u"]), "/home/u/.tcg_history")
        XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/u", "TCG_HISTORY": ""]), "/home/u/.tcg_history")
        XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "relative/state"]),
                       "/home/u/.tcg_history")
    }

    func testNoneOfTheVariablesGivesNil() {
        XCTAssertNil(HistoryFile.path(environment: [:]))
    }
}
