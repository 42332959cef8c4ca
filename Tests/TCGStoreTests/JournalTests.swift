import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest

/// The journal beside the snapshot: what a commit appends, how readers replay it, and what
/// they do with torn and damaged lines.
final class JournalTests: XCTestCase {
    func testSmallCommitsAppendOneLineEachAndReplayToTheSameRegister() throws {
        let fixture = try JournalFixture()
        let snapshot = try bytes(of: fixture.path)
        let store = fixture.store()
        var expected = try store.open()
        for i in 0..<40 {
            expected = try JournalFixture.commitChange(i, to: store)
        }
        XCTAssertEqual(try bytes(of: fixture.path), snapshot, "commits leave the snapshot alone")
        let lines = try fixture.journalLines()
        XCTAssertEqual(lines.count, 40)
        XCTAssertTrue(lines.allSatisfy { $0.last == 0x0A && !$0.dropLast().contains(0x0A) }, "one line per commit")
        // The snapshot is the first save (journal_seq 1); the lines follow it.
        XCTAssertEqual(try fixture.watermark(), 1)
        XCTAssertEqual(try lines.map { try JSONValue.parse(Array($0.dropLast()))["seq"]?.intValue }, Array(2...41))

        let reopened = try fixture.store().open()
        assertSameRegister(reopened, expected)
        XCTAssertEqual(reopened.personNumber(named: "person 35"), expected.personNumber(named: "Person 35"), "name index rebuilt")
        assertSameRegister(try store.open(), expected)
    }

    func testALineHoldsOnlyTheRecordsTheStatementChanged() throws {
        let fixture = try JournalFixture()
        try JournalFixture.commitChange(2, to: fixture.store())  // tasks an action at M-4
        let line = try JSONValue.parse(Array(try XCTUnwrap(fixture.journalLines().first).dropLast()))
        XCTAssertEqual(line.objectValue?.map(\.0), ["seq", "base", "clock", "last_ids", "units", "upsert", "delete", "audit"])
        XCTAssertEqual(line["upsert"]?.objectValue?.map(\.0), ["actions"], "M-4 is named in the audit entry but did not change")
        XCTAssertEqual(line["upsert"]?["actions"]?[0]?["id"]?.stringValue, "A-5")
        XCTAssertEqual(line["delete"]?.arrayValue, [])
        XCTAssertEqual(line["audit"]?.arrayValue?.count, 1)
        XCTAssertEqual(line["base"]?.intValue, try SampleRegister.make().audit.last?.seq)
    }

    func testUndoRemovesTheRecordsAStatementCreatedAndRestoresTheOnesItChanged() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        // As the interpreter keeps it for undo: the register before the statement.
        let before = try store.open()
        try store.transaction { r in
            _ = try r.addAction(at: 4, type: .enforcement, title: "To be undone", plan: 3, owner: 2, due: try SampleRegister.day("2027-05-01"))
            _ = try r.decide(at: 4, text: "Supersede again", rationale: "undo test", about: [], supersedes: 2)
            logged(&r, "add action; decide")
        }
        XCTAssertEqual(try fixture.store().open().decisions.first { $0.number == 2 }?.supersededBy, 3)
        let expected = try store.transaction { r -> Register in
            var restored = before
            restored.audit = r.audit
            restored.earlierAudit = r.earlierAudit
            restored.lastNumber = r.lastNumber
            restored.pendingChanges = ["undo of #\(r.audit.count): add action; decide"]
            restored.pendingIDs = r.audit.last?.ids ?? []
            r = restored
            logged(&r, "undo")
            return r
        }
        let undo = try JSONValue.parse(Array(try XCTUnwrap(fixture.journalLines().last).dropLast()))
        XCTAssertEqual(undo["delete"]?.arrayValue?.compactMap(\.stringValue), ["A-5", "D-3"])
        XCTAssertEqual(undo["upsert"]?["decisions"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["D-2"])

        let reopened = try fixture.store().open()
        assertSameRegister(reopened, expected)
        XCTAssertNil(reopened.actions.index(ofNumber: 5))
        XCTAssertNil(reopened.decisions.first { $0.number == 2 }?.supersededBy)
        XCTAssertEqual(reopened.lastNumber[.action], 5, "ids are not reused after undo")
        XCTAssertEqual(reopened.auditCount, before.auditCount + 2)

        // Undoing an added person removes them too (and their name can be used again).
        try store.transaction { r in
            _ = try r.addPerson(name: "Short Stay", role: nil, unit: nil, agency: nil)
            logged(&r, "add person")
        }
        let withPerson = try store.open()
        XCTAssertNotNil(try fixture.store().open().personNumber(named: "Short Stay"))
        try store.transaction { r in
            var restored = expected
            restored.audit = r.audit
            restored.earlierAudit = r.earlierAudit
            restored.lastNumber = r.lastNumber
            restored.pendingChanges = ["undo"]
            restored.pendingIDs = r.audit.last?.ids ?? []
            r = restored
            logged(&r, "undo")
        }
        let final = try fixture.store().open()
        XCTAssertNil(final.personNumber(named: "Short Stay"))
        XCTAssertEqual(final.people.count, withPerson.people.count - 1)
    }

