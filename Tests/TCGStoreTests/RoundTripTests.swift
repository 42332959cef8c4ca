import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest

/// Compares two registers record by record.
func assertSameRegister(_ a: Register, _ b: Register, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.units, b.units, "units", file: file, line: line)
    XCTAssertEqual(a.people, b.people, "people", file: file, line: line)
    XCTAssertEqual(a.meetings, b.meetings, "meetings", file: file, line: line)
    XCTAssertEqual(a.products, b.products, "products", file: file, line: line)
    XCTAssertEqual(a.priorities, b.priorities, "priorities", file: file, line: line)
    XCTAssertEqual(a.candidates, b.candidates, "candidates", file: file, line: line)
    XCTAssertEqual(a.requirements, b.requirements, "requirements", file: file, line: line)
    XCTAssertEqual(a.commissions, b.commissions, "commissions", file: file, line: line)
    XCTAssertEqual(a.plans, b.plans, "plans", file: file, line: line)
    XCTAssertEqual(a.actions, b.actions, "actions", file: file, line: line)
    XCTAssertEqual(a.decisions, b.decisions, "decisions", file: file, line: line)
    XCTAssertEqual(a.escalations, b.escalations, "escalations", file: file, line: line)
    XCTAssertEqual(a.reviews, b.reviews, "reviews", file: file, line: line)
    XCTAssertEqual(a.auditCount, b.auditCount, "audit count", file: file, line: line)
    XCTAssertEqual(a.lastAuditSeq, b.lastAuditSeq, "last audit seq", file: file, line: line)
    XCTAssertEqual(try a.fullAudit(), try b.fullAudit(), "audit", file: file, line: line)
    XCTAssertEqual(a.lastNumber, b.lastNumber, "last ids", file: file, line: line)
    XCTAssertEqual(a.clock, b.clock, "clock", file: file, line: line)
}

final class RoundTripTests: XCTestCase {
    /// The sample really uses every record kind and every optional field, so the round trip covers them.
    func testSampleCoversEveryField() throws {
        let r = try SampleRegister.make()
        XCTAssertTrue(r.units.contains { $0.parent != nil && $0.stcgEvery != nil && $0.ttcgEvery != nil })
        XCTAssertEqual(Set(r.units.map(\.kind)), Set(Unit.Kind.allCases))
        XCTAssertTrue(r.units.contains { $0.psgEvery != nil })
        XCTAssertTrue(r.people.contains { $0.role != nil && $0.unit != nil })
        XCTAssertTrue(r.people.contains { $0.agency != nil })
        XCTAssertTrue(r.people.contains { $0.status == .left })
        XCTAssertTrue(r.meetings.contains { $0.chair != nil && $0.title != nil && !$0.attendees.isEmpty && !$0.partners.isEmpty && $0.status == .closed })
        XCTAssertEqual(Set(r.meetings.map(\.kind)), Set(Meeting.Kind.allCases))
        XCTAssertTrue(r.products.contains { $0.author != nil && $0.recommends != nil && $0.presentations.count == 2 && $0.status == .presented })
        XCTAssertTrue(r.products.contains { $0.commission != nil })
        XCTAssertTrue(r.priorities.contains { $0.retiredAt != nil && $0.retiredRationale != nil && $0.unit != nil })
        XCTAssertTrue(r.priorities.contains { $0.strands == [.prevention, .enforcement] }, "strands, kept in PIER order")
        XCTAssertFalse(r.candidates.isEmpty)
        XCTAssertTrue(r.requirements.contains { $0.priority != nil && $0.owner != nil })
        XCTAssertTrue(r.requirements.contains { $0.plan != nil && !$0.notes.isEmpty && $0.status == .answered })
        XCTAssertTrue(r.commissions.contains { $0.product != nil && $0.note != nil && $0.status == .delivered })
        XCTAssertTrue(r.commissions.contains { $0.product == nil })
        XCTAssertTrue(r.plans.contains { $0.serves?.kind == .priority && $0.start != nil && $0.review != nil })
        XCTAssertTrue(r.plans.contains { $0.serves?.kind == .escalation && $0.note != nil && $0.status == .completed })
        XCTAssertTrue(r.actions.contains { $0.progress.count == 2 && $0.progress.contains { $0.meeting == nil } && $0.progress.contains { $0.meeting != nil } })
        XCTAssertTrue(r.actions.contains { $0.status == .done && $0.result != nil })
        XCTAssertTrue(r.actions.contains { $0.status == .cancelled })
        XCTAssertTrue(r.decisions.contains { $0.supersedes != nil && $0.rationale != nil })
        XCTAssertTrue(r.decisions.contains { $0.supersededBy != nil && !$0.about.isEmpty })
        XCTAssertTrue(r.escalations.contains { if case .record = $0.subject { return $0.status == .accepted && $0.decidedAt != nil }; return false })
        XCTAssertTrue(r.escalations.contains { if case .text = $0.subject { return $0.declineRationale != nil }; return false })
        XCTAssertTrue(r.reviews.contains { $0.late && $0.lessons != nil && $0.goodPractice != nil && $0.conclusions != nil && $0.recommendations != nil })
        XCTAssertTrue(r.audit.contains { !$0.changes.isEmpty && !$0.ids.isEmpty })
        XCTAssertNotNil(r.clock)
    }

