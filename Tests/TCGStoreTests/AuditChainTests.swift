@testable import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest

/// The audit chain covers the records (format version 3): every change made outside tcg to a
/// record, an entry or the end of the trail is found by verify, naming the entry, and makes the
/// workspace read-only until a person accepts it.
final class AuditChainTests: XCTestCase {
    /// A workspace whose decisions D-1 and D-2 were marked OFFICIAL-SENSITIVE, then a few more
    /// changes; `folded` folds the journal into the snapshot.
    private func workspace(folded: Bool) throws -> JournalFixture {
        let fixture = try JournalFixture()
        let store = fixture.store()
        for n in [1, 2] {
            try store.transaction { r in
                try r.mark(RecordID(.decision, n), .officialSensitive)
                logged(&r, "mark D-\(n) official-sensitive")
            }
        }
        for i in 0..<3 { try JournalFixture.commitChange(i, to: store) }
        if folded { try store.close() }
        XCTAssertEqual(try fixture.store().check().problems, [], "intact before it is changed")
        return fixture
    }

    private func lines(_ path: String) throws -> [String] {
        String(decoding: try bytes(of: path), as: UTF8.self).components(separatedBy: "\n")
    }

    private func write(_ lines: [String], to path: String) throws {
        try TCGStoreTests.write(Array(lines.joined(separator: "\n").utf8), to: path)
    }

    /// Changes the first line containing `marker` with `change`.
    private func edit(_ path: String, containing marker: String, file: StaticString = #filePath, line: UInt = #line,
                      _ change: (String) -> String) throws {
        var all = try lines(path)
        guard let i = all.firstIndex(where: { $0.contains(marker) }) else { return XCTFail("no line with \(marker)", file: file, line: line) }
        let changed = change(all[i])
        XCTAssertNotEqual(changed, all[i], file: file, line: line)
        all[i] = changed
        try write(all, to: path)
    }

    /// The problems verify finds, as `seq: message`.
    private func problems(_ fixture: JournalFixture) throws -> [String] {
        try fixture.store().check().unaccepted.map { "\($0.seq): \($0.message)" }
    }

    /// The seq of the audit entry that last changed `id`.
    private func lastEntry(touching id: String, _ fixture: JournalFixture) throws -> Int {
        try XCTUnwrap(try fixture.store().open().fullAudit().last { $0.ids.map(\.description).contains(id) }?.seq)
    }

    func testAnEditedDecisionInTheSnapshotIsFound() throws {
        let fixture = try workspace(folded: true)
        let seq = try lastEntry(touching: "D-1", fixture)
        try edit(fixture.path, containing: "{\"id\":\"D-1\"") { $0.replacingOccurrences(of: "\"text\":\"", with: "\"text\":\"Not ") }
        XCTAssertEqual(try problems(fixture), ["\(seq): record D-1 does not match audit entry \(seq), the last that changed it: it was changed outside tcg"])
    }

    func testAnEditedRationaleInAJournalLineIsFound() throws {
        let fixture = try workspace(folded: false)
        let seq = try lastEntry(touching: "D-2", fixture)
        try edit(fixture.journal, containing: "{\"id\":\"D-2\"") { line in
            line.replacingOccurrences(of: "\"rationale\":\"", with: "\"rationale\":\"Because ")
        }
        XCTAssertEqual(try problems(fixture), ["\(seq): record D-2 does not match audit entry \(seq), the last that changed it: it was changed outside tcg"])
    }

    func testADroppedOrLoweredMarkingIsFound() throws {
        let folded = try workspace(folded: true)
        try edit(folded.path, containing: "{\"id\":\"D-1\"") { $0.replacingOccurrences(of: ",\"marking\":\"OFFICIAL-SENSITIVE\"", with: "") }
        XCTAssertEqual(try problems(folded).map { $0.contains("record D-1 does not match") }, [true])

        let journal = try workspace(folded: false)
        try edit(journal.journal, containing: "{\"id\":\"D-2\"") { $0.replacingOccurrences(of: "\"OFFICIAL-SENSITIVE\"", with: "\"OFFICIAL\"") }
        XCTAssertEqual(try problems(journal).map { $0.contains("record D-2 does not match") }, [true])
    }

