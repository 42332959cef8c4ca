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

/// Folding the journal into the snapshot, crashes in the middle of it, snapshots written by
/// large transactions, and writers taking turns.
final class JournalFoldTests: XCTestCase {
    func testCloseFoldsTheJournalIntoTheSnapshotAndEmptiesIt() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        var expected = try store.open()
        for i in 0..<6 { expected = try JournalFixture.commitChange(i, to: store) }
        XCTAssertEqual(try fixture.journalLines().count, 6)
        try fixture.store().close()
        XCTAssertEqual(try bytes(of: fixture.journal), [], "the journal is emptied")
        XCTAssertEqual(try fixture.watermark(), 7, "the snapshot holds lines up to seq 7")
        assertSameRegister(try WorkspaceFormat.decode(try bytes(of: fixture.path), path: fixture.path), expected)
        assertSameRegister(try fixture.store().open(), expected)
        if let seen = try store.refresh() { assertSameRegister(seen, expected) }

        // The next line continues the sequence after the watermark; closing with an empty
        // journal changes nothing.
        expected = try JournalFixture.commitChange(6, to: store)
        XCTAssertEqual(try JSONValue.parse(Array(try XCTUnwrap(fixture.journalLines().first).dropLast()))["seq"]?.intValue, 8)
        assertSameRegister(try fixture.store().open(), expected)
        try store.close()
        let folded = try bytes(of: fixture.path)
        try store.close()
        XCTAssertEqual(try bytes(of: fixture.path), folded)
        assertSameRegister(try fixture.store().open(), expected)
    }

    func testCloseDoesNothingWhileAnotherWriterHoldsTheLock() throws {
        let fixture = try JournalFixture()
        try JournalFixture.commitChange(0, to: fixture.store())
        let journal = try bytes(of: fixture.journal)
        let snapshot = try bytes(of: fixture.path)
        try fixture.store().transaction { _ in
            try fixture.store().close()
        }
        XCTAssertEqual(try bytes(of: fixture.journal), journal)
        XCTAssertEqual(try bytes(of: fixture.path), snapshot)
    }

    func testACrashBetweenTheSnapshotAndEmptyingTheJournalOpensToTheLatestRegister() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        var expected = try store.open()
        for i in 0..<5 { expected = try JournalFixture.commitChange(i, to: store) }
        let journal = try bytes(of: fixture.journal)
        try store.close()
        // The state after the rename, before the journal was emptied: every line is folded.
        try write(journal, to: fixture.journal)
        let reopened = try fixture.store().open()
        assertSameRegister(reopened, expected)
        XCTAssertEqual(reopened.auditCount, expected.auditCount, "no audit entry applied twice")
        XCTAssertEqual(try reopened.fullAudit().map(\.seq), Array(1...expected.auditCount))

        // With a torn line after the folded ones, too.
        try write(journal + Array("{\"seq\":7,\"ba".utf8), to: fixture.journal)
        assertSameRegister(try fixture.store().open(), expected)

        // The next writer drops the folded lines before appending its own.
        expected = try JournalFixture.commitChange(5, to: fixture.store())
        let lines = try fixture.journalLines()
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(try JSONValue.parse(Array(try XCTUnwrap(lines.first).dropLast()))["seq"]?.intValue, 7)
        assertSameRegister(try fixture.store().open(), expected)
        XCTAssertNotNil(try store.refresh())
        assertSameRegister(try store.open(), expected)

        // And close() of a journal holding only folded lines just empties it.
        let folded = try bytes(of: fixture.journal)
        try store.close()
        let snapshot = try bytes(of: fixture.path)
        try write(folded, to: fixture.journal)
        try fixture.store().close()
        XCTAssertEqual(try bytes(of: fixture.path), snapshot, "no new snapshot for lines it already holds")
        XCTAssertEqual(try bytes(of: fixture.journal), [])
        assertSameRegister(try fixture.store().open(), expected)
    }

    func testTheJournalIsFoldedWhenItPassesItsLimit() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        store.limits.smallestFold = 3000
        store.limits.largestFold = 3000
        var folds = 0
        var inode = inodeNumber(fixture.path)
        for i in 0..<30 {
            let expected = try JournalFixture.commitChange(i, to: store)
            let size = try bytes(of: fixture.journal).count
            XCTAssertLessThanOrEqual(size, 3000, "commit \(i)")
            let now = inodeNumber(fixture.path)
            if now != inode {
                folds += 1
                inode = now
                XCTAssertEqual(size, 0, "commit \(i): folded and emptied")
            }
            assertSameRegister(try fixture.store().open(), expected)
        }
        XCTAssertGreaterThan(folds, 2)
    }

    func testALargeTransactionWritesASnapshotAndEmptiesTheJournal() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        store.limits.recordsPerLine = 50
        for i in 0..<3 { try JournalFixture.commitChange(i, to: store) }
        XCTAssertEqual(try fixture.journalLines().count, 3)
        let expected = try store.transaction { r -> Register in
            for i in 0..<60 { _ = try r.addPerson(name: "Bulk \(i)", role: nil, unit: nil, agency: nil) }
            logged(&r, "bulk")
            return r
        }
        XCTAssertEqual(try bytes(of: fixture.journal), [])
        XCTAssertEqual(try fixture.watermark(), 5, "the snapshot takes the next seq")
        assertSameRegister(try fixture.store().open(), expected)
        // A script that builds a register: many statements in one transaction.
        let built = try store.transaction { r -> Register in
            for i in 0..<60 {
                _ = try r.addPerson(name: "Scripted \(i)", role: nil, unit: nil, agency: nil)
                logged(&r, "add person \(i)")
            }
            return r
        }
        XCTAssertEqual(try bytes(of: fixture.journal), [])
        XCTAssertEqual(try fixture.watermark(), 6)
        assertSameRegister(try fixture.store().open(), built)
    }

    func testALargeLineIsWrittenAsASnapshot() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        store.limits.lineBytes = 0  // an eighth of the snapshot, then
        let long = String(repeating: "x", count: try bytes(of: fixture.path).count / 8)
        let expected = try store.transaction { r -> Register in
            try r.updateProgress(4, text: long, today: try SampleRegister.day("2027-04-13"), meeting: nil)
            logged(&r, "long note")
            return r
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.journal))
        assertSameRegister(try fixture.store().open(), expected)
    }

    func testTwoStoresTakingTurnsNeverLoseAWrite() throws {
        let fixture = try JournalFixture()
        let a = fixture.store()
        let b = fixture.store()
        for round in 0..<12 {
            let sawB = try a.transaction { r -> Bool in
                let saw = round == 0 || r.personNumber(named: "B \(round - 1)") != nil
                _ = try r.addPerson(name: "A \(round)", role: nil, unit: nil, agency: nil)
                logged(&r, "A \(round)")
                return saw
            }
            let sawA = try b.transaction { r -> Bool in
                let saw = r.personNumber(named: "A \(round)") != nil
                _ = try r.addPerson(name: "B \(round)", role: nil, unit: nil, agency: nil)
                logged(&r, "B \(round)")
                return saw
            }
            XCTAssertTrue(sawA && sawB, "round \(round)")
            if round == 6 { try a.close() }  // a fold in the middle: B reads the new snapshot
        }
        let final = try fixture.store().open()
        XCTAssertEqual(try final.fullAudit().map(\.seq), Array(1...final.auditCount))
        for round in 0..<12 {
            XCTAssertNotNil(final.personNumber(named: "A \(round)"))
            XCTAssertNotNil(final.personNumber(named: "B \(round)"))
        }
        assertSameRegister(try a.open(), final)
        assertSameRegister(try b.open(), final)
    }

    func testAFoldByAnotherStoreIsTakenOverWithoutReadingTheSnapshot() throws {
        let fixture = try JournalFixture()
        let reader = fixture.store()
        let writer = fixture.store()
        for i in 0..<4 { try JournalFixture.commitChange(i, to: writer) }
        let seen = try reader.open()
        try writer.close()
        // Mark the folded snapshot (same length, same watermark and last audit entry; a new file
        // renamed into place, as a fold is), so that a store that reads it can be told from one
        // that does not.
        let text = String(decoding: try bytes(of: fixture.path), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"title\":\"Leaflet drop\"", with: "\"title\":\"Leaflet DROP\"").utf8)
            .write(to: URL(fileURLWithPath: fixture.path), options: .atomic)
        XCTAssertEqual(try fixture.store().open().actions[2].title, "Leaflet DROP")
        XCTAssertNil(try reader.refresh(), "the fold holds the register the reader has")
        XCTAssertEqual(try reader.open().actions[2].title, "Leaflet drop", "the reader did not read the snapshot again")
        // Lines committed after the fold are read from the emptied journal.
        let next = try JournalFixture.commitChange(4, to: writer)
        let fresh = try XCTUnwrap(try reader.refresh())
        XCTAssertEqual(try fresh.fullAudit(), try next.fullAudit())
        XCTAssertEqual(fresh.clock, next.clock)
        XCTAssertEqual(seen.auditCount + 1, fresh.auditCount)

        // A snapshot that holds more than the reader has (a large transaction's) is read whole.
        writer.limits.recordsPerLine = 2
        let bulk = try writer.transaction { r -> Register in
            for i in 0..<3 { _ = try r.addPerson(name: "Bulk \(i)", role: nil, unit: nil, agency: nil) }
            logged(&r, "bulk")
            return r
        }
        assertSameRegister(try XCTUnwrap(try reader.refresh()), bulk)
    }

    func testAStoreWithoutAWorkspaceCreatesItWithASnapshotNotAJournal() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let store = WorkspaceFile(path: path)
        try store.transaction { r in
            try r.addUnit(name: "Northshire", kind: .force, parent: nil)
            logged(&r, "add unit")
        }
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.lock"])
        try store.transaction { r in
            _ = try r.addPerson(name: "Ann Lee", role: nil, unit: "Northshire", agency: nil)
            logged(&r, "add person")
        }
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.journal", "ws.json.lock"])
        try store.close()
        XCTAssertEqual(try WorkspaceFile(path: path).open().people.map(\.name), ["Ann Lee"])
    }

    /// The inode number of the file at `path`.
    private func inodeNumber(_ path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_ino)
    }

    func testCloseOnAMissingWorkspaceCreatesNothing() throws {
        let folder = try TempFolder()
        try WorkspaceFile(path: folder.file("ws.json")).close()
        XCTAssertEqual(try folder.listing(), [])
    }
}
