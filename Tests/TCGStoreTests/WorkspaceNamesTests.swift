import TCGDomain
@testable import TCGStore
import XCTest

/// The workspace file's names for the domain's values: every case named, each name read back as
/// its case, and the names exactly those the format has always used (docs/workspace.md).
final class WorkspaceNamesTests: XCTestCase {
    func assertTable<T: WorkspaceNamed>(_: T.Type, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(T.workspaceNames, expected, "\(T.self): the names, in declaration order", file: file, line: line)
        XCTAssertEqual(Set(T.workspaceNames).count, T.allCases.count, "\(T.self): names are distinct", file: file, line: line)
        for value in T.allCases {
            XCTAssertEqual(T(workspaceName: value.workspaceName), value, "\(T.self).\(value) round-trips", file: file, line: line)
        }
        XCTAssertNil(T(workspaceName: ""), file: file, line: line)
    }

    func testEveryEnumRoundTripsThroughItsTable() {
        assertTable(Unit.Kind.self, ["force", "bcu", "partnership"])
        assertTable(Person.Status.self, ["active", "left"])
        assertTable(Marking.self, ["OFFICIAL", "OFFICIAL-SENSITIVE"])
        assertTable(Meeting.Kind.self, ["stcg", "ttcg", "ium", "dmm", "psg"])
        assertTable(Meeting.Status.self, ["planned", "open", "closed"])
        assertTable(Product.Kind.self, ["strategic-assessment", "tactical-assessment", "problem-profile", "subject-profile",
                                        "results-analysis", "other"])
        assertTable(Product.Status.self, ["draft", "presented"])
        assertTable(Priority.Status.self, ["active", "retired"])
        assertTable(Requirement.Level.self, ["strategic", "tactical"])
        assertTable(Requirement.Status.self, ["open", "answered", "withdrawn"])
        assertTable(Commission.Status.self, ["commissioned", "delivered", "cancelled"])
        assertTable(Plan.Status.self, ["active", "completed", "closed"])
        assertTable(Action.PIER.self, ["prevention", "intelligence", "enforcement", "reassurance"])
        assertTable(Action.Status.self, ["open", "done", "cancelled"])
        assertTable(Escalation.Status.self, ["open", "accepted", "declined"])
        assertTable(Review.Scope.self, ["all", "tactical-performance", "crime-impact", "partnership"])
        assertTable(Review.Status.self, ["commissioned", "completed"])
    }

    func testRecordKindsArraysAndLastIDKeys() {
        XCTAssertEqual(RecordKind.allCases.map(\.arrayName),
                       ["people", "meetings", "products", "priorities", "candidates", "requirements", "commissions", "plans",
                        "actions", "decisions", "escalations", "reviews"])
        XCTAssertEqual(RecordKind.allCases.map(\.lastIDKey), ["PE", "M", "AS", "P", "X", "IR", "C", "DP", "A", "D", "E", "R"])
        for kind in RecordKind.allCases {
            XCTAssertEqual(RecordKind(lastIDKey: kind.lastIDKey), kind)
            XCTAssertEqual(kind.lastIDKey, kind.prefix, "last_ids keys are the ids' prefixes")
        }
        XCTAssertNil(RecordKind(lastIDKey: "pe"))
    }
}
