import TCGDomain
import TCGStore
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends an audit entry for what the register changed, as the interpreter does.
func logged(_ r: inout Register, _ statement: String) {
    let pending = r.takePending()
    let seq = r.lastAuditSeq + 1
    r.appendChained(AuditEntry(seq: seq, at: "2027-05-01T10:00:00Z", day: Day(number: 20_000), user: "test", source: "-c",
                              statement: statement, changes: pending.changes, ids: pending.ids), unchanged: pending.unchanged)
}

/// A failure thrown from a transaction body.
struct Abandon: Error {}

final class TransactionTests: XCTestCase {
    /// A workspace holding the sample register.
    private func sampleWorkspace(_ folder: TempFolder) throws -> String {
        let path = folder.file("ws.json")
        let sample = try SampleRegister.make()
        try WorkspaceFile(path: path).transaction { $0 = sample }
        return path
    }

    func testThrowingBodyLeavesTheFileByteForByteUnchanged() throws {
        let folder = try TempFolder()
        let path = try sampleWorkspace(folder)
        let before = try bytes(of: path)
        let store = WorkspaceFile(path: path)
        XCTAssertThrowsError(try store.transaction { r in
            _ = try r.addPerson(name: "Zed Abandoned", role: nil, unit: nil, agency: nil)
            logged(&r, "add person \"Zed Abandoned\"")
            throw Abandon()
        }) { XCTAssertTrue($0 is Abandon, "the body's error propagates, got \($0)") }
        XCTAssertEqual(try bytes(of: path), before)
        XCTAssertNil(try store.open().personNumber(named: "Zed Abandoned"), "the cache kept the abandoned change")
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.lock"], "no temporary file left behind")
    }

    func testCommittedChangeIsSavedAndSeenByAnotherInstance() throws {
        let folder = try TempFolder()
        let path = try sampleWorkspace(folder)
        let id = try WorkspaceFile(path: path).transaction { r -> RecordID in
            let id = try r.addPerson(name: "Zoe New", role: nil, unit: nil, agency: nil)
            logged(&r, "add person \"Zoe New\"")
            return id
        }
        XCTAssertEqual(id, RecordID(.person, 6))
        XCTAssertEqual(try WorkspaceFile(path: path).open().personNumber(named: "zoe new"), 6)
    }

    func testSecondWriterWaitsForTheLockThenSeesTheFirstWritersChange() throws {
        let folder = try TempFolder()
        let path = try sampleWorkspace(folder)
        let a = WorkspaceFile(path: path)
        let b = WorkspaceFile(path: path, lockTimeout: 0.1)
        let staleB = try b.open()
        XCTAssertEqual(staleB.people.count, 5)

        try a.transaction { r in
            // The lock file says who holds it.
            let holder = String(decoding: try bytes(of: path + ".lock"), as: UTF8.self)
            XCTAssertTrue(holder.hasPrefix("pid \(getpid()) user "), holder)
            XCTAssertTrue(holder.contains(" since 20"), holder)

            let started = Date()
            XCTAssertThrowsError(try b.transaction { _ in XCTFail("B ran while A held the lock") }) { error in
                guard let error = error as? StoreError else { return XCTFail("not a StoreError: \(error)") }
                XCTAssertEqual(error.path, path)
                XCTAssertTrue(error.message.contains("is locked by another writer"), error.message)
                XCTAssertTrue(error.message.contains("pid \(getpid())"), error.message)
                XCTAssertEqual(error.help, "wait for it to finish, or try again")
                XCTAssertTrue(error.description.hasPrefix("\(path): error: is locked"), error.description)
            }
            XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.09, "B gave up before its timeout")
            _ = try r.addPerson(name: "Written By A", role: nil, unit: nil, agency: nil)
            logged(&r, "add person \"Written By A\"")
        }
        XCTAssertEqual(try bytes(of: path + ".lock"), [], "the holder line is cleared on release")

        // B's cached copy is stale; its transaction re-reads, so A's write is not lost.
        let seenByB = try b.transaction { r -> Int? in
            let seen = r.personNumber(named: "Written By A")
            _ = try r.addPerson(name: "Written By B", role: nil, unit: nil, agency: nil)
            logged(&r, "add person \"Written By B\"")
            return seen
        }
        XCTAssertEqual(seenByB, 6)
        let final = try WorkspaceFile(path: path).open()
        XCTAssertEqual(final.personNumber(named: "Written By A"), 6)
        XCTAssertEqual(final.personNumber(named: "Written By B"), 7)
        XCTAssertEqual(try final.fullAudit().map(\.seq), Array(1...final.auditCount))
    }

    func testLockIsTakenAgainAfterRelease() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let a = WorkspaceFile(path: path, lockTimeout: 0)
        for _ in 0..<3 { try a.transaction { _ in } }
        try WorkspaceFile(path: path, lockTimeout: 0).transaction { _ in }
        XCTAssertEqual(mode(of: path + ".lock"), 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "an empty transaction creates no workspace")
    }

    func testRefreshReportsOnlyOtherWritersChanges() throws {
        let folder = try TempFolder()
        let path = try sampleWorkspace(folder)
        let reader = WorkspaceFile(path: path)
        let writer = WorkspaceFile(path: path)
        _ = try reader.open()
        XCTAssertNil(try reader.refresh(), "nothing changed")
        XCTAssertNil(try reader.refresh(), "still nothing changed")

        try writer.transaction { r in
            try r.complete(4, result: "debriefs done")
            logged(&r, "complete A-4")
        }
        let fresh = try XCTUnwrap(try reader.refresh(), "the other writer's change is reported")
        XCTAssertEqual(fresh.actions[3].status, .done)
        XCTAssertNil(try reader.refresh(), "reported once")
        XCTAssertNil(try writer.refresh(), "a store's own write is not a change to it")
        XCTAssertEqual(try reader.open().actions[3].result, "debriefs done")
    }

    func testRefreshOfAStoreThatNeverReadReturnsTheRegister() throws {
        let folder = try TempFolder()
        let path = try sampleWorkspace(folder)
        XCTAssertEqual(try WorkspaceFile(path: path).refresh()?.actions.count, 4)
    }
}
