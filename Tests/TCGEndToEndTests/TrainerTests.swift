import Foundation
import TCGTestSupport
import XCTest

/// Trainers and analysts: `tcg demo`, the moving clock, and `tcg test DIR`.
final class TrainerTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = try TcgProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func tcg(_ args: [String], stdin: String? = nil) throws -> TcgProcess.Result {
        try TcgProcess.run(args, stdin: stdin, in: folder)
    }

    func testDemoIsDeterministicAndNeverOverwrites() throws {
        let first = try tcg(["demo", "a.json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("the morning of East's TT&CG"))
        XCTAssertEqual(try tcg(["demo", "b.json"]).status, 0)
        let a = try Data(contentsOf: folder.appendingPathComponent("a.json"))
        XCTAssertEqual(a, try Data(contentsOf: folder.appendingPathComponent("b.json")), "the demo is deterministic")
        XCTAssertEqual(try tcg(["demo", "a.json"]).status, 2, "an existing file is never overwritten")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("a.json")), a)
        // `--workspace PATH demo` names the file too, and never overwrites it either.
        XCTAssertEqual(try tcg(["--workspace", "c.json", "demo"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("c.json")), a)
        XCTAssertEqual(try tcg(["--workspace", "a.json", "demo"]).status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("demo.json").path))
    }

    func testDemoHoldsAYearOfBusinessAndTheClockMoves() throws {
        XCTAssertEqual(try tcg(["demo", "d.json"]).status, 0)
        func count(_ what: String) throws -> String {
            try tcg(["--workspace", "d.json", "-c", "count \(what)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try count("meetings where kind = stcg"), "4", "quarterly ST&CGs")
        XCTAssertEqual(try count("priorities where status = retired"), "1", "the control strategy changes once")
        XCTAssertEqual(try count("candidates"), "2")
        XCTAssertEqual(try count("escalations where status = accepted"), "1")
        XCTAssertEqual(try count("reviews where status = completed"), "1")
        for state in ["open", "done", "cancelled"] {
            XCTAssertGreaterThan(Int(try count("actions where status = \(state)")) ?? 0, 0, "actions in state \(state)")
        }
        XCTAssertGreaterThan(Int(try count("commissions where overdue")) ?? 0, 0)
        XCTAssertGreaterThan(Int(try count("commissions where status = delivered")) ?? 0, 0)
        for kind in ["ium", "dmm", "ttcg"] { XCTAssertGreaterThan(Int(try count("meetings where kind = \(kind)")) ?? 0, 10, kind) }
        // The clock is saved at the teaching moment; moving it across West's TT&CG changes what is due.
        let agenda = try tcg(["--workspace", "d.json", "--format", "json", "-c", "agenda next ttcg unit East"])
        XCTAssertTrue(agenda.stdout.contains("\"date\": \"2027-10-13\""), agenda.stdout)
        let before = try count("actions where overdue")
        let calendarBefore = try tcg(["--workspace", "d.json", "--format", "json", "-c", "calendar unit West"]).stdout
        XCTAssertTrue(calendarBefore.contains("\"status\": \"ok\""), calendarBefore)
        XCTAssertEqual(try tcg(["--workspace", "d.json", "-c", "advance 3w"]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", "d.json", "-c", "echo today"]).stdout, "2027-11-03\n")
        XCTAssertGreaterThan(Int(try count("actions where overdue")) ?? 0, Int(before) ?? 0, "more is overdue three weeks on")
        let calendarAfter = try tcg(["--workspace", "d.json", "--format", "json", "-c", "calendar unit West"]).stdout
        XCTAssertTrue(calendarAfter.contains("\"status\": \"overdue\""), "West's TT&CG is now overdue (R9):\n\(calendarAfter)")
    }

    func testAnalystScriptsRunAgainstACopyWithExpectations() throws {
        XCTAssertEqual(try tcg(["demo", "tcg-workspace.json"]).status, 0)
        let before = try Data(contentsOf: folder.appendingPathComponent("tcg-workspace.json"))
        let dir = TcgProcess.packageRoot.appendingPathComponent("Tests/TCGEndToEndTests/Fixtures/analyst").path
        let r = try tcg(["test", dir])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("3 passed, 0 failed\n"), r.stdout)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("tcg-workspace.json")), before, "scripts run on a copy")
        // A wrong expectation fails, with what was printed.
        let bad = folder.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try "# expect: 99\ncount actions where overdue and unit = East\n".write(to: bad.appendingPathComponent("x.tcg"), atomically: true, encoding: .utf8)
        let failing = try tcg(["test", bad.path])
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stdout.contains("FAIL x.tcg"), failing.stdout)
        XCTAssertTrue(failing.stdout.hasSuffix("0 passed, 1 failed\n"), failing.stdout)
    }
}

/// The HTML and Markdown packs: self-contained, overdue marked, and they render in a browser.
final class ReportTests: XCTestCase {
    func testAgendaPackAndRegisterPagesRenderInHeadlessChromium() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try TcgProcess.run(["demo", "d.json"], in: folder).status, 0)
        let r = try TcgProcess.run(["--workspace", "d.json", "-c",
                                    "report agenda next ttcg unit East to \"pack.html\"; report register to \"register.html\"; report agenda next ttcg unit East to \"pack.md\""],
                                   in: folder)
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("pack.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.lowercased().contains("<script"), "no scripts needed to read it")
        XCTAssertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg") || html.contains("https://"), "no network")
        XCTAssertTrue(html.contains("<tr class=\"overdue\">"), "overdue items are marked")
        XCTAssertTrue(html.contains("aria-label=\"Outstanding actions by owner\""), "the chart")
        XCTAssertTrue(html.contains("aria-label=\"Timeline of meetings and due dates\""), "the timeline")
        XCTAssertTrue(html.contains("@media print"), "printable")
        let md = try String(contentsOf: folder.appendingPathComponent("pack.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("## Overdue and due actions, by owner"))
        XCTAssertTrue(md.contains("overdue**"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("pack.html").path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "reports are confidential too")

        for page in ["pack", "register"] {
            let png = folder.appendingPathComponent("\(page).png")
            // Headless Chromium in its own process group (its helpers die with it), with its own
            // profile folder, for at most 120 seconds: what counts is the picture it wrote.
            let chromium = try XCTUnwrap(ChildProcess.tool("chromium") ?? ChildProcess.tool("chromium-browser"),
                                         "chromium is not installed (scripts/test installs it)")
            let shot = try ChildProcess.run(chromium.path, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--user-data-dir=\(folder.appendingPathComponent("chromium-profile").path)",
                "--hide-scrollbars", "--screenshot=\(png.path)", "--window-size=1200,1600",
                folder.appendingPathComponent("\(page).html").absoluteString,
            ], in: folder, ownGroup: true, timeout: 120)
            if shot.timedOut && !FileManager.default.fileExists(atPath: png.path) {
                XCTFail("\(page): chromium wrote no screenshot within 120 s: \(shot.stderr.suffix(600))")
            }
            let data = try Data(contentsOf: png)
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(page): a PNG")
            // A blank page compresses to a few KB; a rendered pack with tables and charts does not.
            XCTAssertGreaterThan(data.count, 40_000, "\(page): the screenshot looks empty")
        }
    }
}
