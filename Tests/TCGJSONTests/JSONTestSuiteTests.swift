import Foundation
import TCGJSON
import XCTest

/// Runs the public JSON parser test suite (nst/JSONTestSuite, `test_parsing`):
/// every `y_` file must parse, every `n_` file must be rejected with a
/// `JSONError`, and every `i_` file must do one or the other without crashing.
final class JSONTestSuiteTests: XCTestCase {
    /// A test-suite file: its name and bytes.
    private struct Case {
        let name: String
        let bytes: [UInt8]
    }

    /// Raised when the suite folder cannot be found.
    private struct SuiteMissing: Error, CustomStringConvertible {
        let description: String
    }

    /// The `test_parsing` folder: from `TCG_JSON_TEST_SUITE` (the suite root or
    /// its `test_parsing` folder) if set, else `../../../shared/data/json-test-suite`
    /// relative to this file's folder.
    ///
    /// Without `TCG_JSON_TEST_SUITE` and without `../shared` beside the package (a plain
    /// clone) the test is skipped, saying so; with `../shared` present a missing suite fails.
    private func parsingFolder() throws -> URL {
        var candidates: [URL] = []
        let override = ProcessInfo.processInfo.environment["TCG_JSON_TEST_SUITE"] ?? ""
        if !override.isEmpty {
            let root = URL(fileURLWithPath: override)
            candidates.append(root.appendingPathComponent("test_parsing"))
            candidates.append(root)
        }
        let testsFolder = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        let shared = testsFolder.appendingPathComponent("../../../shared").standardizedFileURL
        var isFolder: ObjCBool = false
        if override.isEmpty, !(FileManager.default.fileExists(atPath: shared.path, isDirectory: &isFolder) && isFolder.boolValue) {
            throw XCTSkip("../shared/data/json-test-suite is absent (a plain clone, no \(shared.path)): skipped; "
                          + "CI, which has ../shared, runs it (or set TCG_JSON_TEST_SUITE)")
        }
        let suite = shared.appendingPathComponent("data/json-test-suite")
        candidates.append(suite.appendingPathComponent("test_parsing"))
        for candidate in candidates {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: candidate.path)) ?? []
            if names.contains(where: { $0.hasPrefix("y_") && $0.hasSuffix(".json") }) {
                return candidate
            }
        }
        let message = "JSON test suite not found. Looked in: "
            + candidates.map(\.path).joined(separator: ", ")
            + ". Set TCG_JSON_TEST_SUITE to the json-test-suite folder."
        XCTFail(message)
        throw SuiteMissing(description: message)
    }

    /// All `.json` files of the suite whose names start with `prefix`, sorted.
    private func cases(_ prefix: String) throws -> [Case] {
        let folder = try parsingFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return Case(name: name, bytes: [UInt8](data))
        }
    }

    /// Validates a whole document with `skipValue` + `finish` (no tree).
    private func skipWhole(_ bytes: [UInt8]) throws {
        var reader = JSONReader(bytes: bytes)
        try reader.skipValue()
        try reader.finish()
    }

    func testEveryAcceptFileParses() throws {
        let accepted = try cases("y_")
        XCTAssertGreaterThanOrEqual(accepted.count, 90, "the suite has 95 y_ files")
        for file in accepted {
            do {
                let value = try JSONValue.parse(file.bytes)
                // The same document, skipped instead of read, is accepted too.
                try skipWhole(file.bytes)
                // Writing the value and reading it back gives the same value.
                var writer = JSONWriter()
                writer.value(value)
                XCTAssertEqual(try JSONValue.parse(writer.bytes), value, file.name)
            } catch {
                XCTFail("\(file.name) should parse but failed: \(error)")
            }
        }
    }

    func testEveryRejectFileThrowsJSONError() throws {
        let rejected = try cases("n_")
        XCTAssertGreaterThanOrEqual(rejected.count, 180, "the suite has 188 n_ files")
        for file in rejected {
            do {
                let value = try JSONValue.parse(file.bytes)
                XCTFail("\(file.name) should be rejected but parsed as \(value)")
            } catch {
                XCTAssertTrue(error.offset >= 0 && error.offset <= file.bytes.count, file.name)
                XCTAssertGreaterThanOrEqual(error.line, 1, file.name)
                XCTAssertGreaterThanOrEqual(error.column, 1, file.name)
                XCTAssertFalse(error.message.isEmpty, file.name)
            }
            XCTAssertThrowsError(try skipWhole(file.bytes), "skipValue should reject \(file.name)")
        }
    }

    func testImplementationDefinedFilesParseOrThrowConsistently() throws {
        // Neither may crash; reaching the end of the loop proves it.
        let undecided = try cases("i_")
        XCTAssertGreaterThanOrEqual(undecided.count, 30, "the suite has 35 i_ files")
        for file in undecided {
            let parsed = (try? JSONValue.parse(file.bytes)) != nil
            let skipped = (try? skipWhole(file.bytes)) != nil
            // Skipping checks everything reading does except the magnitude of
            // numbers (i_number_huge_exp and friends are read as errors, since
            // a Double cannot hold them, but are well-formed and skip fine).
            if parsed || !file.name.hasPrefix("i_number_") {
                XCTAssertEqual(parsed, skipped, "readValue and skipValue disagree on \(file.name)")
            }
        }
    }

    func testSelectedAcceptFilesDecodeToTheRightValues() throws {
        let byName = Dictionary(uniqueKeysWithValues: try cases("y_").map { ($0.name, $0.bytes) })
        func value(_ name: String) throws -> JSONValue {
            try JSONValue.parse(try XCTUnwrap(byName[name], "missing \(name)"))
        }
        XCTAssertEqual(try value("y_string_accepted_surrogate_pair.json"), .array([.string("\u{10437}")]))
        XCTAssertEqual(try value("y_string_utf8.json"), .array([.string("€𝄞")]))
        XCTAssertEqual(try value("y_string_null_escape.json"), .array([.string("\u{0}")]))
        XCTAssertEqual(try value("y_number_real_capital_e_neg_exp.json"), .array([.number(0.01)]))
        XCTAssertEqual(
            try value("y_object_duplicated_key.json"),
            .object([("a", .string("b")), ("a", .string("c"))]))
    }
}
