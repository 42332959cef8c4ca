import Foundation
import TCGDomain
import TCGTestSupport
import XCTest
@testable import TCGLanguage

/// `--max-marking` hides, at one place (`Interpreter.visibleRegister`), every record marked above
/// it and everything under such a record, from every answer, suggestion and completion.
final class VisibilityTests: XCTestCase {
    func interpreter(_ register: Register = Register(), ceiling: Marking? = nil) -> Interpreter {
        ScriptHarness.interpreter(register, ceiling: ceiling)
    }

    /// Runs statements; what they printed (results and confirmations, rendered) and the error, if any.
    @discardableResult
    func run(_ i: Interpreter, _ text: String, format: OutputFormat = .table) -> (out: String, error: Diagnostic?) {
        ScriptHarness.run(i, text, format: format)
    }

    func scenario() -> Register {
        let i = interpreter()
        let made = run(i, MarkedRegister.script)
        XCTAssertNil(made.error, made.error?.message ?? "")
        return i.register
    }

    func testEveryQueryAndReportLeavesTheHiddenOut() {
        let register = scenario()
        let open = interpreter(register)
        XCTAssertFalse(MarkedRegister.leaks(run(open, "list actions\nlist meetings\nminutes M-3").out).isEmpty, "the scenario has secrets to hide")
        let queries = [
            "list actions", "list plans", "list meetings", "list people", "list decisions", "list commissions", "list reviews",
            "list escalations", "list requirements", "list products", "list priorities",
            "list actions where owner = \"Sgt Bea Cole\" order by due", "count actions", "show A-2", "show DP-1", "show P-1",
            "show M-2", "show PE-2", "outstanding", "outstanding actions for \"Sgt Bea Cole\"", "agenda next ttcg unit East",
            "agenda next ttcg", "agenda M-2", "minutes M-2", "minutes M-1", "strategy", "calendar", "calendar unit East",
            "history", "history DP-1", "history A-2", "performance", "performance since 2027-03-01", "agenda next stcg", "agenda M-1",
            "report agenda next ttcg unit East to pack.html", "report agenda next ttcg unit East to pack.md",
            "report register to reg.html", "report register to reg.md",
        ]
        for q in queries {
            for format in OutputFormat.allCases {
                let i = interpreter(register, ceiling: .official)
                let (out, error) = run(i, q, format: format)
                XCTAssertNil(error, "\(q): \(error?.message ?? "")")
                XCTAssertEqual(MarkedRegister.leaks(out), [], "\(q) --format \(format):\n\(out)")
            }
        }
    }

    func testAHiddenRecordIsAsMissingAsOneThatNeverExisted() {
        let i = interpreter(scenario(), ceiling: .official)
        for (hidden, missing) in [("A-3", "A-9"), ("A-4", "A-8"), ("M-3", "M-9"), ("M-4", "M-8"), ("DP-2", "DP-9"), ("C-1", "C-9"),
                                  ("R-1", "R-9"), ("E-1", "E-9"), ("D-2", "D-9"), ("PE-3", "PE-9")] {
            for verb in ["show", "history"] + (hidden.hasPrefix("M-") ? ["agenda", "minutes"] : []) {
                let h = run(i, "\(verb) \(hidden)"), m = run(i, "\(verb) \(missing)")
                XCTAssertEqual(h.error == nil, m.error == nil, "\(verb) \(hidden)")
                XCTAssertEqual(h.error?.message.replacingOccurrences(of: hidden, with: "ID"),
                               m.error?.message.replacingOccurrences(of: missing, with: "ID"), "\(verb) \(hidden)")
                XCTAssertEqual(MarkedRegister.leaks((h.error?.message ?? "") + (h.error?.help ?? "") + h.out), [hidden].filter { _ in h.error != nil },
                               "\(verb) \(hidden): \(h.error?.help ?? "") \(h.out)")
            }
        }
        // Counts and the calendar are those of a register that never had the hidden records.
        XCTAssertEqual(run(i, "count actions").out, "2\n")
        XCTAssertEqual(run(i, "count meetings").out, "2\n")
        XCTAssertEqual(run(i, "count plans").out, "1\n")
        XCTAssertEqual(run(i, "count people").out, "2\n")
        let calendar = run(i, "calendar unit East", format: .json).out
        XCTAssertTrue(calendar.contains("\"held\": 1") || calendar.contains("\"held\":1"), calendar)
        XCTAssertTrue(run(i, "agenda next ttcg unit East").out.contains("no meeting is planned"))
    }

    func testPerformanceCountsOnlyWhatTheSessionSees() {
        let register = scenario()
        let open = run(interpreter(register), "performance", format: .csv).out
        XCTAssertTrue(open.contains("P-1,ASB,total,,2,0,5,5,"), "everything: two plans, five actions\n\(open)")
        let seen = run(interpreter(register, ceiling: .official), "performance", format: .csv).out
        XCTAssertTrue(seen.contains("P-1,ASB,total,,1,0,2,2,"), "the hidden plan and actions are not counted\n\(seen)")
        XCTAssertFalse(seen.contains("prevention") || seen.contains("intelligence"), "no strand only hidden actions are in\n\(seen)")
    }

