import Foundation
import XCTest

/// `--format json` and `--format csv` print what other tools can read (issue 12 item 3): stdout
/// is JSON Lines (one value per query answer), or one CSV table per answer whose reports carry
/// a `section` column; echo, confirmations and created ids go to stderr. Checked with the
/// tools users pipe into: `jq -s .` and Python's `json` and `csv` modules, on the demo register
/// (on both stores: StoreUnderTest; every change here is a dry run, so the tests share it).
final class MachineOutputTests: XCTestCase {
    /// A folder with the demo register in the store under test (`demo.json`, or a database it is
    /// copied into), made once for the class; nil when it could not be made.
    static let demoRegister: (folder: URL, workspace: TestWorkspace)? = {
        guard let made = try? TcgProcess.temporaryFolder(), let workspace = try? StoreUnderTest.workspace("demo.json") else { return nil }
        _ = try? TcgProcess.run(["demo", "demo.json"], in: made, timeout: 300)
        guard FileManager.default.fileExists(atPath: made.appendingPathComponent("demo.json").path),
              (try? workspace.take("demo.json", in: made)) == .some(nil) else { return nil }
        return (made, workspace)
    }()

    override class func tearDown() {
        if let demoRegister {
            try? FileManager.default.removeItem(at: demoRegister.folder)
            demoRegister.workspace.remove()
        }
        super.tearDown()
    }

    /// The demo's folder, or a skip when it could not be made.
    func demo() throws -> URL {
        try StoreUnderTest.available()
        return try XCTUnwrap(Self.demoRegister?.folder, "tcg demo (and, on PostgreSQL, tcg copy into a new database) failed")
    }