    func testATornLastLineIsIgnoredAndCutOffByTheNextWriter() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        for i in 0..<2 { try JournalFixture.commitChange(i, to: store) }
        let beforeLast = try store.open()
        // A torn line is a crash during the append, before the head file names its entry.
        let headBefore = try bytes(of: fixture.journal.replacingOccurrences(of: ".journal", with: ".head"))
        let last = try JournalFixture.commitChange(2, to: store)
        let whole = try bytes(of: fixture.journal)
        let lines = try fixture.journalLines()
        let lastStart = whole.count - (lines.last?.count ?? 0)
        XCTAssertGreaterThan(whole.count - lastStart, 300)

        var writes = 0
        for cut in lastStart..<whole.count {
            try write(Array(whole[..<cut]), to: fixture.journal)
            try write(headBefore, to: fixture.journal.replacingOccurrences(of: ".journal", with: ".head"))
            assertSameRegister(try fixture.store().open(), beforeLast)
            if cut == lastStart + 1 || cut == whole.count - 1 || cut % 41 == 0 {
                writes += 1
                let after = try fixture.store().transaction { r -> Register in
                    _ = try r.addPerson(name: "After the tear", role: nil, unit: nil, agency: nil)
                    logged(&r, "add person")
                    return r
                }
                let now = try bytes(of: fixture.journal)
                XCTAssertEqual(Array(now[..<lastStart]), Array(whole[..<lastStart]), "cut \(cut): the complete lines are kept")
                XCTAssertEqual(try fixture.journalLines().count, 3, "cut \(cut): the torn tail was replaced by the new line")
                XCTAssertEqual(now.last, 0x0A)
                assertSameRegister(try fixture.store().open(), after)
                XCTAssertEqual(after.auditCount, beforeLast.auditCount + 1)
            }
        }
        XCTAssertGreaterThan(writes, 5)

