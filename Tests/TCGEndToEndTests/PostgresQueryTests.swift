import Foundation
import TCGTestSupport
import XCTest

/// A one-shot `count KIND where EXPR` against PostgreSQL is answered in SQL (SQLCount,
/// docs/postgresql.md "Queries answered in SQL"): the same answers as reading the register,
/// and as a JSON workspace holding the same register, over many generated conditions.
final class PostgresQueryTests: FolderTestCase {
    /// The generated register (scripts/lib/generate.py, 400 actions) plus marked records, in a
    /// JSON workspace and in a database; the database's URL.
    func registers(marking: Bool = false) throws -> String {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        let generator = TcgProcess.packageRoot.appendingPathComponent("scripts/lib/generate.py")
        let script = try Reliability.run([generator.path, "400"], executable: ChildProcess.tool("python3"), in: folder, timeout: 120)
        XCTAssertEqual(script.status, 0, script.stderr)
        let marked = marking ? "\nmark A-8, A-17 official-sensitive\n" : "\n"
        try write("build.tcg", String(decoding: script.stdout, as: UTF8.self) + marked)
        for workspace in ["w.json", url] {
            let built = try tcg(["--workspace", workspace, "--today", "2019-06-01", "run", "build.tcg"])
            XCTAssertEqual(built.status, 0, built.stderr)
        }
        return url
    }