    func testAnIDCounterLoweredBelowAnIDTheTrailNamesIsFound() throws {
        let fixture = try workspace(folded: false)
        let store = fixture.store()
        // A person added, then taken back as undo does: the counter keeps the id.
        var before = Register()
        var person = 0
        try store.transaction { r in
            before = r
            person = try r.addPerson(name: "Taken Back", role: nil, unit: nil, agency: nil).number
            logged(&r, "add person \"Taken Back\"")
        }
        try store.transaction { r in
            let after = r
            r.revert([RecordID(.person, person)], before: before, after: after)
            r.log("undo: removed PE-\(person)", RecordID(.person, person))
            logged(&r, "undo")
        }
        try store.close()
        XCTAssertEqual(try problems(fixture), [], "intact after the undo")
        let seq = try XCTUnwrap(try fixture.store().open().fullAudit().first { $0.ids.contains(RecordID(.person, person)) }?.seq)
        try edit(fixture.path, containing: "\"last_ids\"") { $0.replacingOccurrences(of: "\"PE\":\(person)", with: "\"PE\":\(person - 1)") }
        XCTAssertEqual(try problems(fixture), ["\(seq): the id counter last_ids.PE is \(person - 1), below PE-\(person), which audit entry \(seq) names: "
                                                + "ids would be given twice; it was changed outside tcg"])
    }

    func testARemovedMarkingCeilingIsFound() throws {
        let fixture = try JournalFixture()
        try fixture.store().transaction { r in
            r.setMaxMarking(.official)
            logged(&r, "set max-marking official")
        }
        try fixture.store().close()
        XCTAssertEqual(try problems(fixture), [])
        try edit(fixture.path, containing: "\"max_marking\"") { $0.replacingOccurrences(of: "\"max_marking\": \"OFFICIAL\",", with: "") }
        XCTAssertEqual(try problems(fixture).map { $0.contains("the clock, units, marking ceiling or scoring scheme do not match audit entry") }, [true])
    }

    func testAMeetingNamedWithoutChangeIsSealedByTheEntryThatChangedIt() throws {
        let fixture = try workspace(folded: false)
        let audit = try fixture.store().open().fullAudit()
        let tasked = try XCTUnwrap(audit.last { $0.changes.contains { $0.hasPrefix("created A-") } })
        let meeting = try XCTUnwrap(tasked.ids.first { $0.kind == .meeting })
        XCTAssertEqual(tasked.records[try XCTUnwrap(tasked.ids.firstIndex(of: meeting))], "", "the meeting is named, not sealed again")
        XCTAssertFalse(tasked.records[0].isEmpty, "the action it created is sealed")
        try fixture.store().close()
        let sealedBy = try XCTUnwrap(audit.last { e in zip(e.ids, e.records).contains { $0 == meeting && !$1.isEmpty } }?.seq)
        try edit(fixture.path, containing: "{\"id\":\"\(meeting)\"") { $0.replacingOccurrences(of: "\"kind\":\"ttcg\"", with: "\"kind\":\"dmm\"") }
        XCTAssertEqual(try problems(fixture), ["\(sealedBy): record \(meeting) does not match audit entry \(sealedBy), the last that changed it: it was changed outside tcg"])
    }

