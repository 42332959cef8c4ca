import XCTest
@testable import TCGLineEditor
#if canImport(Glibc)
import Glibc
#endif

final class PlainLineEditorTests: XCTestCase {
    func testReadsLinesFromAPipeUntilTheEnd() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let input = Array("show tasks\r\nZoë O'Brien-Müller\n\nlast without newline".utf8)
        XCTAssertEqual(input.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }, input.count)
        close(ends[1])
        defer { close(ends[0]) }

        let editor = PlainLineEditor(fileDescriptor: ends[0])
        editor.addHistory("ignored")
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .line("show tasks"))
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .line("Zoë O'Brien-Müller"))
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .line(""))
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .line("last without newline"))
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .endOfFile)
        XCTAssertEqual(editor.readLine(prompt: "tcg> "), .endOfFile)
    }
}
