import Foundation
import TCGDomain
import TCGTestSupport
import XCTest
@testable import TCGLanguage

/// `count … group by FIELD` and `list … group by FIELD`, in every format.
final class GroupByTests: XCTestCase {
    func run(_ i: Interpreter, _ text: String, format: OutputFormat = .table) -> (out: String, error: Diagnostic?) {
        ScriptHarness.run(i, text, format: format)
    }

    func testCountGroupByPrintsACountPerGroup() {
        let i = ExpressionRegister.interpreter()
        XCTAssertEqual(run(i, "count actions group by owner").out, """
            owner         count
            ------------  -----
            Meg Lowe      2
            Sgt Bea Cole  2

            """)
        XCTAssertEqual(run(i, "count actions where due - today > 0 group by owner", format: .csv).out,
                       "owner,count\nMeg Lowe,1\nSgt Bea Cole,2\n")
        XCTAssertEqual(run(i, "count plans group by start", format: .json).out, """
            [{"start":"2027-03-11","count":1},{"count":1}]

            """)
        XCTAssertEqual(run(i, "count actions group by type", format: .markdown).out.split(separator: "\n").first, "| type | count |")
        XCTAssertEqual(run(i, "count actions where status = done group by owner").out, "(none)\n")
        XCTAssertEqual(run(i, "count actions where status = done").out, "0\n", "without group by, a bare integer")
    }

    func testCountGroupByIsAListOfPairsAsAValue() {
        let i = ExpressionRegister.interpreter()
        XCTAssertEqual(run(i, "let g = (count actions group by priority)\necho $g").out, "P-1, 3, P-2, 1\n")
        XCTAssertEqual(i.variables["g"], .list([.list([.id(RecordID(.priority, 1)), .int(3)]), .list([.id(RecordID(.priority, 2)), .int(1)])]))
        XCTAssertEqual(run(i, "for $g in count actions group by owner { echo $g }").out, "Meg Lowe, 2\nSgt Bea Cole, 2\n")
    }

    func testListGroupByPrintsEachGroupsRows() throws {
        let i = ExpressionRegister.interpreter()
        XCTAssertEqual(run(i, "list actions where outstanding order by due desc group by owner").out, """
            owner: Meg Lowe (2)
              id   type          title        plan  owner     due         status
              ---  ------------  -----------  ----  --------  ----------  ------
              A-4  intelligence  Door knocks  DP-2  Meg Lowe  2027-03-22  open
              A-1  prevention    Shop survey  DP-1  Meg Lowe  2027-03-18  open

            owner: Sgt Bea Cole (2)
              id   type         title    plan  owner         due         status
              ---  -----------  -------  ----  ------------  ----------  ------
              A-2  enforcement  Patrols  DP-1  Sgt Bea Cole  2027-03-31  open
              A-3  reassurance  Surgery  DP-1  Sgt Bea Cole  2027-03-25  open

            """)
        XCTAssertEqual(run(i, "list actions order by due group by plan", format: .csv).out, """
            group,id,type,title,plan,owner,due,meeting,status,result,marking,overdue,late_days
            DP-1,A-1,prevention,Shop survey,DP-1,Meg Lowe,2027-03-18,M-2,open,,,yes,2
            DP-1,A-3,reassurance,Surgery,DP-1,Sgt Bea Cole,2027-03-25,M-2,open,,,no,
            DP-1,A-2,enforcement,Patrols,DP-1,Sgt Bea Cole,2027-03-31,M-2,open,,,no,
            DP-2,A-4,intelligence,Door knocks,DP-2,Meg Lowe,2027-03-22,M-2,open,,,no,

            """)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run(i, "list actions group by owner", format: .json).out.utf8)) as? [[String: Any]])
        XCTAssertEqual(json.map { $0["owner"] as? String }, ["Meg Lowe", "Sgt Bea Cole"])
        XCTAssertEqual(json.map { $0["count"] as? Int }, [2, 2])
        XCTAssertEqual(json.map { ($0["actions"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [] }, [["A-1", "A-4"], ["A-2", "A-3"]])
        XCTAssertEqual(run(i, "list actions where status = done group by owner", format: .json).out, "[]\n")
        XCTAssertEqual(run(i, "list actions where status = done group by owner", format: .csv).out,
                       "group,id,type,title,plan,owner,due,meeting,status,result,marking,overdue,late_days\n")
        XCTAssertEqual(run(i, "list actions where status = done group by owner").out, "(none)\n")
        XCTAssertEqual(run(i, "let ids = (list actions order by due group by owner)\necho $ids").out, "A-1, A-4, A-3, A-2\n")
    }

    func testAnUnknownFieldIsAnErrorWithASuggestion() {
        let i = ExpressionRegister.interpreter()
        for statement in ["count actions group by ownr", "list actions group by ownr"] {
            let error = run(i, statement).error
            XCTAssertEqual(error?.message, "actions have no field `ownr`", statement)
            XCTAssertEqual(error?.help, "did you mean owner?", statement)
        }
    }

    func testGroupingUnderACeilingGivesNothingAway() {
        let made = ScriptHarness.interpreter()
        XCTAssertNil(ScriptHarness.run(made, MarkedRegister.script).error)
        let i = ScriptHarness.interpreter(made.register, ceiling: .official)
        for statement in ["count actions group by owner", "list actions group by owner", "count actions group by plan", "count meetings group by date"] {
            for format in OutputFormat.allCases {
                XCTAssertEqual(MarkedRegister.leaks(run(i, statement, format: format).out), [], "\(statement) --format \(format)")
            }
        }
    }
}

/// Tab completes `group by` and the kind's fields after it.
final class GroupByCompletionTests: XCTestCase {
    func testGroupByOffersTheKindsFields() {
        let completer = Completer(register: ExpressionRegister.interpreter().register, variables: [], listFolder: { _ in [] })
        XCTAssertTrue(completer.complete("count actions where overdue ").candidates.contains("group"))
        XCTAssertEqual(completer.complete("count actions group ").candidates, ["by"])
        XCTAssertEqual(completer.complete("list actions group by pr").candidates, ["priority"])
        XCTAssertTrue(completer.complete("count plans group by ").candidates.contains("serves"))
    }
}