    /// The conditions compared: each translatable one alone, and combined with and/or/not.
    static var conditions: [String] {
        let atoms = ["overdue", "outstanding", "status = open", "status = done", "status != cancelled", "status = OPEN",
                     "due < 2018-03-01", "due <= 2018-03-05", "due > 2019-01-01", "due >= 2018-12-31", "due = 2017-03-13",
                     "due != 2017-03-13", "2018-01-01 > due", #"owner = "Officer 1-2""#, #"owner != "officer 3-0""#, "owner = PE-4",
                     "unit = B3", "unit != b0", "status in [done, cancelled]", #"owner in ["Officer 2-1", "Officer 2-2"]"#]
        // `outstanding` only last: before `and`/`or`, or in parentheses, it reads as the verb `outstanding`.
        let inner = atoms.filter { $0 != "outstanding" }
        var out = atoms
        for (n, a) in inner.enumerated() {
            let b = inner[(n * 7 + 3) % inner.count], c = inner[(n * 5 + 1) % inner.count]
            out.append("(\(a)) and not (\(b))")
            out.append("((\(a)) or (\(b))) and (\(c))")
            out.append("not ((\(a)) and (\(c)))")
            out.append("(\(a)) and not outstanding")
        }
        return out
    }

    func count(_ workspace: String, _ condition: String, _ extra: [String] = [], env: [String: String] = [:],
               file: StaticString = #filePath, line: UInt = #line) throws -> (answer: String, sql: Bool) {
        let run = try tcg(["--workspace", workspace] + extra + ["-c", "count actions where \(condition)"], env: ["TCG_SQL_QUERIES": "show"].merging(env) { $1 })
        XCTAssertEqual(run.status, 0, "\(condition): \(run.stderr)", file: file, line: line)
        return (run.stdout.trimmingCharacters(in: .whitespacesAndNewlines), run.stderr.contains("sql: SELECT count(*)"))
    }

    func testEveryConditionCountsTheSameInSQLAsInTheRegisterAndInAJSONWorkspace() throws {
        let url = try registers()
        var answers: Set<String> = []
        for condition in Self.conditions {
            for today in [[], ["--today", "2017-02-06"]] {
                let sql = try count(url, condition, today)
                XCTAssertTrue(sql.sql, "not answered in SQL: \(condition)")
                let loaded = try count(url, condition, today, env: ["TCG_SQL_QUERIES": "off"])
                XCTAssertFalse(loaded.sql)
                let json = try count("w.json", condition, today)
                XCTAssertEqual(sql.answer, json.answer, "count actions where \(condition) \(today)")
                XCTAssertEqual(loaded.answer, json.answer, "count actions where \(condition) \(today)")
                answers.insert(json.answer)
            }
        }
        // The conditions tell records apart (not all 0 or all 400).
        XCTAssertGreaterThan(answers.count, 12, "\(answers)")
    }

    func testOtherKindsAndTheRegistersClockAgree() throws {
        let url = try registers()
        for statement in ["count commissions where overdue", "count plans", "count people", "count meetings",
                          #"count plans where owner = "Officer 0-0""#, "count priorities where status = active",
                          "count priorities where status != active", #"count priorities where owner = "Officer 3-0""#,
                          "count requirements where outstanding", "count escalations where status = open", "count reviews where outstanding",
                          "count plans where unit = B2", "count commissions where due > 2018-01-01"] {
            let sql = try tcg(["--workspace", url, "-c", statement], env: ["TCG_SQL_QUERIES": "show"])
            let json = try tcg(["--workspace", "w.json", "-c", statement])
            XCTAssertEqual(sql.stdout, json.stdout, statement + ": " + sql.stderr)
            XCTAssertEqual(json.status, 0, statement + ": " + json.stderr)
            XCTAssertTrue(sql.stderr.contains("sql: SELECT count(*)"), statement)
        }
        // The register's clock is "today" when --today is not given, in SQL as in the register.
        for workspace in [url, "w.json"] {
            XCTAssertEqual(try tcg(["--workspace", workspace, "-c", "set today 2017-06-01"]).status, 0)
        }
        let sql = try count(url, "overdue"), json = try count("w.json", "overdue")
        XCTAssertTrue(sql.sql)
        XCTAssertEqual(sql.answer, json.answer)
    }

    func testWhatSQLCannotAnswerRunsTheOrdinaryWayWithItsErrors() throws {
        let url = try registers()
        for condition in [#"title contains "3""#, "due < today + 2w", "type = prevention"] {
            let sql = try count(url, condition), json = try count("w.json", condition)
            XCTAssertFalse(sql.sql, condition)
            XCTAssertEqual(sql.answer, json.answer, condition)
        }
        // A candidate's status is worked out, not a column: asked in SQL it was "column t.status does not exist".
        for statement in ["count candidates where status = rejected", "count candidates where status != adopted"] {
            let sql = try tcg(["--workspace", url, "-c", statement], env: ["TCG_SQL_QUERIES": "show"])
            XCTAssertEqual(sql.status, 0, statement + ": " + sql.stderr)
            XCTAssertEqual(sql.stdout, try tcg(["--workspace", "w.json", "-c", statement]).stdout, statement)
        }
        // A person who is not there is the interpreter's error (R11), with its position.
        let unknown = try tcg(["--workspace", url, "-c", #"count actions where owner = "Nobody""#], env: ["TCG_SQL_QUERIES": "show"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains(#"-c:1:29: error: unknown person "Nobody""#), unknown.stderr)
        XCTAssertFalse(unknown.stderr.contains("sql:"), unknown.stderr)
    }

    func testACeilingThatHidesRecordsIsNeverAnsweredInSQL() throws {
        let url = try registers(marking: true)
        for condition in ["overdue", "status = open", "due < 2018-01-01"] {
            let sql = try count(url, condition, ["--max-marking", "official"])
            let json = try count("w.json", condition, ["--max-marking", "official"])
            XCTAssertFalse(sql.sql, "a ceiling hides A-8 and A-17: \(condition)")
            XCTAssertEqual(sql.answer, json.answer, condition)
            // Without a ceiling, every record counts, in SQL.
            let all = try count(url, condition), allJSON = try count("w.json", condition)
            XCTAssertTrue(all.sql)
            XCTAssertEqual(all.answer, allJSON.answer)
        }
        // The register's own ceiling (`set max-marking`) hides them too.
        for workspace in [url, "w.json"] {
            XCTAssertEqual(try tcg(["--workspace", workspace, "-c", "set max-marking official"]).status, 0)
        }
        let sql = try count(url, "status = open"), json = try count("w.json", "status = open")
        XCTAssertFalse(sql.sql)
        XCTAssertEqual(sql.answer, json.answer)
    }
}
