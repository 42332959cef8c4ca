import Foundation
import TCGTestSupport
import XCTest

/// Trainers and analysts: `tcg demo`, the moving clock, and `tcg test DIR` (the demo register's
/// story on both stores: StoreUnderTest; `tcg demo` and `tcg test` are the workspace file's).
final class TrainerTests: FolderTestCase {
    /// The demo register, `d.json` or a database it is copied into.
    override class var storeWorkspace: String? { "d.json" }

    /// Writes the demo register into the test's workspace (``workspace``).
    func demo() throws {
        XCTAssertEqual(try TcgProcess.run(["demo", "d.json"], in: folder).status, 0)
        XCTAssertNil(try workspace.take("d.json", in: folder))
    }

    func testDemoIsDeterministicAndNeverOverwrites() throws {
        try StoreUnderTest.fileOnly("tcg demo writes a new workspace file")
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
        try demo()
        func count(_ what: String) throws -> String {
            try tcg(["--workspace", try workspace.path(), "-c", "count \(what)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try count("meetings where kind = stcg"), "4", "quarterly ST&CGs")
        XCTAssertEqual(try count("priorities where status = retired"), "1", "the control strategy changes once")
        XCTAssertEqual(try count("candidates where status = rejected"), "3", "two at ST&CGs, one at the PSG")
        XCTAssertEqual(try count("candidates where status = adopted"), "5", "four priorities at ST&CGs, one at the PSG, each from a scored candidate")
        XCTAssertEqual(try count("escalations where status = accepted"), "1")
        XCTAssertEqual(try count("reviews where status = completed"), "1")
        for state in ["open", "done", "cancelled"] {
            XCTAssertGreaterThan(Int(try count("actions where status = \(state)")) ?? 0, 0, "actions in state \(state)")
        }
        XCTAssertGreaterThan(Int(try count("commissions where overdue")) ?? 0, 0)
        XCTAssertGreaterThan(Int(try count("commissions where status = delivered")) ?? 0, 0)
        for kind in ["ium", "dmm", "ttcg"] { XCTAssertGreaterThan(Int(try count("meetings where kind = \(kind)")) ?? 0, 10, kind) }
        // The clock is saved at the teaching moment; moving it across West's TT&CG changes what is due.
        let agenda = try tcg(["--workspace", try workspace.path(), "--format", "json", "-c", "agenda next ttcg unit East"])
        XCTAssertTrue(agenda.stdout.contains("\"date\":\"2027-10-13\""), agenda.stdout)
        let before = try count("actions where overdue")
        let calendarBefore = try tcg(["--workspace", try workspace.path(), "--format", "json", "-c", "calendar unit West"]).stdout
        XCTAssertTrue(calendarBefore.contains("\"status\":\"ok\""), calendarBefore)
        XCTAssertEqual(try tcg(["--workspace", try workspace.path(), "-c", "advance 3w"]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", try workspace.path(), "-c", "echo today"]).stdout, "2027-11-03\n")
        XCTAssertGreaterThan(Int(try count("actions where overdue")) ?? 0, Int(before) ?? 0, "more is overdue three weeks on")
        let calendarAfter = try tcg(["--workspace", try workspace.path(), "--format", "json", "-c", "calendar unit West"]).stdout
        XCTAssertTrue(calendarAfter.contains("\"status\":\"overdue\""), "West's TT&CG is now overdue (R9):\n\(calendarAfter)")
    }

    /// What looked wrong to police trainees is right: PIER types and owners that fit, priorities
    /// with strands, plans with objectives reviewed and completed properly, an ST&CG and a
    /// strategic assessment each quarter, IUM and DMM business, amendments, a handover and a
    /// partnership's PSG (Fixtures/demo/story.tcg asserts each).
    func testTheDemoTellsATrainersStory() throws {
        try demo()
        let story = TcgProcess.packageRoot.appendingPathComponent("Tests/TCGEndToEndTests/Fixtures/demo/story.tcg").path
        let checked = try tcg(["--workspace", try workspace.path(), "run", story])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(checked.stdout, "the demo tells the story\n")
        func run(_ statements: String) throws -> String {
            let r = try tcg(["--workspace", try workspace.path(), "-c", statements])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout
        }
        // DMM minutes are not empty: the last DMM of East before the teaching day.
        let dmm = try run("for $m in list meetings where kind = dmm and unit = East and date = 2027-10-07 { minutes $m }")
        for part in ["attendees:  Sgt Bea Cole, DS Kim Ng", "Fast-track: report the delayed actions", "Progress on actions", "Delayed:"] {
            XCTAssertTrue(dmm.contains(part), "\(part) in\n\(dmm)")
        }
        // A plan's objectives agreed, a due date moved, a leaver's work handed over: each kept.
        XCTAssertTrue(try run("show DP-1").contains("Figures agreed with East District Council"))
        let moved = try run("for $a in list actions where due = 2027-10-20 { show $a }")
        XCTAssertTrue(moved.contains("2027-10-13  2027-10-20") && moved.contains("moved to the following week"), moved)
        XCTAssertTrue(try run("history PE-10").contains("status active -> left"))
        XCTAssertTrue(try run("history since 2027-06-11").contains("handover \"PC Dan Frost\" to \"PC Amy Shah\""))
        // The IUM the day before the TT&CG presented its assessment and recommends a plan.
        XCTAssertTrue(try run("agenda next ttcg unit East").contains("Recommend a station-area patrol plan to the TT&CG"))
    }

    func testAnalystScriptsRunAgainstACopyWithExpectations() throws {
        try StoreUnderTest.fileOnly("tcg test runs on a copy of a workspace file only (docs/postgresql.md)")
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

/// `tcg test PATH...`: files and folders, scripts without expectations, expected errors and statuses.
final class ScriptTestCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "ws.json", "-c", "add unit Westshire kind force"], in: folder).status, 0)
        let checks = folder.appendingPathComponent("checks")
        try FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
        for (name, text) in [
            ("count.tcg", "count units\n# expect: 1\n"),
            ("helper.tcg", "count units\n"),
            ("refused.tcg", "add unit Westshire kind force\n# expect-error: Westshire\n# expect-status: 1\n"),
        ] {
            try text.write(to: checks.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func tcgTest(_ paths: [String]) throws -> TcgProcess.Result {
        try TcgProcess.run(["--workspace", "ws.json", "test"] + paths, in: folder)
    }

    func testAFolderRunsItsScriptsAndAScriptWithoutExpectationsIsNotAFailure() throws {
        let r = try tcgTest(["checks"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stdout, """
            ok   count.tcg
            none helper.tcg: no expectations (no `# expect:`, `# expect-error:` or `# expect-status:` line), not run
            ok   refused.tcg
            2 passed, 0 failed, 1 without expectations

            """)
    }

    func testFilesAreTestedOneByOneAndAMissingPathIsAUsageError() throws {
        let r = try tcgTest(["checks/count.tcg", "checks/refused.tcg"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stdout, "ok   checks/count.tcg\nok   checks/refused.tcg\n2 passed, 0 failed\n")
        let missing = try tcgTest(["checks/count.tcg", "nope.tcg"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("cannot read nope.tcg"), missing.stderr)
        XCTAssertEqual(missing.stdout, "", "nothing runs when a path is wrong")
    }

    func testExpectedStatusIsChecked() throws {
        let checks = folder.appendingPathComponent("checks")
        try "add unit Westshire kind force\n# expect-status: 0\n".write(to: checks.appendingPathComponent("wrong.tcg"), atomically: true, encoding: .utf8)
        try "count units\n  # expect-status: one\n".write(to: checks.appendingPathComponent("typo.tcg"), atomically: true, encoding: .utf8)
        let r = try tcgTest(["checks/wrong.tcg", "checks/typo.tcg"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("FAIL checks/wrong.tcg: expected exit status 0, got 1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("FAIL checks/typo.tcg: not run: checks/typo.tcg:2:20: `# expect-status:` needs an exit status 0, 1, 2 or 3, not \"one\""), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("0 passed, 2 failed\n"), r.stdout)
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

        let chromium = try XCTUnwrap(ChildProcess.tool("chromium") ?? ChildProcess.tool("chromium-browser"),
                                     "chromium is not installed (scripts/test installs it)")
        // What each page must show: its headings (besides every heading of its HTML), and the
        // colours of its stylesheet that only a rendered page has, with the fewest pixels of each.
        let pages: [(page: String, headings: [String], colours: [(String, Int)])] = [
            ("pack", ["Agenda: TT&amp;CG East on", "Outstanding actions by owner", "Timeline", "Overdue and due actions, by owner"],
             [("1f3b5c", 2_000), ("fff1f0", 20_000), ("f0f3f6", 2_000), ("d1453b", 500)]),
            ("register", ["Control strategy", "Priorities", "Calendar", "Outstanding actions by owner", "Timeline"],
             [("1f3b5c", 2_000), ("f0f3f6", 2_000), ("d1453b", 500)]),
        ]
        for (page, headings, colours) in pages {
            let url = folder.appendingPathComponent("\(page).html")
            let source = try String(contentsOf: url, encoding: .utf8)
            // Headless Chromium in its own process group (its helpers die with it), with its own
            // profile folder, for at most 120 seconds.
            func chromiumRun(_ arguments: [String]) throws -> ChildProcess.Run {
                try ChildProcess.run(chromium.path, [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-extensions", "--user-data-dir=\(folder.appendingPathComponent("chromium-profile").path)",
                ] + arguments + [url.absoluteString], in: folder, ownGroup: true, timeout: 120)
            }

            // The DOM chromium built from the page: its headings, in order, the charts and the
            // overdue rows; not an error page.
            let dump = try chromiumRun(["--dump-dom"])
            XCTAssertFalse(dump.timedOut, "\(page): chromium did not dump the DOM within 120 s: \(dump.stderr.suffix(600))")
            let dom = dump.output
            XCTAssertFalse(dom.contains("ERR_"), "\(page): chromium shows an error page: \(dom.prefix(600))")
            let headingPattern = try NSRegularExpression(pattern: "<h[12]>([^<]*)</h[12]>")
            func headingsOf(_ html: String) -> [String] {
                headingPattern.matches(in: html, range: NSRange(html.startIndex..., in: html))
                    .compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
            }
            let rendered = headingsOf(dom)
            XCTAssertEqual(rendered, headingsOf(source), "\(page): the rendered headings differ from the page's")
            for heading in headings {
                XCTAssertTrue(rendered.contains { $0.hasPrefix(heading) }, "\(page): no heading \(heading) in the rendered DOM: \(rendered)")
            }
            for label in ["Outstanding actions by owner", "Timeline of meetings and due dates"] {
                XCTAssertTrue(dom.contains("<svg role=\"img\" aria-label=\"\(label)\""), "\(page): no chart \(label) in the rendered DOM")
            }
            let overdueRows = source.components(separatedBy: "<tr class=\"overdue\">").count - 1
            XCTAssertEqual(dom.components(separatedBy: "<tr class=\"overdue\">").count - 1, overdueRows, "\(page): overdue rows")
            if page == "pack" { XCTAssertGreaterThan(overdueRows, 0, "the pack marks overdue actions") }

            // The picture: a PNG of the window's size that is not blank, showing the headings'
            // colour, the charts' and (pack) the overdue rows' backgrounds.
            let png = folder.appendingPathComponent("\(page).png")
            let shot = try chromiumRun(["--hide-scrollbars", "--screenshot=\(png.path)", "--window-size=1200,1600"])
            if shot.timedOut && !FileManager.default.fileExists(atPath: png.path) {
                XCTFail("\(page): chromium wrote no screenshot within 120 s: \(shot.stderr.suffix(600))")
            }
            let data = try Data(contentsOf: png)
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(page): a PNG")
            let pixels = try PNGPixels(png, colours: colours.map(\.0))
            XCTAssertEqual(pixels.width, 1200, page)
            XCTAssertEqual(pixels.height, 1600, page)
            XCTAssertGreaterThan(pixels.inked, pixels.width * pixels.height / 20, "\(page): the screenshot is nearly blank (\(pixels))")
            XCTAssertGreaterThan(pixels.distinct, 100, "\(page): the screenshot has hardly any colours (\(pixels))")
            for (colour, least) in colours {
                XCTAssertGreaterThanOrEqual(pixels.counts[colour] ?? 0, least, "\(page): too few #\(colour) pixels (\(pixels))")
            }
        }
    }
}

/// What a screenshot shows, counted by python3 (zlib, and PNG's row filters): its size, how
/// many pixels are not white, how many colours it has, and how many pixels have each colour
/// asked for (RRGGBB).
struct PNGPixels: CustomStringConvertible {
    var width = 0, height = 0, inked = 0, distinct = 0
    var counts: [String: Int] = [:]

    var description: String {
        "\(width)×\(height), \(inked) not white, \(distinct) colours, " + counts.sorted { $0.key < $1.key }.map { "#\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    /// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes).
    static let script = #"""
        import sys, zlib, struct, collections
        d = open(sys.argv[1], 'rb').read()
        assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        p, idat = 8, b''
        while p < len(d):
            n, = struct.unpack('>I', d[p:p+4]); kind = d[p+4:p+8]; body = d[p+8:p+8+n]
            if kind == b'IHDR':
                w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
                assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
                bpp = 3 if ctype == 2 else 4
            elif kind == b'IDAT':
                idat += body
            p += 12 + n
        raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); colours = collections.Counter()
        for y in range(h):
            f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            if f == 1:
                for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
            elif f == 2:
                line = bytearray((a + b) & 255 for a, b in zip(line, prev))
            elif f == 3:
                for i in range(stride): line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
            elif f == 4:
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp)); prev = line
        print(w, h, w * h - colours[b'\xff\xff\xff'], len(colours))
        for hexed in sys.argv[2:]: print(hexed, colours[bytes.fromhex(hexed)])
        """#

    init(_ png: URL, colours: [String]) throws {
        let python = try XCTUnwrap(ChildProcess.tool("python3"), "python3 is needed to read the screenshot")
        let run = try ChildProcess.run(python.path, ["-c", Self.script, png.path] + colours, timeout: 120)
        guard run.status == 0, !run.signalled else {
            XCTFail("python3 could not read \(png.lastPathComponent): \(run.stderr.suffix(600))")
            return
        }
        let lines = run.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        if let first = lines.first, first.count == 4 {
            (width, height, inked, distinct) = (Int(first[0]) ?? 0, Int(first[1]) ?? 0, Int(first[2]) ?? 0, Int(first[3]) ?? 0)
        }
        for line in lines.dropFirst() where line.count == 2 { counts[line[0]] = Int(line[1]) }
    }
}
