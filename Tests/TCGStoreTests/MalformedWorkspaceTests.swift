import TCGDomain
import TCGStore
import TCGTestSupport
import XCTest

final class MalformedWorkspaceTests: XCTestCase {
    /// The shared JSON test suite, found from this file's path. Skips the test when there is
    /// no `../shared` beside the package (a plain clone); fails when `../shared` lacks it.
    private func jsonTestSuite() throws -> String {
        if let reason = SharedFolder.skipReason("data/json-test-suite") { throw XCTSkip(reason) }
        let here = #filePath
        let parts = here.split(separator: "/", omittingEmptySubsequences: false)
        // …/main/Tests/TCGStoreTests/ThisFile.swift → …/shared/data/json-test-suite/test_parsing
        let root = parts.dropLast(4).joined(separator: "/")
        let suite = root + "/shared/data/json-test-suite/test_parsing"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: suite, isDirectory: &isFolder), isFolder.boolValue else {
            XCTFail("the JSON test suite is missing: expected it at \(suite)")
            throw MissingFixture(what: "the JSON test suite")
        }
        return suite
    }

    /// Opening `path` fails with a StoreError that names the file; returns the error.
    @discardableResult
    private func assertRefused(_ path: String, _ fragment: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> StoreError? {
        do {
            _ = try WorkspaceFile(path: path).open()
            XCTFail("\(path) was accepted", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(error.path, path, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("\(path): error: "), error.description, file: file, line: line)
            if let fragment {
                XCTAssertTrue(error.message.contains(fragment), "expected “\(fragment)” in: \(error.message)", file: file, line: line)
            }
            return error
        }
    }

    /// Writes `text` as a workspace and checks that opening it fails mentioning `fragment`.
    private func assertRefused(text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        try write(Array(text.utf8), to: path)
        assertRefused(path, fragment, file: file, line: line)
    }

    /// The sample workspace's text.
    private func sampleText() throws -> String {
        String(decoding: try WorkspaceFormat.encode(try SampleRegister.make()), as: UTF8.self)
    }

    /// `text` with one exact occurrence of `old` replaced.
    private func replacing(_ text: String, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(text.contains(old), "the sample does not contain \(old)", file: file, line: line)
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    func testEveryJSONTestSuiteFileIsRefusedAndLeftUnchanged() throws {
        let suite = try jsonTestSuite()
        let names = try FileManager.default.contentsOfDirectory(atPath: suite).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(names.count, 300)
        let folder = try TempFolder()
        for name in names {
            let original = try bytes(of: suite + "/" + name)
            let path = folder.file(name)
            try write(original, to: path)
            assertRefused(path)
            XCTAssertThrowsError(try WorkspaceFile(path: path, lockTimeout: 0).transaction { r in
                _ = try r.addPerson(name: "Not Saved", role: nil, unit: nil, agency: nil)
                logged(&r, "add person")
            }, name) { XCTAssertTrue($0 is StoreError, "\(name): \($0)") }
            XCTAssertEqual(try bytes(of: path), original, "\(name) was changed")
            XCTAssertEqual(try bytes(of: suite + "/" + name), original)
        }
        let leftovers = try folder.listing().filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
    }

    func testTruncatedWorkspacesAreRefused() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let whole = try WorkspaceFormat.encode(try SampleRegister.make())
        XCTAssertGreaterThan(whole.count, 5000)
        // Cut short of the closing brace (the last byte is the newline after it): at every
        // length in the first 300 bytes and the last 100, and every 7th length between (all
        // decoded from memory); every 17th of those is also written and opened as a file.
        let lengths = (0..<(whole.count - 1)).filter { $0 < 300 || $0 > whole.count - 100 || $0 % 7 == 0 }
        XCTAssertGreaterThan(lengths.count, 1000)
        for length in lengths {
            let cut = Array(whole[0..<length])
            XCTAssertThrowsError(try WorkspaceFormat.decode(cut, path: path), "length \(length)") { error in
                XCTAssertTrue("\(error)".hasPrefix("\(path): error: "), "\(error)")
            }
            if length % 17 == 0 || length > whole.count - 20 {
                try write(cut, to: path)
                let error = assertRefused(path)
                if length == 0 { XCTAssertEqual(error?.message, "is empty, not a tcg workspace") }
            }
        }
        try write(Array(whole.dropLast()), to: path)
        XCTAssertNoThrow(try WorkspaceFile(path: path).open(), "without the final newline it is still whole")
    }

    func testNotAWorkspace() throws {
        try assertRefused(text: "", "is empty, not a tcg workspace")
        try assertRefused(text: "   \n", "is not a tcg workspace")
        try assertRefused(text: "[1, 2]", "is not a tcg workspace (the document is an array, not an object)")
        try assertRefused(text: "{}", "is not a tcg workspace (the document is an empty object)")
        try assertRefused(text: "{\"name\": \"x\", \"format\": \"tcg-workspace\"}", "is not a tcg workspace")
        try assertRefused(text: "{\"format\": \"tcg-register\", \"version\": 1}", "is not a tcg workspace (its format is \"tcg-register\")")
        try assertRefused(text: "{\"format\": 1, \"version\": 1}", "is not a tcg workspace")
        try assertRefused(text: "{\"format\": \"tcg-workspace\"", "unexpected end of input")
        let text = try sampleText()
        try assertRefused(text: replacing(text, "\"format\": \"tcg-workspace\"", "\"format\": \"tcg_workspace\""), "is not a tcg workspace")
    }

    func testNewerOrUnknownVersionIsRefused() throws {
        let text = try sampleText()
        try assertRefused(text: replacing(text, "\"version\": 3,", "\"version\": 4,"),
                          "was written by a newer tcg (format version 4); this tcg reads versions 1 to 3")
        try assertRefused(text: replacing(text, "\"version\": 3,", "\"version\": 0,"), "has format version 0")
        try assertRefused(text: replacing(text, "\"version\": 3,", "\"version\": \"2\","), "version: expected an integer")
        try assertRefused(text: replacing(text, "\"version\": 3,", "\"version\": 2.5,"), "expected an integer")
        try assertRefused(text: replacing(text, "\"version\": 3,", ""), "expected \"version\" right after \"format\"")
    }

    /// Version 2 requires what version 1 left optional: `journal_seq`, and every audit entry's
    /// `hash` (checked at open for every entry, though only the last is decoded then).
    func testVersion2RequiresTheWatermarkAndEveryHash() throws {
        let text = try sampleText()
        try assertRefused(text: replacing(text, "\"journal_seq\": 0,\n", ""), "missing \"journal_seq\" (required from format version 2)")
        let first = try XCTUnwrap(text.range(of: ",\"hash\":\""))
        let hash = text[first.lowerBound..<text.index(first.upperBound, offsetBy: 65)]
        try assertRefused(text: replacing(text, String(hash), ""), "audit[0]: missing \"hash\" (required from format version 2)")
        let last = try XCTUnwrap(text.range(of: ",\"hash\":\"", options: .backwards))
        try assertRefused(text: text.replacingCharacters(in: last, with: ",\"hash\":\"X"), "hash: expected 64 lower-case hex digits")
    }

    func testDuplicateAndMisorderedIDsAreRefused() throws {
        let text = try sampleText()
        try assertRefused(text: replacing(text, "{\"id\":\"A-2\",", "{\"id\":\"A-1\","), "actions[1]: duplicate id A-1")
        try assertRefused(text: replacing(text, "{\"id\":\"A-2\",", "{\"id\":\"A-9\","), "actions[2]: A-3 comes after A-9")
        try assertRefused(text: replacing(text, "{\"id\":\"PE-2\",", "{\"id\":\"PE-1\","), "people[1]: duplicate id PE-1")
        try assertRefused(text: replacing(text, "\"A\":4", "\"A\":3"), "last_ids.A is 3 but actions has A-4")
        try assertRefused(text: replacing(text, "\"name\":\"Bob Quinn\"", "\"name\":\"ann LEE\""), "people[1]: the name \"ann LEE\" is already used by PE-1")
        try assertRefused(text: replacing(text, "\"actions\": [", "\"actions\": [],\n  \"actions\": ["), "\"actions\" appears twice")
    }

    func testBadValuesAreRefusedWithTheirPlace() throws {
        let text = try sampleText()
        let refused: [(String, String, String)] = [
            ("\"status\":\"done\"", "\"status\":\"opn\"", "actions[1].status: unknown status \"opn\" (expected open, done or cancelled)"),
            ("\"type\":\"enforcement\"", "\"type\":\"arrest\"", "actions[0].type: unknown type \"arrest\""),
            ("\"scope\":\"crime-impact\"", "\"scope\":\"crime_impact\"", "reviews[0].scope: unknown scope"),
            ("\"kind\":\"stcg\"", "\"kind\":\"STCG\"", "meetings[0].kind: unknown kind \"STCG\""),
            ("{\"id\":\"A-1\",", "{\"id\":\"DP-1\",", "actions[0].id: expected an A-n id, found \"DP-1\""),
            ("{\"id\":\"A-1\",", "{\"id\":\"A-01\",", "expected an A-n id, found \"A-01\""),
            ("{\"id\":\"A-1\",", "{\"id\":\"a-1\",", "expected an A-n id"),
            ("{\"id\":\"A-1\",", "{\"id\":1,", "actions[0].id: expected a string, found a number"),
            ("\"owner\":\"PE-2\"", "\"owner\":\"Bob Quinn\"", "expected a PE-n id, found \"Bob Quinn\""),
            ("\"owner\":\"PE-2\"", "\"owner\":\"PE-99\"", ".owner: PE-99 is not a person in the register"),
            ("\"chair\":\"PE-1\"", "\"chair\":\"PE-42\"", "meetings[0].chair: PE-42 is not a person in the register"),
            ("\"parent\":\"Northshire\"", "\"parent\":\"Westshire\"", "units[1].parent: Westshire is not a unit in the register"),
            ("\"serves\":\"P-1\"", "\"serves\":\"P-9\"", "plans[0].serves: P-9 is not in the register"),
            ("\"plan\":\"DP-", "\"plan\":\"DP-9", ".plan: DP-9"),
            ("\"meeting\":\"M-", "\"meeting\":\"M-7", ".meeting: M-7"),
            ("\"name\":\"Ann Lee\",\"role\":\"intelligence-manager\",\"unit\":\"Northshire\"",
             "\"name\":\"Ann Lee\",\"role\":\"intelligence-manager\",\"unit\":\"Nowhere\"", "people[0].unit: Nowhere is not a unit in the register"),
            ("\"due\":\"2027-01-26\"", "\"due\":\"2027-02-30\"", "actions[0].due: expected a date YYYY-MM-DD that exists, found \"2027-02-30\""),
            ("\"due\":\"2027-01-26\"", "\"due\":\"26/01/2027\"", "expected a date YYYY-MM-DD"),
            ("\"clock\": \"2027-04-12\"", "\"clock\": \"2027-4-12\"", "clock: expected a date"),
            ("\"stcg_every\":\"3mo\"", "\"stcg_every\":\"quarterly\"", "units[0].stcg_every: expected a frequency"),
            ("\"subject\":{\"record\":\"A-1\"}", "\"subject\":{\"record\":\"A-1\",\"text\":\"x\"}", "escalations[0].subject: a subject is"),
            ("\"serves\":\"P-1\"", "\"serves\":\"A-1\"", "plans[0].serves: a plan serves a priority (P-n) or an escalation (E-n), not A-1"),
            ("{\"id\":\"A-1\",\"type\":\"enforcement\",", "{\"id\":\"A-1\",", "actions[0]: missing \"type\""),
            ("\"flagged\":true", "\"flagged\":\"yes\"", "reviews[0].flagged: expected a boolean"),
            ("\"A\":4", "\"A\":-1", "last_ids.A: must be at least 0"),
            ("\"units\": [", "\"units\": {", "units"),
            ("{\"id\":\"A-1\",", "{\"id\":\"A-1\",,", "actions[0]"),
        ]
        for (old, new, fragment) in refused {
            try assertRefused(text: replacing(text, old, new), fragment)
        }
    }

    func testErrorsGiveLineAndColumn() throws {
        let text = try sampleText()
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        try write(Array(replacing(text, "\"status\":\"done\"", "\"status\":\"opn\"").utf8), to: path)
        let error = try XCTUnwrap(assertRefused(path))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try XCTUnwrap(lines.firstIndex { $0.contains("\"status\":\"done\"") && $0.contains("A-2") }) + 1
        XCTAssertTrue(error.message.hasPrefix("line \(line), column "), error.message)
        XCTAssertNotNil(error.help)
    }

    func testAFolderIsNotAWorkspace() throws {
        let folder = try TempFolder()
        assertRefused(folder.path, "is a folder, not a tcg workspace")
    }
}
