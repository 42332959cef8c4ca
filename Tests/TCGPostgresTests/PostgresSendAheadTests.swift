import TCGDomain
import TCGPostgres
import TCGStore
import TCGTestSupport
import XCTest

/// A long transaction sends what it changed to the server in parts while its statements run
/// (``PostgresStore/sendAhead(entries:_:)``; here a part every two audit entries), all inside the one
/// transaction: what commits is exactly the register, and a transaction that fails after parts
/// were sent leaves nothing.
extension PostgresStoreTests {
    /// Applies `change` to `register` and appends its audit entry, as a statement does.
    func statement(_ register: inout Register, _ change: (inout Register) throws -> Void) rethrows {
        try change(&register)
        let pending = register.takePending()
        let day = Day(iso: "2027-01-15") ?? Day(number: 0)
        register.appendAudit(AuditEntry(seq: register.lastAuditSeq + 1, at: "2027-01-15T09:00:00Z", day: day, user: "ann",
                                        source: "test", statement: "test", changes: pending.changes, ids: pending.ids),
                             unchanged: pending.unchanged)
    }

    /// Seven statements, sent in parts: people added, one changed after its part was sent,
    /// one removed after its part was sent. `fail` throws at the end, after the parts.
    func longTransaction(_ store: PostgresStore, watching db: PGConnection, fail: Bool = false) throws -> Register {
        struct Failed: Error {}
        return try store.transaction { (register: inout Register) throws -> Register in
            try statement(&register) { try $0.addUnit(name: "Westshire", kind: .force, parent: nil) }
            store.sendAhead(register)
            for n in 1...4 {
                try statement(&register) { _ = try $0.addPerson(name: "Person \(n)", role: "analyst", unit: "Westshire", agency: nil) }
                store.sendAhead(register)
            }
            // Sent in an earlier part, then changed: written again.
            try statement(&register) { register in
                register.people[0].name = "Person One"
                register.pendingChanges = ["renamed PE-1"]
                register.pendingIDs = [RecordID(.person, 1)]
            }
            store.sendAhead(register)
            // Sent in an earlier part, then removed (what undo does): gone.
            try statement(&register) { register in
                register.people.remove(at: 2)
                register.reindex()
                register.pendingChanges = ["removed PE-3"]
                register.pendingIDs = [RecordID(.person, 3)]
            }
            store.sendAhead(register)
            // Nothing is committed yet: another session sees none of it.
            XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.people").scalar, "0")
            XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.audit").scalar, "0")
            if fail { throw Failed() }
            return register
        }
    }

    func testPartsSentAheadCommitAsExactlyTheRegister() throws {
        let (store, db) = try store()
        store.entriesPerSend = 2
        let register = try longTransaction(store, watching: db)
        XCTAssertGreaterThanOrEqual(store.partsSent, 3, "the parts were sent while the statements ran, not at the commit")
        let other = PostgresStore(address: store.address)
        other.seal = WorkspaceSeal()
        let read = try other.open()
        XCTAssertEqual(try RegisterRows.all(of: read), try RegisterRows.all(of: register))
        XCTAssertEqual(read.people.map(\.name), ["Person One", "Person 2", "Person 4"])
        XCTAssertEqual(try db.exec("SELECT id, name FROM tcg.people ORDER BY number").rows, [["PE-1", "Person One"], ["PE-2", "Person 2"], ["PE-4", "Person 4"]])
        XCTAssertEqual(try db.exec("SELECT version, last_seq FROM tcg.register_head").rows, [["1", "7"]])
        let check = try other.check()
        XCTAssertTrue(check.problems.isEmpty, "\(check.problems)")
    }

    func testATransactionThatFailsAfterPartsWereSentLeavesNothing() throws {
        let (store, db) = try store()
        store.entriesPerSend = 2
        XCTAssertThrowsError(try longTransaction(store, watching: db, fail: true))
        XCTAssertGreaterThanOrEqual(store.partsSent, 3)
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.people").scalar, "0")
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.units").scalar, "0")
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.audit").scalar, "0")
        XCTAssertEqual(try db.exec("SELECT version FROM tcg.register_head").scalar, "0")
        // The store is usable again: the next transaction commits in full.
        _ = try longTransaction(store, watching: db)
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.people").scalar, "3")
    }
}
