import Foundation
import TCGTestSupport
import XCTest

/// Hostile input never crashes or hangs tcg: malformed workspaces (the JSON parsing test
/// suite), hostile scripts, inputs the fuzzers found, many writers at once, and a writer that
/// cannot get the lock. Everything runs the built binary.
final class ReliabilityTests: XCTestCase {
    // MARK: Malformed workspaces

    /// Every file of the JSON parsing test suite, as a workspace, is refused with exit 3 and an
    /// error naming it, for a query and for a change, and is left byte for byte as it was.
    func testEveryJSONTestSuiteFileIsRefusedAndLeftUntouched() throws {
        let suite = try Reliability.jsonSuite()
        let names = try FileManager.default.contentsOfDirectory(atPath: suite.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(names.count, 300, "the JSON test suite was not found at \(suite.path)")
        let workers = 4
        let failures = ReliabilityFailures()
        let folders = try (0..<workers).map { _ in try TcgProcess.temporaryFolder() }
        defer { for f in folders { try? FileManager.default.removeItem(at: f) } }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let folder = folders[worker]
            for name in names.enumerated().filter({ $0.offset % workers == worker }).map(\.element) {
                do {
                    try Self.checkRefused(name, from: suite, in: folder, failures: failures)
                } catch {
                    failures.add("\(name): \(error)")
                }
            }
        }
        for failure in failures.all.prefix(40) { XCTFail(failure) }
        if failures.all.count > 40 { XCTFail("… and \(failures.all.count - 40) more") }
    }

    private static func checkRefused(_ name: String, from suite: URL, in folder: URL, failures: ReliabilityFailures) throws {
        let original = try XCTUnwrap(Reliability.bytes(suite.appendingPathComponent(name)))
        let copy = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        FileManager.default.createFile(atPath: copy.path, contents: Data(original))
        for statement in ["count units", "add unit X"] {
            let run = try Reliability.run(["--workspace", name, "-c", statement], in: folder, timeout: 30)
            if run.signalled || run.status != 3 {
                failures.add("\(name) with `\(statement)`: exit \(run.status)\(run.signalled ? " (signal)" : ""), expected 3; stderr: \(run.stderr.prefix(300))")
            }
            if !run.stderr.contains(name) {
                failures.add("\(name) with `\(statement)`: the error does not name the file: \(run.stderr.prefix(300))")
            }
            if Reliability.bytes(copy) != original {
                failures.add("\(name) with `\(statement)`: the file was changed")
            }
            if FileManager.default.fileExists(atPath: copy.path + ".journal") {
                failures.add("\(name) with `\(statement)`: a journal was written beside it")
                try? FileManager.default.removeItem(atPath: copy.path + ".journal")
            }
        }
        try? FileManager.default.removeItem(at: copy)
        try? FileManager.default.removeItem(atPath: copy.path + ".lock")
    }