        // A last line that ends in a newline but is not JSON is torn as well.
        try write(Array(whole[..<lastStart]) + Array("{\"seq\":4,\"base\":\n".utf8), to: fixture.journal)
        assertSameRegister(try fixture.store().open(), beforeLast)
        try write(whole, to: fixture.journal)
        assertSameRegister(try fixture.store().open(), last)
    }

    func testAnUnfinishedLineIsNotReadUntilItIsComplete() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        try JournalFixture.commitChange(0, to: store)
        let expected = try JournalFixture.commitChange(1, to: store)
        let whole = try bytes(of: fixture.journal)
        let firstLength = try XCTUnwrap(fixture.journalLines().first).count
        try write(Array(whole[..<(firstLength + 10)]), to: fixture.journal)
        let reader = fixture.store()
        let partial = try reader.open()
        XCTAssertEqual(partial.auditCount, expected.auditCount - 1)
        XCTAssertNil(try reader.refresh(), "nothing new is complete")
        try write(whole, to: fixture.journal)
        assertSameRegister(try XCTUnwrap(try reader.refresh(), "the completed line is a change"), expected)
    }

    /// Corruptions that must be refused wherever they are, each with the message's start.
    private func damagedJournals(_ fixture: JournalFixture) throws -> [(String, [UInt8], String)] {
        let lines = try fixture.journalLines()
        XCTAssertEqual(lines.count, 4)
        func text(_ line: [UInt8]) -> String { String(decoding: line, as: UTF8.self) }
        func joined(_ parts: [[UInt8]]) -> [UInt8] { parts.flatMap { $0 } }
        let second = text(lines[1])
        let fourth = text(lines[3])
        return [
            ("not JSON", joined([lines[0], Array(second.replacingOccurrences(of: "\"seq\":", with: "\"seq\"").utf8), lines[2], lines[3]]),
             "line 2, column "),
            ("a missing line", joined([lines[0], lines[2], lines[3]]), "line 2: seq 4 does not follow 2; a line is missing"),
            ("a repeated line", joined([lines[0], lines[1], lines[1], lines[2], lines[3]]), "line 3: seq 3 does not follow 3; lines are out of order"),
            ("an empty line", joined([lines[0], [0x0A], lines[1], lines[2], lines[3]]), "line 2, column 1"),
            ("a bad value", joined([lines[0], Array(second.replacingOccurrences(of: "\"base\":", with: "\"base\":-").utf8), lines[2], lines[3]]),
             "line 2, column "),
            // Valid JSON is never torn, even on the last line.
            ("a bad last line", joined([lines[0], lines[1], lines[2], Array(fourth.replacingOccurrences(of: "\"status\":\"active\"", with: "\"status\":\"gone\"").utf8)]),
             "line 4, column "),
            ("a line that does not fit", joined([lines[0], lines[1], lines[2], Array(fourth.replacingOccurrences(of: "\"delete\":[]", with: "\"delete\":[\"A-99\"]").utf8)]),
             "line 4: does not fit the register: it removes A-99, which is not in the register"),
            ("a wrong base", joined([lines[0], Array(second.replacingOccurrences(of: "\"base\":", with: "\"base\":1").utf8), lines[2], lines[3]]),
             "line 2: does not fit the register: it continues the audit trail from entry #1"),
            ("an unknown unit", joined([Array(text(lines[0]).replacingOccurrences(of: "\"unit\":\"Eastbridge\"", with: "\"unit\":\"Nowhere\"").utf8), lines[1], lines[2], lines[3]]),
             "line 1: makes the register inconsistent: people["),
            ("an unknown owner", joined([lines[0], lines[1], Array(text(lines[2]).replacingOccurrences(of: "\"owner\":\"PE-1\"", with: "\"owner\":\"PE-77\"").utf8), lines[3]]),
             "line 3: makes the register inconsistent: actions[4].owner: PE-77 is not a person in the register"),
        ]
    }

    func testADamagedJournalIsRefusedAndNeitherFileIsTouched() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        for i in [0, 1, 2, 3] { try JournalFixture.commitChange(i, to: store) }
        let snapshot = try bytes(of: fixture.path)
        for (what, journal, prefix) in try damagedJournals(fixture) {
            try write(journal, to: fixture.journal)
            assertJournalRefused(fixture.path, prefix)
            XCTAssertThrowsError(try fixture.store(lockTimeout: 0).transaction { r in
                _ = try r.addPerson(name: "Not Saved", role: nil, unit: nil, agency: nil)
                logged(&r, "add person")
            }, what) { XCTAssertTrue(($0 as? StoreError)?.message.hasPrefix(prefix) == true, "\(what): \($0)") }
            XCTAssertThrowsError(try fixture.store().close(), what)
            XCTAssertEqual(try bytes(of: fixture.path), snapshot, what)
            XCTAssertEqual(try bytes(of: fixture.journal), journal, what)
        }
    }

    func testAJournalWithoutItsSnapshotIsRefused() throws {
        let fixture = try JournalFixture()
        try JournalFixture.commitChange(0, to: fixture.store())
        XCTAssertEqual(unlink(fixture.path), 0)
        let journal = try bytes(of: fixture.journal)
        assertJournalRefused(fixture.path, "holds changes to a workspace that does not exist")
        XCTAssertThrowsError(try fixture.store().transaction { r in logged(&r, "x") })
        XCTAssertEqual(try bytes(of: fixture.journal), journal)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.path))
        // An empty journal beside no snapshot is nothing.
        try write([], to: fixture.journal)
        XCTAssertTrue(try fixture.store().open().people.isEmpty)
    }

    func testASnapshotRewrittenWithoutTheJournalIsRefusedNotReappliedTwice() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        let committed = try JournalFixture.commitChange(0, to: store)
        let journal = try bytes(of: fixture.journal)
        // A tcg that knows nothing of the journal saves the whole register with a change of its
        // own, dropping journal_seq: the journal's line no longer follows the snapshot.
        var other = try SampleRegister.make()
        try JournalFixture.change(1, &other)
        let rewritten = try WorkspaceFormat.encode(other)
        try write(rewritten, to: fixture.path)
        assertJournalRefused(fixture.path, "line 1: seq 2 does not follow 0; a line is missing")
        // Even with the watermark kept, the line's base shows that it does not follow.
        let kept = String(decoding: rewritten, as: UTF8.self).replacingOccurrences(of: "\"journal_seq\": 0,", with: "\"journal_seq\": 1,")
        try write(Array(kept.utf8), to: fixture.path)
        let base = committed.auditCount - 1
        assertJournalRefused(fixture.path, "line 1: does not fit the register: it continues the audit trail from entry #\(base), "
                             + "but the register's last audit entry is #\(base + 1)")
        XCTAssertEqual(try bytes(of: fixture.journal), journal)
    }

    /// A version-1 file without a watermark is migrated by the first commit (watermark 0),
    /// which then takes a journal line.
    func testAVersion1FileWithoutAWatermarkTakesAJournal() throws {
        let fixture = try JournalFixture()
        var text = String(decoding: try bytes(of: fixture.path), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"journal_seq\": 1,\n", with: "").replacingOccurrences(of: "\"version\": 3,", with: "\"version\": 1,")
        XCTAssertFalse(text.contains("journal_seq"))
        try write(Array(text.utf8), to: fixture.path)
        let expected = try JournalFixture.commitChange(0, to: fixture.store())
        XCTAssertEqual(try JSONValue.parse(try bytes(of: fixture.path))["journal_seq"]?.intValue, 0)
        XCTAssertEqual(try JSONValue.parse(Array(try XCTUnwrap(fixture.journalLines().first).dropLast()))["seq"]?.intValue, 1)
        assertSameRegister(try fixture.store().open(), expected)
    }

    func testJournalLinesMatchTheSchema() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        for i in 0..<10 { try JournalFixture.commitChange(i, to: store) }
        try store.transaction { r in
            let d = SampleRegister.day
            _ = try r.decide(at: 4, text: SampleRegister.awkward, rationale: "why", about: [RecordID(.action, 1)], supersedes: 2)
            let c = try r.commissionAnalysis(at: 4, title: "Profile", product: .problemProfile, assignee: 2, due: try d("2027-05-01")).number
            _ = try r.addProduct(kind: .problemProfile, title: "Profile", author: 2, date: try d("2027-04-20"), commission: c, recommends: "more")
            let plan = try r.createPlan(at: 4, title: "Op Wren", serves: RecordID(.priority, 1), owner: 1, start: try d("2027-04-12"), review: nil).number
            _ = try r.addRequirement(at: 4, level: .tactical, question: "Who?", priority: 1, plan: plan, owner: 2)
            _ = try r.commissionReview(at: 4, title: "Wren review", plan: plan, objectives: "did it work?", scope: .all)
            logged(&r, "many kinds")
        }
        let schema = try JSONValue.parse(try SchemaTests.doc("workspace.schema.json"))
        for line in try fixture.journalLines() {
            let value = try JSONValue.parse(Array(line.dropLast()))
            XCTAssertEqual(SchemaValidator(schema, strict: true).errors(value, against: "journal_line"), [])
        }
        var broken = try JSONValue.parse(Array(try XCTUnwrap(fixture.journalLines().first).dropLast()))
        if case .object(var members) = broken {
            members.removeAll { $0.0 == "audit" }
            broken = .object(members)
        }
        XCTAssertFalse(SchemaValidator(schema).errors(broken, against: "journal_line").isEmpty, "audit is required")
    }

    #if DEBUG
    func testAChangeMissingFromTheAuditEntryIsRefusedInDebugBuilds() throws {
        let fixture = try JournalFixture()
        let before = try bytes(of: fixture.path)
        XCTAssertThrowsError(try fixture.store().transaction { r in
            r.actions[0].title = "changed without a log"
            _ = try r.addPerson(name: "Logged", role: nil, unit: nil, agency: nil)
            logged(&r, "add person")
        }) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("would not reproduce the register: actions differ (A-1)") == true, "\(error)")
        }
        XCTAssertEqual(try bytes(of: fixture.path), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.journal))
    }
    #endif

    func testARecordAddedWithoutItsIdInTheAuditEntryIsSavedInASnapshot() throws {
        let fixture = try JournalFixture()
        let store = fixture.store()
        try JournalFixture.commitChange(0, to: store)
        let expected = try store.transaction { r -> Register in
            let n = (r.lastNumber[.candidate] ?? 0) + 1
            r.lastNumber[.candidate] = n
            r.candidates.append(Candidate(number: n, title: "Unlogged", rationale: "no id in the entry", meeting: 1))
            r.pendingChanges = ["added a candidate"]
            logged(&r, "raw append")
            return r
        }
        XCTAssertEqual(try bytes(of: fixture.journal), [], "the count check fell back to a snapshot")
        assertSameRegister(try fixture.store().open(), expected)
    }
}