    /// Runs tcg on the demo register; fails the test unless it succeeds.
    func tcg(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> TcgProcess.Result {
        let folder = try demo(), workspace = try XCTUnwrap(Self.demoRegister?.workspace).path()
        let r = try TcgProcess.run(["--workspace", workspace] + args, in: folder, file: file, line: line)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r
    }

    /// Runs a tool on `input`; nil when the tool is not installed.
    func pipe(_ tool: [String], _ input: String) throws -> (status: Int32, out: String, err: String)? {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        which.arguments = ["sh", "-c", "command -v \(tool[0])"]
        which.standardOutput = FileHandle.nullDevice
        try which.run()
        which.waitUntilExit()
        guard which.terminationStatus == 0 else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = tool
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        let writer = Thread { stdin.fileHandleForWriting.write(Data(input.utf8)); try? stdin.fileHandleForWriting.close() }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Scripts that mix echo, changes and every kind of answer.
    static let scripts: [(name: String, text: String)] = [
        ("queries.tcg", """
            echo "The register on the teaching day"
            count actions where overdue
            list actions where overdue order by due limit 5
            outstanding
            outstanding commissions
            show A-116
            show DP-8
            agenda next ttcg unit East
            minutes M-54
            strategy
            calendar unit East
            list actions where outstanding group by owner
            count actions where outstanding group by owner
            """),
        ("changes.tcg", """
            open M-55
            attend "Ch Supt Leo Hart"
            complete A-116 result "Survey done"
            let a = add action prevention "Leaflets" to DP-8 owner "Meg Lowe" due +7d
            add action prevention "Posters" to DP-8 owner "Meg Lowe" due +7d
            echo "added $a"
            list actions where id = $a
            """),
    ]

    /// JSON: stdout holds one JSON value per line and nothing else; `jq -s .` reads it whole.
    func testJSONOutputIsJSONLinesThatJqAndPythonRead() throws {
        let folder = try demo()
        var scripts = Self.scripts
        for example in ["agenda-pack.tcg", "overdue-by-owner.tcg", "commissions-due.tcg"] {
            let text = try String(contentsOf: TcgProcess.packageRoot.appendingPathComponent("examples/\(example)"), encoding: .utf8)
            scripts.append((example, text))
        }
        var checkedByJq = false
        for (name, text) in scripts {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let r = try tcg(["--format", "json", "--dry-run", "run", name, "unit=East"])
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertTrue(r.stdout.hasSuffix("\n"), name)
            XCTAssertFalse(lines.isEmpty, name)
            for line in lines {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]), "\(name): not one JSON value: \(line)")
            }
            let python = try XCTUnwrap(try pipe(["python3", "-c", "import json,sys; print(len([json.loads(l) for l in sys.stdin]))"], r.stdout),
                                       "python3 is needed")
            XCTAssertEqual(python.status, 0, "\(name): \(python.err)")
            XCTAssertEqual(python.out, "\(lines.count)\n", name)
            if let jq = try pipe(["jq", "-s", "length"], r.stdout) {
                checkedByJq = true
                XCTAssertEqual(jq.status, 0, "\(name): \(jq.err)")
                XCTAssertEqual(jq.out, "\(lines.count)\n", name)
            }
        }
        let changes = try tcg(["--format", "json", "--dry-run", "run", "changes.tcg"])
        XCTAssertTrue(changes.stderr.contains("M-55 is your current meeting\n"), changes.stderr)
        XCTAssertTrue(changes.stderr.contains("A-116 done\n"), changes.stderr)
        XCTAssertTrue(changes.stderr.contains("A-123\nadded A-122\n"), "a created id and echo go to stderr:\n\(changes.stderr)")
        XCTAssertTrue(changes.stdout.hasPrefix("[{\"id\":\"A-122\""), changes.stdout)
        if !checkedByJq { print("MachineOutputTests: jq is not installed (scripts/test installs it); checked with Python only") }
    }

    /// JSON carries what the table shows as `late`: `overdue`, and `late_days` when it is.
    func testJSONCarriesOverdueAndLateDays() throws {
        let r = try tcg(["--format", "json", "-c", "list actions where id in [A-116, A-117]; show A-116"])
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, r.stdout)
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [[String: Any]])
        XCTAssertEqual(list.map { $0["overdue"] as? Bool }, [true, false])
        XCTAssertEqual(list.map { $0["late_days"] as? Int }, [6, nil])
        let show = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        XCTAssertEqual(show["overdue"] as? Bool, true)
        XCTAssertEqual(show["late_days"] as? Int, 6)
        let table = try tcg(["-c", "show A-116"]).stdout
        XCTAssertFalse(table.contains("late_days"), "tables show `late`, not the machine fields:\n\(table)")
    }

    /// CSV: each answer is one table that Python's csv module reads; reports have a `section`
    /// column on every row and the same number of cells in every row.
    func testCSVReportsAreOneTableWithASectionColumn() throws {
        let check = """
            import csv, io, sys
            text = sys.stdin.read()
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert len(set(len(r) for r in rows)) == 1, set(len(r) for r in rows)
            records = list(csv.DictReader(io.StringIO(text, newline="")))
            if sys.argv[1] == "sectioned":
                assert rows[0][0] == "section", rows[0]
                assert all(r["section"] for r in records), records
                print(",".join(sorted(set(r["section"] for r in records))))
            else:
                print(len(records))
            """
        let reports: [(String, String)] = [
            ("agenda next ttcg unit East", "actions,fields,plans,recommendations,since_last_meeting"),
            ("minutes M-54", "actions,decisions,fields,progress"),
            ("strategy", "candidates,priorities"),
            ("show A-116", "fields,progress"),
            ("outstanding", "actions,commissions,requirements"),
        ]
        for (query, sections) in reports {
            let r = try tcg(["--format", "csv", "-c", query])
            let python = try XCTUnwrap(try pipe(["python3", "-c", check, "sectioned"], r.stdout), "python3 is needed")
            XCTAssertEqual(python.status, 0, "\(query): \(python.err)\n\(r.stdout)")
            for section in sections.split(separator: ",") {
                XCTAssertTrue(python.out.contains(section), "\(query) lacks section \(section): \(python.out)")
            }
        }
        let list = try tcg(["--format", "csv", "-c", "list actions where overdue"])
        XCTAssertTrue(list.stdout.hasPrefix("id,type,title,plan,owner,due,meeting,status,result,marking,overdue,late_days\n"), list.stdout)
        let python = try XCTUnwrap(try pipe(["python3", "-c", check, "plain"], list.stdout))
        XCTAssertEqual(python.status, 0, python.err)
        let echo = try tcg(["--format", "csv", "-c", "echo \"hello\"; count actions"])
        XCTAssertEqual(echo.stderr, "hello\n")
        XCTAssertFalse(echo.stdout.contains("hello"))
    }

    /// `--quiet` and `-q` print no confirmations and no created ids; answers still print.
    func testQuietSilencesConfirmations() throws {
        let loud = try tcg(["--dry-run", "-c", "complete A-116 result \"x\"; add action prevention \"Y\" to DP-8 owner \"Meg Lowe\" due +7d at M-55"])
        XCTAssertEqual(loud.stdout, "A-116 done\nA-122\n")
        for flag in ["--quiet", "-q"] {
            let quiet = try tcg([flag, "--dry-run", "-c", "complete A-116 result \"x\"; add action prevention \"Y\" to DP-8 owner \"Meg Lowe\" due +7d at M-55; count actions where id = A-116 and status = done"])
            XCTAssertEqual(quiet.stdout, "1\n", flag)
        }
    }
}
