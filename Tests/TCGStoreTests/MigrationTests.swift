import Foundation
import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest

/// Opening a workspace in format version 1 migrates it to version 2, keeping the original.
final class MigrationTests: XCTestCase {
    /// The record arrays of a workspace.
    private static let kinds = ["units", "people", "meetings", "products", "priorities", "candidates", "requirements",
                                "commissions", "plans", "actions", "decisions", "escalations", "reviews"]

    /// The committed version-1 workspace, written by tcg at commit c365f08 (the commit that
    /// introduced the format): no `journal_seq`, no audit `hash`, no markings.
    private func fixture() throws -> [UInt8] {
        let root = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let path = root + "/Tests/TCGEndToEndTests/Fixtures/migration/workspace-v1.json"
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("missing \(path)")
            throw MissingFixture(what: path)
        }
        return try bytes(of: path)
    }

    /// The fixture copied into a fresh folder as `w.json`.
    private func copied() throws -> (folder: TempFolder, path: String, original: [UInt8]) {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        let original = try fixture()
        try write(original, to: path)
        return (folder, path, original)
    }

    /// A store that records its migrations.
    private func store(_ path: String, notices: Notices) -> WorkspaceFile {
        let store = WorkspaceFile(path: path)
        store.user = "migrator"
        store.onMigration = { notices.list.append($0) }
        return store
    }

    /// The migrations a store reported.
    private final class Notices {
        var list: [WorkspaceMigration] = []
    }

    private func mode(of path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0, path)
        return info.st_mode & 0o7777
    }

    func testTheFixtureIsAnEarlyVersion1File() throws {
        let text = String(decoding: try fixture(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n\"format\": \"tcg-workspace\",\n\"version\": 1,\n\"last_ids\""), String(text.prefix(80)))
        for absent in ["journal_seq", "\"hash\"", "marking"] { XCTAssertFalse(text.contains(absent), absent) }
    }

    func testOpeningMigratesAndKeepsTheOriginal() throws {
        let (folder, path, original) = try copied()
        let before = try JSONValue.parse(original)
        let notices = Notices()
        let register = try store(path, notices: notices).open()

        XCTAssertEqual(notices.list, [WorkspaceMigration(path: path, from: 1, to: 3, backup: path + ".v1.bak")])
        XCTAssertEqual(notices.list.first?.description,
                       "migrated \(path) from format version 1 to 3; the original is kept as \(path).v1.bak")
        XCTAssertEqual(try bytes(of: path + ".v1.bak"), original, "the backup is the original, byte for byte")
        XCTAssertEqual(mode(of: path + ".v1.bak"), 0o600)
        XCTAssertEqual(mode(of: path), 0o600)
        XCTAssertEqual(try folder.listing(), ["w.json", "w.json.head", "w.json.lock", "w.json.v1.bak"])

        // The new file: version 2, valid against the schema, every record still there.
        let after = try JSONValue.parse(try bytes(of: path))
        XCTAssertEqual(after["version"]?.intValue, 3)
        XCTAssertEqual(after["journal_seq"]?.intValue, 0)
        let schema = try JSONValue.parse(try SchemaTests.doc("workspace.schema.json"))
        XCTAssertEqual(SchemaValidator(schema).errors(after), [])
        XCTAssertEqual(SchemaValidator(schema, strict: true).errors(after), [])
        let counts = [2, 9, 6, 2, 1, 1, 2, 1, 2, 3, 5, 1, 1]
        for (kind, count) in zip(Self.kinds, counts) {
            XCTAssertEqual(before[kind]?.arrayValue?.count, count, "the fixture's \(kind)")
            XCTAssertEqual(after[kind]?.arrayValue?.count, count, kind)
            XCTAssertEqual(after[kind], before[kind], "\(kind) are unchanged")
        }
        XCTAssertEqual(after["last_ids"], before["last_ids"])

        // The audit trail: the 69 entries as they were, now hash-chained, and one for the migration.
        let audit = try register.fullAudit()
        XCTAssertEqual(audit.count, 70)
        XCTAssertNil(AuditEntry.verify(audit), "tcg verify passes")
        XCTAssertTrue(audit.allSatisfy { $0.hash.count == 64 })
        let old = try XCTUnwrap(before["audit"]?.arrayValue)
        XCTAssertEqual(old.count, 69)
        for (entry, was) in zip(audit, old) {
            XCTAssertEqual(entry.seq, was["seq"]?.intValue)
            XCTAssertEqual(entry.statement, was["statement"]?.stringValue)
            XCTAssertEqual(entry.user, was["user"]?.stringValue)
            XCTAssertEqual(entry.changes, was["changes"]?.arrayValue?.compactMap(\.stringValue))
        }
        let note = try XCTUnwrap(audit.last)
        XCTAssertEqual(note.seq, 70)
        XCTAssertEqual(note.user, "migrator")
        XCTAssertEqual(note.source, "migration")
        XCTAssertEqual(note.changes, ["format version 1 -> 3", "69 audit entries hash-chained", "34 records sealed", "original kept as \(path).v1.bak"])

        // A second open reads version 2: no migration, no second backup, nothing rewritten.
        let migrated = try bytes(of: path)
        let again = Notices()
        XCTAssertEqual(try store(path, notices: again).open().auditCount, 70)
        XCTAssertEqual(again.list, [])
        XCTAssertEqual(try bytes(of: path), migrated)
        XCTAssertEqual(try folder.listing(), ["w.json", "w.json.head", "w.json.lock", "w.json.v1.bak"])
    }

    func testAWriterMigratesBeforeItsChange() throws {
        let (folder, path, original) = try copied()
        defer { withExtendedLifetime(folder) {} }
        let notices = Notices()
        let store = store(path, notices: notices)
        try store.transaction { r in
            try r.addUnit(name: "Northshire", kind: .force, parent: nil)
            logged(&r, "add unit Northshire")
        }
        XCTAssertEqual(notices.list.count, 1)
        XCTAssertEqual(try bytes(of: path + ".v1.bak"), original)
        let audit = try WorkspaceFile(path: path).open().fullAudit()
        XCTAssertEqual(audit.suffix(2).map(\.source), ["migration", "-c"])
        XCTAssertEqual(audit.map(\.seq), Array(1...71))
        XCTAssertNil(AuditEntry.verify(audit))
    }

    func testAnExistingBackupIsNeverOverwritten() throws {
        let (folder, path, original) = try copied()
        let other = Array("an older backup\n".utf8)
        try write(other, to: path + ".v1.bak")
        let notices = Notices()
        _ = try store(path, notices: notices).open()
        XCTAssertEqual(notices.list.map(\.backup), [path + ".v1.bak.1"])
        XCTAssertEqual(try bytes(of: path + ".v1.bak"), other)
        XCTAssertEqual(try bytes(of: path + ".v1.bak.1"), original)
        XCTAssertEqual(try folder.listing(), ["w.json", "w.json.head", "w.json.lock", "w.json.v1.bak", "w.json.v1.bak.1"])
    }

    func testAVersion1JournalIsKeptBesideTheBackup() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        for i in 0..<3 { try JournalFixture.commitChange(i, to: store) }
        let expected = try store.open()
        var text = String(decoding: try bytes(of: fixture.path), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\": 3,", with: "\"version\": 1,")
        try write(Array(text.utf8), to: fixture.path)
        let journal = try bytes(of: fixture.journal)
        XCTAssertFalse(journal.isEmpty)

        // A store that does not migrate reads it and does not fold it when it closes.
        let dry = fixture.store()
        dry.migrates = false
        XCTAssertEqual(try dry.open().people, expected.people)
        try dry.close()
        XCTAssertEqual(try bytes(of: fixture.path), Array(text.utf8))
        XCTAssertEqual(try bytes(of: fixture.journal), journal)

        let notices = Notices()
        let migrated = try self.store(fixture.path, notices: notices).open()
        XCTAssertEqual(try bytes(of: fixture.path + ".v1.bak"), Array(text.utf8))
        XCTAssertEqual(try bytes(of: fixture.path + ".v1.bak.journal"), journal)
        XCTAssertEqual(mode(of: fixture.path + ".v1.bak.journal"), 0o600)
        XCTAssertEqual(try bytes(of: fixture.journal), [], "the journal's lines are in the new snapshot")
        XCTAssertEqual(migrated.people, expected.people)
        XCTAssertEqual(migrated.auditCount, expected.auditCount + 1)
        XCTAssertNil(AuditEntry.verify(try WorkspaceFile(path: fixture.path).open().fullAudit()))
    }

    func testANewerVersionIsRefusedUnchanged() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        let text = String(decoding: try fixture(), as: UTF8.self).replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 4,")
        try write(Array(text.utf8), to: path)
        for migrates in [true, false] {
            let store = WorkspaceFile(path: path)
            store.migrates = migrates
            XCTAssertThrowsError(try store.open()) { error in
                XCTAssertEqual((error as? StoreError)?.description,
                               "\(path): error: was written by a newer tcg (format version 4); this tcg reads versions 1 to 3")
            }
            XCTAssertThrowsError(try store.transaction { _ in })
        }
        XCTAssertEqual(try bytes(of: path), Array(text.utf8))
        XCTAssertEqual(try folder.listing().filter { $0 != "w.json.lock" }, ["w.json"])
    }

    /// A store that does not migrate (`--dry-run`) reads version 1 as it is and refuses to save.
    func testAStoreThatDoesNotMigrateReadsVersion1AsItIs() throws {
        let (folder, path, original) = try copied()
        let store = WorkspaceFile(path: path)
        store.migrates = false
        let register = try store.open()
        XCTAssertEqual(register.people.count, 9)
        XCTAssertEqual(try register.fullAudit().count, 69)
        XCTAssertTrue(try register.fullAudit().allSatisfy { $0.hash.isEmpty })
        XCTAssertThrowsError(try store.transaction { r in
            try r.addUnit(name: "Northshire", kind: .force, parent: nil)
            logged(&r, "add unit Northshire")
        }) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("is in format version 1") == true, "\(error)")
        }
        XCTAssertEqual(try bytes(of: path), original)
        XCTAssertEqual(try folder.listing().filter { $0 != "w.json.lock" }, ["w.json"])
    }

    /// A version-1 trail whose hashes no longer match is refused, not hashed afresh (which
    /// would hide the change), and nothing is written.
    func testAnAlteredVersion1TrailIsNotMigrated() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        // A version-1 trail: hashed in the old form, without record digests.
        var sample = try SampleRegister.make()
        var legacy = Array(sample.audit)
        var previous = ""
        for i in legacy.indices {
            legacy[i].records = []
            legacy[i].state = ""
            legacy[i].hash = legacy[i].legacyChainHash(previous: previous)
            previous = legacy[i].hash
        }
        sample.audit = RecordList(legacy)
        var text = String(decoding: try WorkspaceFormat.encode(sample), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\": 3,", with: "\"version\": 1,")
            .replacingOccurrences(of: "\"statement\":\"add unit Northshire\"", with: "\"statement\":\"add unit Southshire\"")
        try write(Array(text.utf8), to: path)
        XCTAssertThrowsError(try WorkspaceFile(path: path).open()) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("cannot migrate from format version 1: audit entry 2 was altered") == true,
                          "\(error)")
        }
        XCTAssertEqual(try bytes(of: path), Array(text.utf8))
        XCTAssertEqual(try folder.listing().filter { $0 != "w.json.lock" }, ["w.json"])
    }

    /// `WorkspaceFormat.decode` migrates a version-1 document in memory: its re-encoding is
    /// a version-2 document that decodes.
    func testDecodingVersion1ChainsTheTrailInMemory() throws {
        let original = try fixture()
        let register = try WorkspaceFormat.decode(original, path: "v1.json")
        XCTAssertEqual(register.audit.count, 69)
        XCTAssertNil(AuditEntry.verify(Array(register.audit)))
        XCTAssertTrue(register.audit.allSatisfy { !$0.hash.isEmpty })
        let encoded = try WorkspaceFormat.encode(register)
        assertSameRegister(try WorkspaceFormat.decode(encoded, path: "v2.json"), register)
    }
}
