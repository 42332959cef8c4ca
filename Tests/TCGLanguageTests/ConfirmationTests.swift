import TCGDomain
import XCTest
@testable import TCGLanguage

/// Every changing statement says what it did in one line once it is durable (issue 12 item 5).
final class ConfirmationTests: XCTestCase {
    /// A register with a unit, people, an ST&CG, a TT&CG and a force TT&CG, and records of every
    /// kind for the changing verbs to work on.
    static let setup = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        set today 2027-03-10
        add person "Ch Supt Leo Hart" unit East
        add person "DS Kim Ng" unit East
        add person "Ola Reyes" unit East
        add person "Dan Frost" unit East
        let st = create meeting stcg on 2027-03-10 unit East
        open $st
        add priority "ASB" owner "Ch Supt Leo Hart" rationale "Harm"
        add priority "Burglary" owner "Ch Supt Leo Hart" rationale "Harm"
        add requirement strategic "Who drives ASB?" priority P-1 owner "DS Kim Ng"
        let ft = create meeting ttcg on 2027-03-10 unit Westshire
        let tt = create meeting ttcg on 2027-03-10 unit East
        open $tt
        create plan "Op Lantern" for P-1 owner "DS Kim Ng" start 2027-03-20 review 2027-03-24
        create plan "Op Two" for P-1 owner "DS Kim Ng"
        add action enforcement "Patrols" to DP-1 owner "DS Kim Ng" due 2027-03-31
        add action prevention "Survey" to DP-1 owner "DS Kim Ng" due 2027-03-31
        add action prevention "Lighting" to DP-1 owner "DS Kim Ng" due 2027-03-31
        add action prevention "Leaflets" to DP-1 owner "Dan Frost" due 2027-03-31
        commission analysis "Profile" product problem-profile to "Ola Reyes" due 2027-03-17
        commission review "Lantern review" of DP-1 objectives "Did patrols cut ASB?" scope all
        escalate DP-1 to Westshire rationale "Needs the force"
        escalate A-1 to Westshire rationale "Needs the force"
        add product tactical-assessment "TA" author "Ola Reyes"
        """

    /// One statement for each changing verb, in an order that works on ``setup``'s register.
    static let statements: [(verb: String, statement: String)] = [
        ("add unit", "add unit West kind bcu parent Westshire"),
        ("add person", "add person \"PC Amy Shah\" unit East"),
        ("update person", "update person \"Dan Frost\" status left"),
        ("set policy", "set policy East ttcg every 2w"),
        ("create meeting", "create meeting dmm on 2027-03-11 unit East"),
        ("schedule", "schedule ium unit East every 2w from 2027-04-01 until 2027-05-01"),
        ("open", "open $tt"),
        ("attend", "attend \"DS Kim Ng\""),
        ("add priority", "add priority \"Violence\" owner \"Ch Supt Leo Hart\" rationale \"Harm\" at $st"),
        ("reject candidate", "reject candidate \"Fly-tipping\" rationale \"Led by the council\" at $st"),
        ("add candidate", "add candidate \"Shoplifting\" unit East"),
        ("score", "score X-2 harm physical 1 psychological 2 financial 3 community 1 likelihood 4 position 2 confidence medium rationale \"Rising\" at $st"),
        ("adopt", "adopt X-2 owner \"Ch Supt Leo Hart\" rationale \"Top of the ranking\" at $st"),
        ("reject", "add candidate \"Graffiti\"; reject X-3 rationale \"Council-led\" at $st"),
        ("set scheme factor", "set scheme factor environmental max 3"),
        ("set scheme likelihood", "set scheme likelihood max 4"),
        ("set scheme position", "set scheme position max 3"),
        ("set scheme band", "set scheme band critical from 200"),
        ("set scheme default", "set scheme default"),
        ("retire priority", "retire priority P-2 rationale \"Harm reduced\" at $st"),
        ("add requirement", "add requirement tactical \"Where?\" plan DP-1 owner \"DS Kim Ng\""),
        ("review requirement", "review requirement IR-1 status answered note \"Two groups\" at $st"),
        ("commission analysis", "commission analysis \"Subject\" product subject-profile to \"Ola Reyes\" due 2027-03-20"),
        ("create plan", "create plan \"Op Three\" for P-1 owner \"DS Kim Ng\""),
        ("close plan", "close plan DP-2 rationale \"Merged into Op Lantern\""),
        ("add action", "add action reassurance \"Surgery\" to DP-1 owner \"DS Kim Ng\" due 2027-03-31"),
        ("assign", "assign \"Ola Reyes\" to A-1"),
        ("handover", "handover \"Dan Frost\" to \"DS Kim Ng\" rationale \"Dan left\""),
        ("commission review", "commission review \"Second review\" of DP-1 objectives \"Lighting\" scope partnership"),
        ("escalate", "escalate \"Fair\" to Westshire rationale \"Needs the force\""),
        ("accept", "accept E-1 at $ft"),
        ("decline", "decline E-2 rationale \"Within the BCU's resources\" at $ft"),
        ("add product", "add product problem-profile \"PP\" author \"Ola Reyes\""),
        ("present", "present AS-1"),
        ("decide", "decide \"Go\" rationale \"Serves P-1\" about DP-1"),
        ("deliver", "deliver C-1 note \"Presented\""),
        ("update", "update A-2 progress \"Going well\""),
        ("complete", "complete A-2 result \"Done\""),
        ("reopen", "reopen A-2 rationale \"Again\""),
        ("cancel", "cancel A-3 rationale \"Duplicates A-2\""),
        ("record findings", "record findings R-1 lessons \"Start earlier\""),
        ("mark", "mark A-1 official-sensitive"),
        ("amend", "amend A-1 due 2027-04-03 rationale \"Rota moved\""),
        ("modify", "modify A-1 due 2027-04-04 rationale \"Rota moved again\""),
        ("review plan", "review plan DP-1 outcome partly note \"ASB down\" next 2027-04-21"),
        ("set max-marking", "set max-marking off"),
        ("set today", "set today 2027-03-12"),
        ("advance", "advance 1d"),
        ("close meeting", "close meeting $tt"),
        ("undo", "undo"),
    ]

    /// The confirmations one statement held, rendered as a table would print them.
    func confirmations(_ i: Interpreter, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [], text, file: file, line: line)
        do { try i.execute(parsed.statements, in: source, origin: .repl) } catch {
            XCTFail("\(text): \(error.diagnostic.message)", file: file, line: line)
        }
        return i.takePrinted().compactMap {
            if case .confirmation(let o, let f) = $0 { return Renderer(format: f, width: nil).render(o) }
            return nil
        }
    }

    func prepared() -> Interpreter {
        let i = ScriptHarness.interpreter()
        i.keepsUndo = true
        let (_, error) = ScriptHarness.run(i, Self.setup)
        XCTAssertNil(error, error?.message ?? "")
        return i
    }

    /// Every changing verb of the command table, a new one included, prints one non-empty line.
    func testEveryChangingVerbConfirms() {
        let changing = Set(CommandTable.all.filter(\.changes).map(\.name))
        let covered = Set(Self.statements.map(\.verb))
        XCTAssertEqual(changing.subtracting(covered), [], "give these changing verbs a statement in ConfirmationTests.statements")
        XCTAssertEqual(covered.subtracting(changing), [])
        let i = prepared()
        for (verb, statement) in Self.statements {
            let said = confirmations(i, statement)
            XCTAssertFalse(said.isEmpty, "`\(verb)` printed no confirmation")
            XCTAssertFalse(said.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "`\(verb)` printed an empty confirmation")
        }
    }

    /// The words of the common ones: the record, then what became of it; free text left out.
    func testWording() {
        let i = prepared()
        let expected: [(String, String)] = [
            ("complete A-2 result \"Done; 40 residents\"", "A-2 done\n"),
            ("assign \"Ola Reyes\" to A-1", "A-1 assigned to Ola Reyes\n"),
            ("deliver C-1", "C-1 delivered\n"),
            ("cancel A-3 rationale \"Duplicates: A-2\"", "A-3 cancelled\n"),
            ("update A-1 progress \"Under way: briefed\"", "A-1 updated\n"),
            ("reopen A-2 rationale \"Again\"", "A-2 reopened\n"),
            ("add action prevention \"X\" to DP-1 owner \"DS Kim Ng\" due 2027-03-31", "A-5\n"),
            ("retire priority P-2 rationale \"Harm reduced\" at $st", "P-2 retired\n"),
            ("close meeting $tt", "M-3 closed\n"),
        ]
        for (statement, line) in expected {
            XCTAssertEqual(confirmations(i, statement), [line], statement)
        }
    }

    /// `set quiet on` silences confirmations and created ids; queries still answer.
    func testQuiet() {
        let i = prepared()
        let (out, error) = ScriptHarness.run(i, """
            set quiet on
            complete A-2 result "Done"
            add action prevention "X" to DP-1 owner "DS Kim Ng" due 2027-03-31
            count actions where status = done
            set quiet off
            complete A-5 result "Done"
            """)
        XCTAssertNil(error)
        XCTAssertEqual(out, "1\nA-5 done\n")
    }

    /// The fallback words what was logged: never an empty line.
    func testLoggedWording() {
        XCTAssertEqual(Confirmation.line(logged: [], phrase: nil), "nothing changed")
        XCTAssertEqual(Confirmation.line(logged: ["A-3 status open -> done"], phrase: nil), "A-3 done")
        XCTAssertEqual(Confirmation.line(logged: ["R-1 status commissioned -> completed", "R-1 findings recorded"], phrase: nil),
                       "R-1 completed, findings recorded")
        XCTAssertEqual(Confirmation.line(logged: ["A-1 progress: text", "A-1 status open -> done"], phrase: "updated"), "A-1 updated")
        XCTAssertEqual(Confirmation.line(logged: ["policy East ttcg every - -> 2w"], phrase: nil), "policy East ttcg every 2w")
        XCTAssertEqual(Confirmation.line(logged: ["PE-2 role - -> analyst"], phrase: nil), "PE-2 role analyst")
    }
}