    /// Hostile workspaces beyond the suite: 100,000 nested arrays and objects, NUL bytes, invalid
    /// UTF-8 inside a workspace that is otherwise valid, binary garbage, a 2 MB string and a
    /// journal of garbage: exit 3 naming the file, nothing changed.
    func testHostileWorkspacesAreRefusedAndLeftUntouched() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try Reliability.run(["--workspace", "valid.json", "-c", "add unit East kind force"], in: folder).status, 0)
        let valid = try XCTUnwrap(Reliability.bytes(folder.appendingPathComponent("valid.json")))
        let text = String(decoding: valid, as: UTF8.self)
        let deep = 100_000
        var invalidUTF8 = valid
        if let e = invalidUTF8.firstIndex(of: UInt8(ascii: "E")) { invalidUTF8.replaceSubrange(e...e, with: [0xC3, 0x28]) }
        let workspaces: [(String, [UInt8])] = [
            ("arrays.json", Array((String(repeating: "[", count: deep) + String(repeating: "]", count: deep)).utf8)),
            ("objects.json", Array((String(repeating: "{\"a\":", count: deep) + "1" + String(repeating: "}", count: deep)).utf8)),
            ("nul.json", Array(text.replacingOccurrences(of: "East", with: "Ea\u{0}st").utf8)),
            ("nul-only.json", [UInt8](repeating: 0, count: 4096)),
            ("invalid-utf8.json", invalidUTF8),
            ("garbage.json", Reliability.garbage(count: 1 << 16, seed: 42)),
            ("long-string.json", Array(text.replacingOccurrences(of: "East", with: String(repeating: "E", count: 2 << 20) + "\u{1}").utf8)),
            ("truncated.json", Array(valid.prefix(valid.count / 2))),
        ]
        for (name, bytes) in workspaces {
            let copy = folder.appendingPathComponent(name)
            FileManager.default.createFile(atPath: copy.path, contents: Data(bytes))
            for statement in ["count units", "add unit X kind force"] {
                let run = try Reliability.run(["--workspace", name, "-c", statement], in: folder, timeout: 30)
                XCTAssertTrue(run.endedNormally, "\(name): signal \(run.status)")
                XCTAssertEqual(run.status, 3, "\(name) with `\(statement)`: \(run.stderr.prefix(300))")
                XCTAssertTrue(run.stderr.contains(name), "\(name): \(run.stderr.prefix(300))")
                XCTAssertEqual(Reliability.bytes(copy), bytes, "\(name) was changed by `\(statement)`")
            }
        }
        // A journal of garbage beside a valid snapshot.
        FileManager.default.createFile(atPath: folder.appendingPathComponent("valid.json.journal").path,
                                       contents: Data(Reliability.garbage(count: 4096, seed: 7)))
        for statement in ["count units", "add unit X kind force"] {
            let run = try Reliability.run(["--workspace", "valid.json", "-c", statement], in: folder, timeout: 30)
            XCTAssertTrue(run.endedNormally, "garbage journal: signal \(run.status)")
            XCTAssertEqual(run.status, 3, "garbage journal with `\(statement)`: \(run.stderr.prefix(300))")
            XCTAssertTrue(run.stderr.contains("valid.json"), run.stderr)
            XCTAssertEqual(Reliability.bytes(folder.appendingPathComponent("valid.json")), valid)
        }
    }

    /// Every value of a real workspace (the spec's worked example) retyped in turn — a number, a
    /// string, null, an array, an object, a date that does not exist, an id that is not there —
    /// is either read (exit 0, e.g. other text where text belongs) or refused with exit 3 naming
    /// the file and leaving it byte for byte; never a crash. A change on a workspace that was
    /// read keeps it readable.
    func testRetypedValuesAreReadOrRefusedNeverCrash() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Reliability.specExample()
        let script = try XCTUnwrap(Reliability.bytes(spec), "the spec's example was not found at \(spec.path)")
        XCTAssertEqual(try Reliability.run(["--workspace", "base.json", "--today", "2027-03-20"], stdin: script, in: folder).status, 0)
        let base = String(decoding: try XCTUnwrap(Reliability.bytes(folder.appendingPathComponent("base.json"))), as: UTF8.self)
        // The values (not the keys) of the workspace, by their ranges in the text.
        let value = try NSRegularExpression(pattern: #""(?:[^"\\]|\\.)*"(?!\s*:)|-?[0-9]+|true|false|null"#)
        let matches = value.matches(in: base, range: NSRange(base.startIndex..., in: base))
        XCTAssertGreaterThan(matches.count, 300)
        let replacements = ["0", "\"x\"", "null", "[]", "{}", "\"2027-02-30\"", "\"A-999\"", "-1"]
        var outcomes = [Int32: Int]()
        let copy = folder.appendingPathComponent("w.json")
        for (n, match) in matches.enumerated() {
            guard let range = Range(match.range, in: base) else { continue }
            let replacement = replacements[n % replacements.count]
            if base[range] == replacement { continue }
            let mutated = Array((base[..<range.lowerBound] + replacement + base[range.upperBound...]).utf8)
            for name in ["w.json", "w.json.journal", "w.json.lock"] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
            FileManager.default.createFile(atPath: copy.path, contents: Data(mutated))
            let what = "\(base[range].prefix(40)) -> \(replacement)"
            let read = try Reliability.run(["--workspace", "w.json", "-c", "count actions"], in: folder, timeout: 30)
            outcomes[read.status, default: 0] += 1
            XCTAssertTrue(read.endedNormally && (read.status == 0 || read.status == 3), "\(what): exit \(read.status): \(read.stderr.prefix(300))")
            if read.status == 3 {
                XCTAssertTrue(read.stderr.contains("w.json"), "\(what): \(read.stderr.prefix(300))")
                XCTAssertEqual(Reliability.bytes(copy), mutated, "\(what): the refused file was changed")
                continue
            }
            let change = try Reliability.run(["--workspace", "w.json", "-c", "add unit Zed"], in: folder, timeout: 30)
            XCTAssertTrue(change.endedNormally && change.status != 2, "\(what): the change ended with \(change.status)")
            let again = try Reliability.run(["--workspace", "w.json", "-c", "count actions"], in: folder, timeout: 30)
            XCTAssertEqual(again.status, 0, "\(what): the workspace no longer opens after a change: \(again.stderr.prefix(300))")
        }
        print("retyped values: \(outcomes[0, default: 0]) read, \(outcomes[3, default: 0]) refused")
        XCTAssertGreaterThan(outcomes[3, default: 0], 100, "most retyped values are refused: \(outcomes)")
    }

    // MARK: Hostile scripts

    /// 100,000 nested brackets of each kind, 2 MB lines (among them 2 MB words where a command,
    /// a kind or a field is expected: the "did you mean" search must stay quick), NUL bytes,
    /// invalid UTF-8, binary garbage and a script that runs itself: each is a
    /// `file:line:col: error:` and exit 1 within 10 s, never a crash.
    func testHostileScriptsAreErrorsNotCrashes() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = 100_000
        let scripts: [(String, [UInt8])] = [
            ("parens.tcg", Array(("if " + String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep) + " > 0 { echo 1 }\n").utf8)),
            ("parens-open.tcg", Array(("echo " + String(repeating: "(", count: deep) + "\n").utf8)),
            ("lists.tcg", Array(("echo " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "\n").utf8)),
            ("blocks.tcg", Array((String(repeating: "{", count: deep) + "\n" + String(repeating: "}", count: deep) + "\n").utf8)),
            ("ifs.tcg", Array((String(repeating: "if 1 = 1 { ", count: deep / 10) + "echo 1" + String(repeating: " }", count: deep / 10) + "\n").utf8)),
            ("nots.tcg", Array(("assert " + String(repeating: "not ", count: deep) + "1 = 1\n").utf8)),
            ("long-line.tcg", Array(("add unit Long kind force\n" + String(repeating: "x", count: 2 << 20) + "\n").utf8)),
            ("long-kind.tcg", Array(("list " + String(repeating: "k", count: 2 << 20) + "\n").utf8)),
            ("long-field.tcg", Array(("count actions where " + String(repeating: "f", count: 2 << 20) + " = 1\n").utf8)),
            ("long-string-line.tcg", Array(("echo \"" + String(repeating: "y", count: 2 << 20) + "\" )\n").utf8)),
            ("nul.tcg", Array("add unit A kind force\nadd unit B\u{0}C kind force\n".utf8)),
            ("nul-only.tcg", [UInt8](repeating: 0, count: 4096)),
            ("invalid-utf8.tcg", Array("add unit A kind force\necho \"caf".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array("\"\n".utf8)),
            ("surrogate.tcg", Array("echo \"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8)),
            ("garbage.tcg", Reliability.garbage(count: 1 << 16)),
            ("self.tcg", Array("add unit Again kind force\nrun \"self.tcg\"\n".utf8)),
        ]
        var failed: Set<String> = []
        for (name, bytes) in scripts {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(bytes))
            let run = try Reliability.run(["--workspace", "w.json", "run", name], in: folder, timeout: 10)
            XCTAssertTrue(run.endedNormally, "\(name): ended by signal \(run.status): \(run.stderr.suffix(2000))")
            XCTAssertEqual(run.status, 1, "\(name): \(run.stderr.prefix(500))")
            XCTAssertNotNil(run.stderr.range(of: #"\#(NSRegularExpression.escapedPattern(for: name)):[0-9]+:[0-9]+: error: "#, options: .regularExpression),
                            "\(name): no `\(name):LINE:COL: error:` in \(run.stderr.prefix(500))")
            XCTAssertLessThan(run.seconds, 10, "\(name) took \(run.seconds) s")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("w.json").path),
                           "\(name): a failed script saved a workspace")
            if !run.endedNormally || run.status != 1 || run.seconds >= 10 { failed.insert(name) }
        }
        // The same through stdin, and through `check` (not again for a script that failed above,
        // nor for the 2 MB ones, which take most of the time).
        for (name, bytes) in scripts where name != "self.tcg" && !failed.contains(name) && bytes.count < 1 << 20 {
            let run = try Reliability.run(["--workspace", "w.json"], stdin: bytes, in: folder, timeout: 15)
            XCTAssertTrue(run.endedNormally && run.status == 1, "\(name) on stdin: status \(run.status): \(run.stderr.suffix(500))")
            XCTAssertNotNil(run.stderr.range(of: #"<stdin>:[0-9]+:[0-9]+: error: "#, options: .regularExpression), "\(name) on stdin")
            let check = try Reliability.run(["check", name], in: folder, timeout: 15)
            // An unknown field is found when the query runs, not by `check` (which reports syntax only).
            if name == "long-field.tcg" {
                XCTAssertTrue(check.endedNormally && check.status == 0, "check \(name): status \(check.status)")
                continue
            }
            XCTAssertTrue(check.endedNormally && check.status == 1, "check \(name): status \(check.status): \(check.stderr.suffix(500))")
        }
    }

    /// A 2 MB line that is a valid statement runs, and its text reaches the workspace whole.
    func testTwoMegabyteStatementRuns() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let title = String(repeating: "z", count: 2 << 20)
        let script = "add person \"\(title)\"\ncount people\n"
        FileManager.default.createFile(atPath: folder.appendingPathComponent("big.tcg").path, contents: Data(script.utf8))
        let run = try Reliability.run(["--workspace", "w.json", "run", "big.tcg"], in: folder, timeout: 30)
        XCTAssertTrue(run.endedNormally && run.status == 0, "status \(run.status): \(run.stderr.prefix(500))")
        let count = try Reliability.run(["--workspace", "w.json", "-c", "count people where name contains \"zzz\""], in: folder)
        XCTAssertEqual(count.output, "1\n", count.stderr)
    }

    /// The regressions committed in Fuzz/regressions: each must be there (a new one is added
    /// here when it is committed), so that an emptied or mis-pathed folder fails the test.
    static let knownFuzzRegressions = [
        "workspace-audit-missing-statement.json",
        "workspace-audit-seq-out-of-order.json",
    ]

    /// Inputs the fuzzers found (Fuzz/regressions): tcg ends normally on each, with an error
    /// that names the file when it refuses one. Every known regression must be there.
    func testFuzzRegressionsEndNormally() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let regressions = Reliability.fuzzRegressions
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: regressions.path, isDirectory: &isFolder) && isFolder.boolValue,
                      "the fuzz regressions folder is missing: \(regressions.path)")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []).sorted()
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }
        XCTAssertGreaterThanOrEqual(names.count, Self.knownFuzzRegressions.count,
                                    "\(regressions.path) holds \(names.count) inputs, expected at least \(Self.knownFuzzRegressions.count): \(names)")
        for known in Self.knownFuzzRegressions {
            XCTAssertTrue(names.contains(known), "the fuzz regression \(known) is missing from \(regressions.path)")
        }
        for name in names {
            XCTAssertTrue(name.hasPrefix("workspace-") || name.hasPrefix("parse-"),
                          "\(name): a regression is named workspace-* (a workspace) or parse-* (a script)")
            let bytes = try XCTUnwrap(Reliability.bytes(regressions.appendingPathComponent(name)))
            XCTAssertFalse(bytes.isEmpty, "\(name) is empty")
            let copy = folder.appendingPathComponent(name)
            if name.hasPrefix("workspace-") {
                for statement in ["count units", "history", "list actions", "add unit Zed kind force"] {
                    for extra in [".journal", ".lock", ""] { try? FileManager.default.removeItem(atPath: copy.path + extra) }
                    FileManager.default.createFile(atPath: copy.path, contents: Data(bytes))
                    let run = try Reliability.run(["--workspace", name, "-c", statement], in: folder, timeout: 30)
                    XCTAssertTrue(run.endedNormally, "\(name) with `\(statement)`: signal \(run.status): \(run.stderr.suffix(2000))")
                    XCTAssertTrue([0, 1, 3].contains(run.status), "\(name) with `\(statement)`: exit \(run.status)")
                    if run.status == 3 { XCTAssertTrue(run.stderr.contains(name), "\(name): \(run.stderr)") }
                    if run.status == 3 { XCTAssertEqual(Reliability.bytes(copy), bytes, "\(name): changed by a refused `\(statement)`") }
                }
            } else {
                FileManager.default.createFile(atPath: copy.path, contents: Data(bytes))
                let run = try Reliability.run(["--workspace", "w.json", "run", name], in: folder, timeout: 30)
                XCTAssertTrue(run.endedNormally, "\(name): signal \(run.status): \(run.stderr.suffix(2000))")
                XCTAssertTrue([0, 1].contains(run.status), "\(name): exit \(run.status): \(run.stderr.prefix(500))")
                let check = try Reliability.run(["check", name], in: folder, timeout: 30)
                XCTAssertTrue(check.endedNormally, "check \(name): signal \(check.status)")
                try? FileManager.default.removeItem(at: folder.appendingPathComponent("w.json"))
                try? FileManager.default.removeItem(at: folder.appendingPathComponent("w.json.journal"))
            }
        }
    }

    // MARK: Many writers

    /// 4 writers × 100 statements, each its own `tcg -c` process, all at once: every record is
    /// kept.
    func testConcurrentWritersLoseNothing() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writers = 4, statements = 100
        let failures = ReliabilityFailures()
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for n in 1...statements {
                do {
                    let run = try Reliability.run(["--workspace", "w.json", "-c", "add person \"W\(w)-\(n)\""], in: folder, timeout: 60)
                    if run.status != 0 || run.signalled { failures.add("writer \(w), statement \(n): exit \(run.status): \(run.stderr)") }
                } catch {
                    failures.add("writer \(w), statement \(n): \(error)")
                }
            }
        }
        for failure in failures.all.prefix(20) { XCTFail(failure) }
        let count = try Reliability.run(["--workspace", "w.json", "-c", "count people"], in: folder)
        XCTAssertEqual(count.output, "\(writers * statements)\n", count.stderr)
        let listed = try Reliability.run(["--workspace", "w.json", "--format", "csv", "-c", "list people"], in: folder)
        for w in 0..<writers {
            for n in 1...statements where !listed.output.contains("W\(w)-\(n)\n") && !listed.output.contains("W\(w)-\(n),") {
                XCTFail("W\(w)-\(n) is missing")
            }
        }
        let history = try Reliability.run(["--workspace", "w.json", "-c", "count people where name contains \"W0-\""], in: folder)
        XCTAssertEqual(history.output, "\(statements)\n")
    }

    // MARK: The lock

    /// A writer that cannot get the lock within `$TCG_LOCK_TIMEOUT` seconds exits 3 and names
    /// the holder's pid; the holder, once it goes on, commits normally.
    func testBlockedWriterNamesTheHolderAndExits3() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (holder, release) = try startHolder(in: folder)

        let blocked = try Reliability.run(["--workspace", "w.json", "-c", "add unit Blocked kind force"], in: folder,
                                          environment: ["TCG_LOCK_TIMEOUT": "1"], timeout: 30)
        XCTAssertEqual(blocked.status, 3, blocked.stderr)
        XCTAssertFalse(blocked.signalled)
        XCTAssertTrue(blocked.stderr.contains("w.json"), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("pid \(holder.pid)"), "the holder is not named: \(blocked.stderr)")
        XCTAssertLessThan(blocked.seconds, 6, "TCG_LOCK_TIMEOUT=1 is not honoured: the blocked writer waited \(blocked.seconds) s (the default is 10 s)")

        // A reader is not blocked by the writer.
        let reader = try Reliability.run(["--workspace", "w.json", "-c", "count units"], in: folder, timeout: 30)
        XCTAssertEqual(reader.output, "1\n", reader.stderr)
        XCTAssertLessThan(reader.seconds, 5)

        // Let the holder go: the lock is free again and the next writer commits.
        FileManager.default.createFile(atPath: release.path, contents: Data())
        let ended = holder.wait(timeout: 20)
        XCTAssertFalse(ended.timedOut, "the holder did not finish")
        XCTAssertEqual(ended.status, 0, holder.stderr)
        let after = try Reliability.run(["--workspace", "w.json", "-c", "add unit After kind force"], in: folder,
                                        environment: ["TCG_LOCK_TIMEOUT": "5"], timeout: 30)
        XCTAssertEqual(after.status, 0, after.stderr)
        let units = try Reliability.run(["--workspace", "w.json", "--format", "csv", "-c", "list units"], in: folder)
        XCTAssertTrue(units.output.contains("After") && units.output.contains("Before"), units.output)
        XCTAssertFalse(units.output.contains("Blocked"), units.output)
    }

    /// A writer killed while it holds the lock does not block the next one: the lock dies with it.
    func testKilledHolderDoesNotBlockTheNextWriter() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (holder, _) = try startHolder(in: folder)
        holder.kill()
        holder.wait(timeout: 10)
        let next = try Reliability.run(["--workspace", "w.json", "-c", "add unit Next kind force"], in: folder,
                                       environment: ["TCG_LOCK_TIMEOUT": "2"], timeout: 30)
        XCTAssertEqual(next.status, 0, next.stderr)
        let units = try Reliability.run(["--workspace", "w.json", "--format", "csv", "-c", "list units"], in: folder)
        XCTAssertTrue(units.output.contains("Before") && units.output.contains("Next"), units.output)
        XCTAssertFalse(units.output.contains("Holder"), "the killed writer's change was saved: \(units.output)")
    }

    /// A workspace `w.json` holding unit Before, and a process holding its writer lock, as a
    /// writer does (`flock` on `w.json.lock`, with the holder line tcg writes), until the file
    /// the returned URL names is created (at most 30 s). tcg itself never waits with the lock
    /// held (a `run` of a FIFO is refused), so the holder is flock(1) rather than a tcg.
    /// Returns once the lock file names the holder.
    private func startHolder(in folder: URL) throws -> (ChildProcess, URL) {
        XCTAssertEqual(try Reliability.run(["--workspace", "w.json", "-c", "add unit Before kind force"], in: folder).status, 0)
        guard let flock = ChildProcess.tool("flock") else { throw XCTSkip("flock(1) is not installed") }
        let release = folder.appendingPathComponent("release")
        // -o: the shell does not inherit the lock, so killing flock releases it. $PPID is flock.
        let wait = "printf 'pid %s user tester since 2027-01-01T00:00:00Z\\n' $PPID > w.json.lock; "
            + "i=0; while [ ! -e release ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; : > w.json.lock"
        let holder = try Reliability.start(["-x", "-o", "w.json.lock", "/bin/sh", "-c", wait], executable: flock, in: folder)
        let lockFile = folder.appendingPathComponent("w.json.lock")
        let waitUntil = Date().addingTimeInterval(20)
        while Date() < waitUntil, holder.isRunning,
              !String(decoding: Reliability.bytes(lockFile) ?? [], as: UTF8.self).contains("pid \(holder.pid)") {
            usleep(5000)
        }
        XCTAssertTrue(holder.isRunning, "the holder ended early: \(holder.stderr)")
        return (holder, release)
    }
}
