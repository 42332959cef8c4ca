import Foundation
import TCGDomain
import TCGJSON
@testable import TCGStore
import TCGTestSupport
import XCTest

final class SchemaTests: XCTestCase {
    /// `docs/NAME` in this package, found from this file's path.
    private func doc(_ name: String) throws -> [UInt8] {
        try Self.doc(name)
    }

    /// `docs/NAME` in this package, found from this file's path.
    static func doc(_ name: String) throws -> [UInt8] {
        let root = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let path = root + "/docs/" + name
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("missing \(path)")
            throw MissingFixture(what: path)
        }
        return try bytes(of: path)
    }

    private func schema() throws -> JSONValue {
        try JSONValue.parse(try doc("workspace.schema.json"))
    }

    /// The sample register saved by WorkspaceFile, parsed as JSON.
    private func savedSample() throws -> JSONValue {
        let folder = try TempFolder()
        let path = folder.file("tcg-workspace.json")
        let sample = try SampleRegister.make()
        try WorkspaceFile(path: path).transaction { $0 = sample }
        return try JSONValue.parse(try bytes(of: path))
    }

    func testSavedWorkspaceMatchesTheSchema() throws {
        let document = try savedSample()
        for kind in ["units", "people", "meetings", "products", "priorities", "candidates", "requirements", "commissions",
                     "plans", "actions", "decisions", "escalations", "reviews", "audit"] {
            XCTAssertFalse(document[kind]?.arrayValue?.isEmpty ?? true, "the sample has no \(kind)")
        }
        XCTAssertEqual(SchemaValidator(try schema()).errors(document), [])
    }

    func testTheSchemaTypesEveryMemberTcgWrites() throws {
        XCTAssertEqual(SchemaValidator(try schema(), strict: true).errors(try savedSample()), [])
    }

    func testTheSchemaRejectsBrokenWorkspaces() throws {
        let validator = SchemaValidator(try schema())
        let text = String(decoding: try WorkspaceFormat.encode(try SampleRegister.make()), as: UTF8.self)
        let broken: [(String, String, String)] = [
            ("\"status\":\"done\"", "\"status\":\"opn\"", "$.actions[1].status"),
            ("{\"id\":\"A-1\",", "{\"id\":\"A-x\",", "$.actions[0].id"),
            ("{\"id\":\"A-1\",", "{\"id\":\"DP-1\",", "$.actions[0].id"),
            ("\"owner\":\"PE-2\"", "\"owner\":\"Bob Quinn\"", ".owner"),
            ("\"due\":\"2027-01-26\"", "\"due\":\"2027-13-01\"", "$.actions[0].due"),
            ("{\"id\":\"A-1\",\"type\":\"enforcement\",", "{\"id\":\"A-1\",", "$.actions[0]: missing type"),
            ("\"subject\":{\"record\":\"A-1\"}", "\"subject\":{\"record\":\"A-1\",\"text\":\"x\"}", "$.escalations[0].subject"),
            ("\"serves\":\"P-1\"", "\"serves\":\"A-1\"", "$.plans[0].serves"),
            ("\"version\": 3,", "\"version\": 1,", "$.version"),
            ("\"journal_seq\": 0,\n", "", "$: missing journal_seq"),
            (",\"hash\":\"", ",\"hash_\":\"", "$.audit[0]: missing hash"),
            (",\"hash\":\"", ",\"hash\":\"x", "$.audit[0].hash"),
            ("\"format\": \"tcg-workspace\"", "\"format\": \"other\"", "$.format"),
            ("\"A\":4", "\"A\":-4", "$.last_ids.A"),
            ("\"flagged\":true", "\"flagged\":1", "$.reviews[0].flagged"),
            ("\"stcg_every\":\"3mo\"", "\"stcg_every\":\"3 months\"", "$.units[0].stcg_every"),
            ("\"seq\":1,", "\"seq\":0,", "$.audit[0].seq"),
        ]
        for (old, new, place) in broken {
            XCTAssertTrue(text.contains(old), old)
            let errors = validator.errors(try JSONValue.parse(text.replacingOccurrences(of: old, with: new)))
            XCTAssertTrue(errors.contains { $0.hasPrefix(place) || (place.hasPrefix(".") && $0.contains(place)) }, "\(new): expected an error at \(place), got \(errors)")
        }
    }

    func testTheSchemaEnumsAreTheDomains() throws {
        let defs = try XCTUnwrap(try schema()["$defs"])
        func values(_ def: String, _ member: String) -> [String] {
            defs[def]?["properties"]?[member]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        XCTAssertEqual(values("unit", "kind"), Unit.Kind.workspaceNames)
        XCTAssertEqual(values("person", "status"), Person.Status.workspaceNames)
        XCTAssertEqual(values("meeting", "kind"), Meeting.Kind.workspaceNames)
        XCTAssertEqual(values("meeting", "status"), Meeting.Status.workspaceNames)
        XCTAssertEqual(defs["productKind"]?["enum"]?.arrayValue?.compactMap(\.stringValue), Product.Kind.workspaceNames)
        XCTAssertEqual(values("product", "status"), Product.Status.workspaceNames)
        XCTAssertEqual(values("priority", "status"), Priority.Status.workspaceNames)
        XCTAssertEqual(values("requirement", "level"), Requirement.Level.workspaceNames)
        XCTAssertEqual(values("requirement", "status"), Requirement.Status.workspaceNames)
        XCTAssertEqual(values("commission", "status"), Commission.Status.workspaceNames)
        XCTAssertEqual(values("plan", "status"), Plan.Status.workspaceNames)
        XCTAssertEqual(values("action", "type"), Action.PIER.workspaceNames)
        XCTAssertEqual(values("action", "status"), Action.Status.workspaceNames)
        XCTAssertEqual(values("escalation", "status"), Escalation.Status.workspaceNames)
        XCTAssertEqual(values("review", "scope"), Review.Scope.workspaceNames)
        XCTAssertEqual(values("review", "status"), Review.Status.workspaceNames)
        let prefixes = defs["anyId"]?["pattern"]?.stringValue ?? ""
        for kind in RecordKind.allCases {
            XCTAssertTrue(prefixes.contains("|\(kind.prefix)|") || prefixes.contains("(\(kind.prefix)|") || prefixes.contains("|\(kind.prefix))"), kind.prefix)
            XCTAssertNotNil(defs["lastIds"]?["properties"]?[kind.lastIDKey], kind.lastIDKey)
        }
    }

    func testTheValidatorChecksEachKeyword() throws {
        let schema = try JSONValue.parse("""
            {"$defs": {"n": {"type": "integer", "minimum": 1}},
             "type": "object", "required": ["a"],
             "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"enum": ["x", "y"]}, "c": {"const": true},
                            "d": {"type": "string", "pattern": "^A-[0-9]+$"}, "e": {"type": "array", "items": {"type": "string"}},
                            "f": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                            "g": {"oneOf": [{"type": "number"}, {"type": "integer"}]}}}
            """)
        let validator = SchemaValidator(schema)
        XCTAssertEqual(validator.errors(try JSONValue.parse(#"{"a": 2, "b": "x", "c": true, "d": "A-12", "e": ["s"], "f": null, "g": 1.5}"#)), [])
        let bad: [String] = [#"{}"#, #"{"a": 0}"#, #"{"a": "1"}"#, #"{"a": 1, "b": "z"}"#, #"{"a": 1, "c": false}"#,
                             #"{"a": 1, "d": "B-1"}"#, #"{"a": 1, "e": [1]}"#, #"{"a": 1, "f": 3}"#, #"{"a": 1, "g": 2}"#, #"[]"#]
        for text in bad {
            XCTAssertFalse(validator.errors(try JSONValue.parse(text)).isEmpty, text)
        }
        XCTAssertFalse(SchemaValidator(try JSONValue.parse(#"{"maxLength": 3}"#)).errors(.string("x")).isEmpty, "unknown keywords are reported")
    }

    /// docs/workspace.md names every member tcg writes, as `name`.
    func testTheDocumentationNamesEveryMember() throws {
        let markdown = String(decoding: try doc("workspace.md"), as: UTF8.self)
        var keys: Set<String> = []
        func collect(_ value: JSONValue, _ isLastIDs: Bool) {
            if let members = value.objectValue {
                for (key, member) in members {
                    if !isLastIDs { keys.insert(key) }
                    collect(member, key == "last_ids")
                }
            } else if let elements = value.arrayValue {
                elements.forEach { collect($0, false) }
            }
        }
        collect(try savedSample(), false)
        XCTAssertGreaterThan(keys.count, 60)
        for key in keys.sorted() {
            XCTAssertTrue(markdown.contains("`\(key)`"), "docs/workspace.md does not document `\(key)`")
        }
    }

    /// docs/workspace.md names every member of the journal lines tcg writes, as `name`.
    func testTheDocumentationNamesEveryJournalMember() throws {
        let markdown = String(decoding: try doc("workspace.md"), as: UTF8.self)
        let fixture = try JournalFixture()
        for i in 0..<5 { try JournalFixture.commitChange(i, to: fixture.store()) }
        var keys: Set<String> = []
        for line in try fixture.journalLines() {
            keys.formUnion(try JSONValue.parse(Array(line.dropLast())).objectValue?.map(\.0) ?? [])
        }
        XCTAssertEqual(keys, ["seq", "base", "clock", "last_ids", "units", "upsert", "delete", "audit"])
        for key in keys.sorted() {
            XCTAssertTrue(markdown.contains("| `\(key)` |"), "docs/workspace.md does not document the journal member `\(key)`")
        }
    }

    /// The jq filter docs/workspace.md gives for applying the journal yields the register tcg reads.
    func testTheJqFoldRecipeGivesTheRegister() throws {
        let jq = try Self.jq()
        let markdown = String(decoding: try doc("workspace.md"), as: UTF8.self)
        let named = try XCTUnwrap(markdown.range(of: "saved as `tcg-fold.jq`:"), "the recipe is introduced by its file name")
        let open = try XCTUnwrap(markdown.range(of: "```jq\n", range: named.upperBound..<markdown.endIndex))
        let close = try XCTUnwrap(markdown.range(of: "\n```", range: open.upperBound..<markdown.endIndex))
        let recipe = String(markdown[open.upperBound..<close.lowerBound])
        XCTAssertTrue(markdown.contains("jq -n -f tcg-fold.jq tcg-workspace.json tcg-workspace.json.journal > current.json"))

        let fixture = try JournalFixture()
        let store = fixture.store()
        for i in 0..<12 { try JournalFixture.commitChange(i, to: store) }
        let before = try store.open()
        try store.transaction { r in
            _ = try r.addAction(at: 4, type: .intelligence, title: "Undone", plan: 3, owner: 2, due: try SampleRegister.day("2027-06-01"))
            r.setClock(nil)
            try r.closeMeeting(4)
            logged(&r, "to undo")
        }
        try store.transaction { r in
            var restored = before
            restored.audit = r.audit
            restored.earlierAudit = r.earlierAudit
            restored.lastNumber = r.lastNumber
            restored.pendingChanges = ["undo"]
            restored.pendingIDs = r.audit.last?.ids ?? []
            r = restored
            logged(&r, "undo")
        }
        try store.transaction { r in
            try r.closeMeeting(4)
            r.setClock(nil)
            logged(&r, "close M-4")
        }
        XCTAssertEqual(try fixture.journalLines().count, 15)
        let filter = fixture.folder.file("tcg-fold.jq")
        try write(Array(recipe.utf8), to: filter)
        let output = try Self.run(jq, ["-n", "-f", filter, fixture.path, fixture.journal])
        let expected = try fixture.store().open()
        XCTAssertNil(expected.clock)
        assertSameRegister(try WorkspaceFormat.decode(output, path: "jq output"), expected)
    }

    /// The jq executable.
    static func jq() throws -> String {
        guard let jq = ["/usr/bin/jq", "/usr/local/bin/jq", "/opt/homebrew/bin/jq"].first(where: FileManager.default.isExecutableFile) else {
            throw MissingFixture(what: "jq (scripts/test installs it)")
        }
        return jq
    }

    /// Runs `executable` with `arguments` (at most 60 seconds); its standard output, after
    /// checking it exited 0.
    static func run(_ executable: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let run = try ChildProcess.run(executable, arguments, timeout: 60)
        XCTAssertFalse(run.timedOut, "\(executable) \(arguments) did not finish within 60 s", file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(executable) \(arguments): \(run.stderr)", file: file, line: line)
        return run.stdout
    }

    /// The jq example in docs/workspace.md works on a real workspace.
    func testTheJqExampleWorks() throws {
        guard let jq = ["/usr/bin/jq", "/usr/local/bin/jq", "/opt/homebrew/bin/jq"].first(where: FileManager.default.isExecutableFile) else {
            throw MissingFixture(what: "jq (scripts/test installs it)")
        }
        let markdown = String(decoding: try doc("workspace.md"), as: UTF8.self)
        let filter = ".actions[] | select(.status==\"open\")"
        XCTAssertTrue(markdown.contains("jq '\(filter)' tcg-workspace.json"))
        let folder = try TempFolder()
        let path = folder.file("tcg-workspace.json")
        let sample = try SampleRegister.make()
        try WorkspaceFile(path: path).transaction { $0 = sample }
        let data = try Self.run(jq, ["-c", filter, path])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, sample.actions.filter { $0.status == .open }.count)
        XCTAssertTrue(lines.allSatisfy { $0.contains("\"status\":\"open\"") })
    }
}