    func testAHiddenPersonIsUnknownAndWithheldWhereTheirWorkIsShown() {
        let i = interpreter(scenario(), ceiling: .official)
        let list = run(i, "list actions").out
        XCTAssertTrue(list.contains("Gull surgery") && list.contains(Register.withheldName), list)
        for statement in ["outstanding actions for \"Zed Quil\"", "outstanding actions for \"Zed Quill\"", "show PE-3",
                          "list actions where owner = \"Zed Quill\"", "assign \"Zed Quill\" to A-2 at M-2"] {
            let r = run(i, statement)
            XCTAssertNotNil(r.error, statement)
            XCTAssertEqual(MarkedRegister.leaks((r.error?.message ?? "") + (r.error?.help ?? "")).filter { $0 != "PE-3" && $0 != "Zed Quill" && $0 != "Quill" }, [],
                           statement)
            XCTAssertFalse((r.error?.help ?? "").contains("Quill"), "no did-you-mean to a hidden person: \(statement)")
        }
        let added = run(i, "add person \"zed quill\" unit East")
        XCTAssertNotNil(added.error)
        XCTAssertEqual(MarkedRegister.leaks((added.error?.message ?? "") + (added.error?.help ?? "")).filter { $0 != "Quill" && $0 != "Zed Quill" }, [],
                       added.error?.message ?? "")
        XCTAssertFalse(added.error?.message.contains("already in the register") ?? true, added.error?.message ?? "")
    }

    func testChangesToHiddenRecordsAreRefusedAsIfTheyDidNotExist() {
        let i = interpreter(scenario(), ceiling: .official)
        for statement in ["complete A-3 result \"x\"", "open M-3", "add action enforcement \"x\" to DP-2 owner \"Sgt Bea Cole\" due 2027-04-01 at M-2",
                          "mark A-4 official"] {
            let r = run(i, statement)
            XCTAssertTrue(r.error?.message.contains("in the register") ?? false, "\(statement): \(r.error?.message ?? "none")")
        }
    }

    func testRefusalsWarningsAndConfirmationsNameOnlyTheVisibleWork() {
        let i = interpreter(scenario(), ceiling: .official)
        let complete = run(i, "complete DP-1 result \"Objectives met\"")
        XCTAssertEqual(complete.error?.message, "DP-1 still has 2 open actions: A-1 \"Patrols\", A-2 \"Gull surgery\" (R13)")
        XCTAssertEqual(MarkedRegister.leaks((complete.error?.message ?? "") + (complete.error?.help ?? "")), [])
        let left = run(i, "update person \"Sgt Bea Cole\" status left")
        XCTAssertNil(left.error)
        XCTAssertEqual(left.out, "Sgt Bea Cole has left and still owns open work: DP-1 \"Op Lantern\", A-1 \"Patrols\" (R11)\nPE-2 left\n")
        let handed = run(i, "handover \"Sgt Bea Cole\" to \"Ch Supt Leo Hart\" rationale \"Bea left\"")
        XCTAssertNil(handed.error)
        XCTAssertEqual(handed.out, "handed over to Ch Supt Leo Hart: DP-1, A-1\n")
        XCTAssertEqual(i.register.openWork(of: 2), [], "the work not shown moved too: nothing is left with the leaver (R13)")
    }

    func testTabCompletionOffersOnlyWhatIsVisible() {
        let i = interpreter(scenario(), ceiling: .official)
        let completer = Completer(register: i.visibleRegister, variables: [], listFolder: { _ in [] })
        var offered: [String] = []
        for text in ["show ", "show A-", "show M-", "show DP-", "show PE-", "agenda ", "minutes M-", "assign \"", "assign \"Z",
                     "list actions where owner = ", "list actions where plan = ", "list actions where meeting = ", "history "] {
            offered += completer.complete(text).candidates
        }
        XCTAssertTrue(offered.contains("A-2") && offered.contains("\"Sgt Bea Cole\""), "\(offered)")
        XCTAssertEqual(MarkedRegister.leaks(offered.joined(separator: " ")), [], "\(offered)")
    }

    func testTheWorkspaceCeilingCannotBeRaisedByTheFlag() {
        let i = interpreter(scenario())
        XCTAssertNil(run(i, "set max-marking official").error)
        XCTAssertEqual(i.register.maxMarking, .official)
        XCTAssertEqual(MarkedRegister.leaks(run(i, "list actions\nlist meetings").out), [])
        let flagged = interpreter(i.register, ceiling: .officialSensitive)
        XCTAssertEqual(flagged.ceiling, .official)
        XCTAssertEqual(MarkedRegister.leaks(run(flagged, "list actions\nlist meetings\nhistory").out), [])
        XCTAssertTrue(run(i, "history").out.contains("max-marking"), "the setting is audited")
    }

    /// Making the view is the cost of `--max-marking`: measured on 20,000 actions, 1 in 10 hidden.
    func testTheViewOfALargeRegister() throws {
        var r = scenario()
        let owner = 2, plan = 1, meeting = 2
        r.lastNumber[.action] = r.actions.last?.number ?? 0
        for n in 0..<20_000 {
            let number = (r.lastNumber[.action] ?? 0) + 1
            r.lastNumber[.action] = number
            var a = Action(number: number, type: .prevention, title: "Bulk \(n)", plan: plan, owner: owner,
                           due: Day(iso: "2027-04-01") ?? Day(number: 0), meeting: meeting)
            if n % 10 == 0 { a.marking = .officialSensitive }
            r.actions.append(a)
        }
        let started = Date()
        let view = r.visible(under: .official)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(view.actions.count, 2 + 18_000)
        print("visible(under:) on \(r.actions.count) actions: \(Int(elapsed * 1000)) ms")
    }
}