    func testASnapshotEditedInPlaceUnderAnOpenStoreIsFound() throws {
        let fixture = try workspace(folded: false)
        let store = fixture.store()
        try JournalFixture.commitChange(5, to: store)
        // Same file, same journal_seq and last entry: not a fold by another tcg.
        try edit(fixture.path, containing: "{\"id\":\"PE-1\"") { $0.replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"Not ") }
        XCTAssertThrowsError(try JournalFixture.commitChange(6, to: store)) { error in
            XCTAssertTrue("\(error)".contains("the audit trail is broken at entry"), "\(error)")
            XCTAssertTrue("\(error)".contains("record PE-1 does not match"), "\(error)")
        }
    }

    func testSwappedEntriesAreFound() throws {
        let fixture = try workspace(folded: true)
        var all = try lines(fixture.path)
        let i = try XCTUnwrap(all.firstIndex { $0.hasPrefix("{\"seq\":5,") }), j = i + 1
        XCTAssertTrue(all[j].hasPrefix("{\"seq\":6,"))
        // Swap everything but the numbers, so that the trail still reads in order.
        let a = all[i].replacingOccurrences(of: "{\"seq\":5,", with: "{\"seq\":6,")
        let b = all[j].replacingOccurrences(of: "{\"seq\":6,", with: "{\"seq\":5,")
        all[i] = b.hasSuffix(",") ? b : b + ","
        all[j] = a
        try write(all, to: fixture.path)
        let found = try problems(fixture)
        XCTAssertEqual(found.first?.hasPrefix("5: audit entry 5 does not match its hash"), true, "\(found)")
    }

    func testMergedEntriesAreFound() throws {
        let fixture = try workspace(folded: true)
        var all = try lines(fixture.path)
        let i = try XCTUnwrap(all.firstIndex { $0.hasPrefix("{\"seq\":5,") })
        // Entry 6's changes go into entry 5 and entry 6 goes.
        let six = try JSONValue.parse(String(all[i + 1].dropLast()))
        let moved = six["changes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        all[i] = all[i].replacingOccurrences(of: "\"],\"ids\"", with: "\",\"" + moved.joined(separator: "\",\"") + "\"],\"ids\"")
        all.remove(at: i + 1)
        try write(all, to: fixture.path)
        let found = try problems(fixture)
        XCTAssertEqual(found.first?.hasPrefix("5: audit entry 5 does not match its hash"), true, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("7: audit entry 6 is missing") }, "\(found)")
    }

    func testACutJournalLineIsFound() throws {
        let fixture = try workspace(folded: false)
        let last = try fixture.store().open().lastAuditSeq
        var all = try lines(fixture.journal)
        all.removeLast(2)
        all.append("")
        try write(all, to: fixture.journal)
        XCTAssertEqual(try problems(fixture), ["\(last): the trail ends at entry \(last - 1) but \(fixture.path).head records entry \(last) as the head: entries \(last)–\(last) were cut off"])
    }

    func testTheSnapshotsCutLastEntriesAreFound() throws {
        let fixture = try workspace(folded: true)
        let last = try fixture.store().open().lastAuditSeq
        var all = try lines(fixture.path)
        let end = try XCTUnwrap(all.firstIndex { $0.hasPrefix("{\"seq\":\(last),") })
        all.removeSubrange(end - 1...end)
        all[end - 2] = String(all[end - 2].dropLast())
        try write(all, to: fixture.path)
        // The records the cut entries changed no longer match either.
        let found = try problems(fixture)
        XCTAssertEqual(found.last, "\(last): the trail ends at entry \(last - 2) but \(fixture.path).head records entry \(last) as the head: entries \(last - 1)–\(last) were cut off")
    }

    /// A broken chain refuses writes, naming the entry, until a person accepts the break; the
    /// acceptance is itself an entry, and from then on the chain checks out again.
    func testABrokenChainIsReadOnlyUntilAccepted() throws {
        let fixture = try workspace(folded: true)
        let seq = try lastEntry(touching: "D-1", fixture)
        try edit(fixture.path, containing: "{\"id\":\"D-1\"") { $0.replacingOccurrences(of: "\"text\":\"", with: "\"text\":\"Not ") }
        let before = try bytes(of: fixture.path)
        XCTAssertEqual(try fixture.store().open().decisions.count, 2, "queries still read it")
        XCTAssertThrowsError(try JournalFixture.commitChange(0, to: fixture.store())) { error in
            XCTAssertTrue("\(error)".contains("the audit trail is broken at entry \(seq): record D-1"), "\(error)")
            XCTAssertTrue("\(error)".contains("read-only"), "\(error)")
        }
        XCTAssertEqual(try bytes(of: fixture.path), before)

        let (check, entry) = try fixture.store().acceptBreaks(user: "ann", day: nil)
        XCTAssertEqual(check.unaccepted.count, 1)
        let accepted = try XCTUnwrap(entry)
        XCTAssertEqual(accepted.user, "ann")
        XCTAssertEqual(accepted.source, "accept")
        XCTAssertTrue(accepted.changes[0].contains("record D-1 does not match audit entry \(seq)"))
        XCTAssertEqual(try problems(fixture), [])
        try JournalFixture.commitChange(1, to: fixture.store())
        XCTAssertEqual(try problems(fixture), [])
    }

    /// An accepted link break stays accepted only while the entry is as it was accepted.
    func testAnAcceptedBreakIsAcceptedOnlyAsItWas() throws {
        let fixture = try workspace(folded: true)
        try edit(fixture.path, containing: "{\"seq\":5,") { $0.replacingOccurrences(of: "\"user\":\"", with: "\"user\":\"x") }
        XCTAssertEqual(try problems(fixture).count, 1)
        _ = try fixture.store().acceptBreaks(user: "ann", day: nil)
        XCTAssertEqual(try problems(fixture), [])
        XCTAssertEqual(try fixture.store().check().problems.first?.acceptedAt, try fixture.store().open().lastAuditSeq)
        try fixture.store().close()
        try edit(fixture.path, containing: "{\"seq\":5,") { $0.replacingOccurrences(of: "\"user\":\"x", with: "\"user\":\"y") }
        XCTAssertEqual(try problems(fixture).first?.hasPrefix("5: audit entry 5 does not match its hash"), true)
    }

    /// The fields are length-prefixed: moving text from one field to the next changes the hash.
    func testFieldsCannotRunIntoEachOther() throws {
        var a = AuditEntry(seq: 1, at: "t", day: Day(number: 0), user: "ann", source: "repl", statement: "x", changes: ["ab", "c"], ids: [])
        var b = a
        b.changes = ["a", "bc"]
        a.hash = a.chainHash(previous: "") ?? ""
        b.hash = b.chainHash(previous: "") ?? ""
        XCTAssertNotEqual(a.hash, b.hash)
        var c = a
        c.user = "annrepl"
        c.source = ""
        XCTAssertNotEqual(c.chainHash(previous: ""), a.hash)
    }

    /// With a key the chain is an HMAC chain: it checks with the key, and not without it.
    func testAKeyedChainNeedsItsKey() throws {
        let fixture = try JournalFixture()
        let key = AuditKey(bytes: Array("secret".utf8))
        let store = fixture.store()
        store.seal = WorkspaceSeal(key: key)
        try JournalFixture.commitChange(0, to: store)
        let keyed = fixture.store()
        keyed.seal = WorkspaceSeal(key: key)
        XCTAssertEqual(try keyed.check().problems, [])
        XCTAssertEqual(try keyed.check().keyedUnchecked, 0)
        XCTAssertEqual(try fixture.store().check().keyedUnchecked, 1)
        XCTAssertThrowsError(try JournalFixture.commitChange(1, to: fixture.store())) { error in
            XCTAssertTrue("\(error)".contains("keyed"), "\(error)")
        }
        let wrong = fixture.store()
        wrong.seal = WorkspaceSeal(key: AuditKey(bytes: Array("other".utf8)))
        XCTAssertEqual(try wrong.check().unaccepted.count, 1)
    }

    func testAForgedHeadDoesNotLetAKeyedWorkspaceSkipItsCheck() throws {
        let fixture = try JournalFixture()
        let key = AuditKey(bytes: Array("secret".utf8))
        func keyedStore() -> WorkspaceFile {
            let store = fixture.store()
            store.seal = WorkspaceSeal(key: key)
            return store
        }
        try JournalFixture.commitChange(0, to: keyedStore())
        try keyedStore().close()
        XCTAssertEqual(try keyedStore().check().problems, [])
        // Edit a record, then write a head that names the edited files, as tcg would after a commit
        // (without the key's HMAC, which the forger does not have).
        try edit(fixture.path, containing: "{\"id\":\"PE-1\"") { $0.replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"Not ") }
        let good = try XCTUnwrap(AuditHead.read(workspace: fixture.path))
        AuditHead(seq: good.seq, hash: good.hash, snapshot: try FileState.of(fixture.path), journal: try FileState.of(fixture.journal))
            .write(workspace: fixture.path)
        XCTAssertNotNil(AuditHead.read(workspace: fixture.path), "the forged head reads without a key")
        XCTAssertNil(AuditHead.read(workspace: fixture.path, key: key), "but not with one")
        XCTAssertThrowsError(try JournalFixture.commitChange(1, to: keyedStore())) { error in
            XCTAssertTrue("\(error)".contains("record PE-1 does not match"), "\(error)")
        }
    }
}
