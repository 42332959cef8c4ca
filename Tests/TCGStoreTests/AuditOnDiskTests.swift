import Foundation
import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit trail left in the snapshot when a workspace is opened: read whole by `history`
/// (``Register/fullAudit()``), from the version of the snapshot that was opened, checked when
/// read, and copied byte for byte into the next snapshot.
final class AuditOnDiskTests: XCTestCase {
    /// The sample's audit trail.
    private func sampleAudit() throws -> [AuditEntry] {
        Array(try SampleRegister.make().audit)
    }

    /// The text of `path`.
    private func text(of path: String) throws -> String {
        String(decoding: try bytes(of: path), as: UTF8.self)
    }

    /// The bytes of the `audit` array's entries in a snapshot that tcg laid out.
    private func auditEntries(in text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Substring {
        let start = try XCTUnwrap(text.range(of: "\"audit\": [\n"), "no audit array", file: file, line: line)
        let end = try XCTUnwrap(text.range(of: "\n]\n}\n", options: .backwards), "no end", file: file, line: line)
        return text[start.upperBound..<end.lowerBound]
    }

    /// `text` with one exact occurrence of `old` replaced.
    private func replacing(_ text: String, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(text.contains(old), "the text does not contain \(old)", file: file, line: line)
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    // MARK: Reading

    func testOpeningLeavesTheAuditTrailOnDiskAndHistoryReadsItWhole() throws {
        let fixture = try JournalFixture()
        let audit = try sampleAudit()
        let opened = try fixture.store().open()
        XCTAssertTrue(opened.audit.isEmpty, "no entry is decoded at open")
        XCTAssertEqual(opened.earlierAudit?.count, audit.count)
        XCTAssertEqual(opened.earlierAudit?.lastSeq, audit.last?.seq)
        XCTAssertEqual(opened.auditCount, audit.count)
        XCTAssertEqual(opened.lastAuditSeq, audit.last?.seq)
        XCTAssertEqual(try opened.fullAudit(), audit)
        XCTAssertEqual(try opened.fullAudit(), audit, "it can be read again")
    }

    func testHistoryIsTheWholeTrailAfterReplayAndFold() throws {
        let fixture = try JournalFixture()
        let audit = try sampleAudit()
        let writer = fixture.store()
        var committed = try writer.open()
        for i in 0..<3 { committed = try JournalFixture.commitChange(i, to: writer) }
        let trail = try committed.fullAudit()
        XCTAssertEqual(trail.map(\.seq), Array(1...audit.count + 3))
        XCTAssertEqual(Array(trail.prefix(audit.count)), audit)

        // Replay: the journal's entries are in memory, after those on disk.
        let replayed = try fixture.store().open()
        XCTAssertEqual(replayed.earlierAudit?.count, audit.count)
        XCTAssertEqual(replayed.audit.map(\.seq), Array(audit.count + 1...audit.count + 3))
        XCTAssertEqual(replayed.auditCount, audit.count + 3)
        XCTAssertEqual(replayed.lastAuditSeq, audit.count + 3)
        XCTAssertEqual(try replayed.fullAudit(), trail)

        // Fold: all of them are on disk in the new snapshot.
        try writer.close()
        let folded = try fixture.store().open()
        XCTAssertTrue(folded.audit.isEmpty)
        XCTAssertEqual(folded.earlierAudit?.count, audit.count + 3)
        XCTAssertEqual(folded.auditCount, audit.count + 3)
        XCTAssertEqual(folded.lastAuditSeq, audit.count + 3)
        XCTAssertEqual(try folded.fullAudit(), trail)
        // The writer's own register after its fold reads the new snapshot, and its next
        // line continues the trail.
        let next = try JournalFixture.commitChange(3, to: writer)
        XCTAssertEqual(next.earlierAudit?.count, audit.count + 3)
        XCTAssertEqual(next.auditCount, audit.count + 4)
        XCTAssertEqual(try next.fullAudit().map(\.seq), Array(1...audit.count + 4))
        XCTAssertEqual(try fixture.store().open().fullAudit(), try next.fullAudit())
        XCTAssertEqual(try committed.fullAudit(), trail, "a register from before the fold still reads its own trail")
    }

    func testARegisterReadsTheSnapshotItWasOpenedFromAfterAnotherWriterReplacesIt() throws {
        let fixture = try JournalFixture()
        let audit = try sampleAudit()
        let old = try fixture.store().open()
        // Another writer commits and folds: the snapshot is replaced by rename.
        let writer = fixture.store()
        for i in 0..<3 { try JournalFixture.commitChange(i, to: writer) }
        try writer.close()
        XCTAssertEqual(try fixture.store().open().auditCount, audit.count + 3)
        XCTAssertEqual(old.auditCount, audit.count)
        XCTAssertEqual(try old.fullAudit(), audit, "the old register reads the snapshot it was opened from")
        // Even with something else entirely renamed over the path.
        let other = fixture.folder.file("other.json")
        try write(Array("not a workspace".utf8), to: other)
        XCTAssertEqual(rename(other, fixture.path), 0)
        XCTAssertEqual(try old.fullAudit(), audit)
    }

    // MARK: Damage

    func testMalformedAuditJSONIsRefusedAtOpen() throws {
        let fixture = try JournalFixture()
        let original = try text(of: fixture.path)
        let damaged: [(String, String, String)] = [
            ("{\"seq\":3,", "{\"seq\":3,,", "audit[2]: expected a string key after ','"),
            ("{\"seq\":3,", "{\"seq\":3 ", "audit[2]: expected ',' or '}' after an object member"),
            ("{\"seq\":4,", "{\"seq\":04,", "audit[3].seq: leading zeros are not allowed"),
            ("{\"seq\":5,", "{\"seq\":5,\"x\":\"\u{01}\",", "audit[4]: unescaped control character"),
            ("{\"seq\":6,", "{\"seq\":6,\"x\":[1,],", "audit[5]: expected a value after ','"),
        ]
        for (old, new, fragment) in damaged {
            try write(Array(replacing(original, old, new).utf8), to: fixture.path)
            XCTAssertThrowsError(try fixture.store().open(), fragment) { error in
                guard let error = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.path, fixture.path)
                XCTAssertTrue(error.message.hasPrefix("line "), error.message)
                XCTAssertTrue(error.message.contains(fragment), "expected “\(fragment)” in: \(error.message)")
            }
        }
    }

    /// Opening skims every entry for the members it needs and its `seq` order (without
    /// decoding it), so that such damage is refused at once, naming the file and the place.
    func testMissingMembersAndSeqOrderAreRefusedAtOpen() throws {
        let fixture = try JournalFixture()
        let original = try text(of: fixture.path)
        let wrong: [(String, String, String)] = [
            ("{\"seq\":2,", "{\"seq\":1,", "audit[1]: seq 1 does not follow 1; entries are in ascending seq order"),
            ("{\"seq\":3,", "{\"seq\":9,", "audit[3]: seq 4 does not follow 9; entries are in ascending seq order"),
            ("{\"seq\":1,", "{\"seq\":0,", "audit[0].seq: must be at least 1, not 0"),
            ("{\"seq\":3,", "{\"seq\":\"3\",", "audit[2].seq: expected an integer, found a string"),
            ("{\"seq\":3,", "{\"sequence\":3,", "audit[2]: missing \"seq\""),
            ("{\"seq\":5,\"at\":\"2027-01-04T09:00:05Z\",", "{\"seq\":5,", "audit[4]: missing \"at\""),
            ("\"source\":\"setup.tcg:6\",", "", "audit[5]: missing \"source\""),
            ("\"statement\":\"add unit Northshire\",", "", "audit[1]: missing \"statement\""),
        ]
        for (old, new, fragment) in wrong {
            let text = replacing(original, old, new)
            try write(Array(text.utf8), to: fixture.path)
            XCTAssertThrowsError(try fixture.store().open(), fragment) { error in
                guard let error = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.path, fixture.path)
                XCTAssertTrue(error.message.hasPrefix("line "), error.message)
                XCTAssertTrue(error.message.contains(fragment), "expected “\(fragment)” in: \(error.message)")
            }
            XCTAssertEqual(try self.text(of: fixture.path), text, "a refused workspace is left as it was")
        }
        // The error gives the line and column in the file.
        let text = replacing(original, "{\"seq\":3,", "{\"seq\":\"3\",")
        try write(Array(text.utf8), to: fixture.path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("{\"seq\":\"3\"") }) + 1
        XCTAssertThrowsError(try fixture.store().open()) { error in
            XCTAssertTrue((error as? StoreError)?.message.hasPrefix("line \(line), column 8: audit[2].seq: ") == true, "\(error)")
        }
    }

    /// Every entry's values are checked when the workspace is opened, though the entries are not
    /// built then: a wrong type, an impossible date, an id that is not one, a damaged hash.
    func testWrongAuditValuesAreRefusedAtOpen() throws {
        let fixture = try JournalFixture()
        let original = try text(of: fixture.path)
        let wrong: [(String, String, String)] = [
            ("{\"seq\":4,\"at\":\"2027-01-04T09:00:04Z\",\"day\":\"2027-01-04\"",
             "{\"seq\":4,\"at\":\"2027-01-04T09:00:04Z\",\"day\":\"2027-02-30\"", "audit[3].day: expected a date YYYY-MM-DD that exists"),
            ("{\"seq\":6,", "{\"seq\":6,\"ids\":[\"Q-1\"],", "audit[5].ids: expected an id such as A-12"),
            ("\"user\":\"bob\",\"source\":\"setup.tcg:7\"", "\"user\":7,\"source\":\"setup.tcg:7\"", "audit[6].user: expected a string"),
            ("{\"seq\":5,", "{\"seq\":5,\"changes\":[\"a\",{}],", "audit[4].changes: expected a string"),
            ("{\"seq\":2,", "{\"seq\":2,\"hash\":\"not-a-hash\",", "audit[1].hash: expected 64 lower-case hex digits"),
        ]
        for (old, new, fragment) in wrong {
            XCTAssertTrue(original.contains(old), old)
            try write(Array(replacing(original, old, new).utf8), to: fixture.path)
            XCTAssertThrowsError(try fixture.store().open(), fragment) { error in
                guard let error = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.path, fixture.path)
                XCTAssertTrue(error.message.contains(fragment), "expected “\(fragment)” in: \(error.message)")
            }
        }
    }

    func testTheLastAuditEntryIsCheckedAtOpen() throws {
        let fixture = try JournalFixture()
        let original = try text(of: fixture.path)
        let last = try XCTUnwrap(try sampleAudit().last)
        try write(Array(replacing(original, "{\"seq\":\(last.seq),", "{\"seq\":\"\(last.seq)\",").utf8), to: fixture.path)
        XCTAssertThrowsError(try fixture.store().open()) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("audit[\(last.seq - 1)].seq: expected an integer") == true, "\(error)")
        }
        try write(Array(replacing(original, "\"day\":\"2027-04-12\",\"user\":\"bob\",\"source\":\"setup.tcg:\(last.seq)\"",
                                  "\"day\":\"2027-04-31\",\"user\":\"bob\",\"source\":\"setup.tcg:\(last.seq)\"").utf8), to: fixture.path)
        XCTAssertThrowsError(try fixture.store().open()) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("audit[\(last.seq - 1)].day: expected a date") == true, "\(error)")
        }
    }

    func testAnEntryThatDoesNotFollowTheTrailOnDiskIsNotSaved() throws {
        let fixture = try JournalFixture()
        let snapshot = try bytes(of: fixture.path)
        XCTAssertThrowsError(try fixture.store().transaction { r in
            _ = try r.addPerson(name: "Out Of Order", role: nil, unit: nil, agency: nil)
            let pending = r.takePending()
            r.appendChained(AuditEntry(seq: 5, at: "2027-05-01T10:00:00Z", day: Day(number: 20_000), user: "test", source: "-c",
                                      statement: "add person", changes: pending.changes, ids: pending.ids), unchanged: pending.unchanged)
        }) { XCTAssertTrue($0 is StoreError, "\($0)") }
        XCTAssertEqual(try bytes(of: fixture.path), snapshot)
        if FileManager.default.fileExists(atPath: fixture.journal) { XCTAssertEqual(try bytes(of: fixture.journal), []) }
    }

    // MARK: Writing

    func testASnapshotCopiesTheEntriesOnDiskByteForByte() throws {
        let fixture = try JournalFixture()
        // Entries laid out and spelled as tcg would not write them: spaces, escapes, an
        // unknown member. A new snapshot keeps them exactly.
        var text = try text(of: fixture.path)
        text = replacing(text, "{\"seq\":2,", "{ \"seq\" : 2 , \"note\" : [\"kept\", {\"x\": null}],")
        text = replacing(text, "\"statement\":\"add unit Northshire\"", "\"statement\":\"add unit \\u004Eorthshire\"")
        try write(Array(text.utf8), to: fixture.path)
        let entries = try auditEntries(in: text)
        let opened = try fixture.store().open()
        let audit = try opened.fullAudit()
        XCTAssertEqual(audit[1].seq, 2)
        XCTAssertEqual(audit[1].statement, "add unit Northshire")
        XCTAssertEqual(audit[2].statement, "add unit Eastbridge parent Northshire")

        // A large transaction writes a snapshot.
        let store = fixture.store()
        store.limits.recordsPerLine = 1
        let committed = try store.transaction { r -> Register in
            for i in 0..<3 { _ = try r.addPerson(name: "Bulk \(i)", role: nil, unit: nil, agency: nil) }
            logged(&r, "bulk")
            return r
        }
        let written = try self.text(of: fixture.path)
        let after = try auditEntries(in: written)
        XCTAssertTrue(after.hasPrefix(entries + ",\n{\"seq\":22,"), "the entries on disk are copied as they were")
        XCTAssertEqual(try fixture.store().open().fullAudit(), audit + [try XCTUnwrap(committed.audit.last)])

        // A fold copies them again, now from the snapshot the transaction wrote.
        try JournalFixture.commitChange(0, to: store)
        try store.close()
        let folded = try auditEntries(in: try self.text(of: fixture.path))
        XCTAssertTrue(folded.hasPrefix(after + ",\n{\"seq\":23,"), "the entries are copied from the snapshot written last")
        XCTAssertEqual(try fixture.store().open().fullAudit().map(\.seq), Array(1...23))
    }

    func testTheLayoutIsTheSameWhateverHoldsTheEntries() throws {
        let sample = try SampleRegister.make()
        let expected = try WorkspaceFormat.encode(sample)
        XCTAssertTrue(String(decoding: expected, as: UTF8.self).hasSuffix("\"}\n]\n}\n"))
        XCTAssertTrue(String(decoding: expected, as: UTF8.self).contains("\"ids\":[],\"state\":\""))
        // Entries from a store's snapshot, and held in memory.
        let fixture = try JournalFixture()
        XCTAssertEqual(try WorkspaceFormat.encode(try fixture.store().open()), expected)
        let all = Array(sample.audit)
        var foreign = sample
        foreign.audit = RecordList(all.suffix(2))
        foreign.earlierAudit = EarlierAudit(count: all.count - 2, lastSeq: all[all.count - 3].seq, location: Array(all.prefix(all.count - 2)))
        XCTAssertEqual(try WorkspaceFormat.encode(foreign), expected)
        // No entries at all.
        var empty = Register()
        empty.clock = sample.clock
        XCTAssertTrue(String(decoding: try WorkspaceFormat.encode(empty), as: UTF8.self).hasSuffix("\"audit\": []\n}\n"))
        // Entries kept where this store cannot read them stop the save.
        var failing = sample
        failing.earlierAudit = EarlierAudit(count: 1, lastSeq: 0, location: "elsewhere")
        XCTAssertThrowsError(try WorkspaceFormat.encode(failing)) {
            XCTAssertEqual(($0 as? StoreError)?.message, "cannot read the audit trail: it is kept where this store cannot read it")
        }
    }

    func testDecodingThatGivesBackPagesReadsEverything() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        store.limits.recordsPerLine = 1
        try store.transaction { r in
            for i in 0..<400 {
                _ = try r.addAction(at: 4, type: .prevention, title: "Action \(i) " + String(repeating: "x", count: i % 50),
                                    plan: 3, owner: 1, due: try SampleRegister.day("2027-05-01"))
                logged(&r, "add action \(i)")
            }
        }
        let bytes = try bytes(of: fixture.path)
        XCTAssertGreaterThan(bytes.count, 16 * Int(getpagesize()))
        let whole = try WorkspaceFormat.decode(bytes, path: fixture.path)
        let file = try XCTUnwrap(try SnapshotFile.openIfPresent(fixture.path))
        let (register, journalSeq, last, _) = try WorkspaceFormat.decodeSnapshot(file, dropInterval: Int(getpagesize()))
        assertSameRegister(register, whole)
        XCTAssertEqual(journalSeq, try fixture.watermark())
        XCTAssertEqual(last, whole.audit.last)
        XCTAssertEqual(register.auditCount, 421)
    }

    // MARK: Pieces

    func testAReaderReadsMemoryInPlaceWhileItsOwnerLives() throws {
        final class Owner: @unchecked Sendable {
            let base: UnsafeMutableRawPointer
            let count: Int
            init(_ text: String) {
                let bytes = Array(text.utf8)
                count = bytes.count
                base = .allocate(byteCount: count, alignment: 1)
                base.copyMemory(from: bytes, byteCount: count)
            }
            deinit { base.deallocate() }
        }
        var reader: JSONReader
        do {
            let owner = Owner("{\"a\": [1, \"two\"],\n \"b\": tru}")
            reader = JSONReader(buffer: UnsafeRawBufferPointer(start: owner.base, count: owner.count), owner: owner)
        }
        try reader.beginObject()
        XCTAssertEqual(try reader.nextKey(), "a")
        try reader.beginArray()
        XCTAssertTrue(try reader.nextElement())
        XCTAssertEqual(try reader.readInt(), 1)
        XCTAssertTrue(try reader.nextElement())
        XCTAssertEqual(try reader.readString(), "two")
        XCTAssertFalse(try reader.nextElement())
        XCTAssertEqual(try reader.nextKey(), "b")
        XCTAssertThrowsError(try reader.readBool()) { error in
            XCTAssertEqual((error as? JSONError)?.line, 2)
            XCTAssertEqual((error as? JSONError)?.column, 7)
        }
        XCTAssertEqual(reader.skippingWhitespace(from: 17), 19)
        XCTAssertEqual(reader.error("here", at: 19).column, 2)
    }

    func testIdsAreReadForEveryKind() {
        for kind in RecordKind.allCases {
            XCTAssertEqual(WorkspaceText.number(in: "\(kind.prefix)-12", kind: kind), 12, "\(kind)")
            XCTAssertEqual(WorkspaceText.number(in: "\(kind.prefix)-999999999", kind: kind), 999_999_999)
            XCTAssertEqual(WorkspaceText.recordID(in: "\(kind.prefix)-7"), RecordID(kind, 7))
            for bad in ["\(kind.prefix)-0", "\(kind.prefix)-012", "\(kind.prefix)-1000000000", "\(kind.prefix)-", "\(kind.prefix)12",
                        "\(kind.prefix.lowercased())-1", "\(kind.prefix)-1x", "\(kind.prefix)--1", "", "-1"] {
                XCTAssertNil(WorkspaceText.number(in: bad, kind: kind), bad)
            }
            for other in RecordKind.allCases where other != kind {
                XCTAssertNil(WorkspaceText.number(in: "\(other.prefix)-1", kind: kind), "\(other.prefix)-1 as \(kind)")
            }
        }
        XCTAssertEqual(WorkspaceText.day(in: "2027-02-28"), Day(year: 2027, month: 2, day: 28))
        for bad in ["2027-02-29", "2027-2-28", "2027-02-28 ", "20270228", "2027/02/28", "２027-02-28"] {
            XCTAssertNil(WorkspaceText.day(in: bad), bad)
        }
    }
}