    /// Save through a transaction, open with a fresh instance: every record is equal.
    func testPopulatedRegisterRoundTrips() throws {
        let folder = try TempFolder()
        let path = folder.file("tcg-workspace.json")
        let sample = try SampleRegister.make()
        try WorkspaceFile(path: path).transaction { $0 = sample }
        let loaded = try WorkspaceFile(path: path).open()
        assertSameRegister(loaded, sample)
        // Loading rebuilt the name indexes.
        XCTAssertEqual(loaded.personNumber(named: "ann lee"), 1)
        XCTAssertEqual(loaded.unit(named: "EASTBRIDGE")?.parent, "Northshire")
    }

    /// Encoding what was decoded gives the same bytes.
    func testEncodingIsStable() throws {
        let sample = try SampleRegister.make()
        let first = try WorkspaceFormat.encode(sample)
        let again = try WorkspaceFormat.encode(try WorkspaceFormat.decode(first, path: "sample"))
        XCTAssertEqual(first, again)
    }

    /// The file is one record per line, starting with format and version, ending in a newline.
    func testLayoutIsOneRecordPerLine() throws {
        let sample = try SampleRegister.make()
        let text = String(decoding: try WorkspaceFormat.encode(sample), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "{")
        XCTAssertEqual(lines[1], "\"format\": \"tcg-workspace\",")
        XCTAssertEqual(lines[2], "\"version\": 3,")
        XCTAssertEqual(lines[3], "\"journal_seq\": 0,")
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("{\"id\":\"A-1\",\"type\":\"enforcement\"") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\"last_ids\": {\"PE\":5,\"M\":") }, text)
        XCTAssertTrue(lines.contains { $0.contains("\"owner\":\"PE-1\"") }, "people are referenced by id")
        let records = sample.units.count + sample.people.count + sample.meetings.count + sample.products.count + sample.priorities.count
            + sample.candidates.count + sample.requirements.count + sample.commissions.count + sample.plans.count + sample.actions.count
            + sample.decisions.count + sample.escalations.count + sample.reviews.count + sample.audit.count
        // {, format, version, journal_seq, clock, last_ids, 14 × (open + close), records, }, and the empty string after the last newline.
        XCTAssertEqual(lines.count, 1 + 5 + 28 + records + 1 + 1)
    }

    /// A missing file opens as an empty register and nothing is created by reading.
    func testMissingFileOpensEmptyAndReadingCreatesNothing() throws {
        let folder = try TempFolder()
        let store = WorkspaceFile(path: folder.file("new.json"))
        let r = try store.open()
        XCTAssertTrue(r.actions.isEmpty && r.audit.isEmpty && r.people.isEmpty)
        XCTAssertNil(try store.refresh())
        XCTAssertEqual(try folder.listing(), [])
    }

    /// A transaction that does not add to the audit trail writes nothing.
    func testTransactionWithoutAuditChangeWritesNothing() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let store = WorkspaceFile(path: path)
        let answer = try store.transaction { r -> Int in
            try r.addUnit(name: "Northshire", kind: nil, parent: nil)
            return 42
        }
        XCTAssertEqual(answer, 42)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertTrue(try store.open().units.isEmpty, "the unsaved change is not kept in the cache")
    }

    /// Members a version-1 reader does not know are skipped; null reads as absent.
    func testUnknownMembersAreSkippedAndNullIsAbsent() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        var text = String(decoding: try WorkspaceFormat.encode(try SampleRegister.make()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1,\n  \"future\": {\"x\": [1, {\"y\": null}]},")
        text = text.replacingOccurrences(of: "{\"id\":\"A-1\",", with: "{\"id\":\"A-1\",\"handling\":\"OFFICIAL-SENSITIVE\",\"result\":null,")
        text = text.replacingOccurrences(of: "\"audit\": [", with: "\"later_kind\": [{\"id\":\"Z-1\"}],\n  \"audit\": [")
        try write(Array(text.utf8), to: path)
        assertSameRegister(try WorkspaceFile(path: path).open(), try SampleRegister.make())
    }
}
