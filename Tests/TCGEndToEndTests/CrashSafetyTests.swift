import Foundation
import TCGTestSupport
import TCGJSON
import XCTest

/// A workspace survives tcg being killed at any moment of a save, a full disk and a read-only
/// folder: it always opens, holding the state before the change or the state after it, and a
/// failed save says why and leaves the files as they were. Everything runs the built binary.
final class CrashSafetyTests: XCTestCase {
    /// Actions in the large workspace (scripts/lib/generate.py).
    static let largeActions = 20_000
    /// Actions a large change adds: more records than one journal line takes, so the change is
    /// written as a whole snapshot.
    static let addedByLargeChange = 4_500

    /// The generated register of `actions` actions, with a TT&CG open and a plan to add to, in
    /// `folder` as `name`; returns the plan's id.
    static func build(actions: Int, in folder: URL, name: String = "w.json") throws -> String {
        let generator = TcgProcess.packageRoot.appendingPathComponent("scripts/lib/generate.py")
        let python = ChildProcess.tool("python3")
        let script = try Reliability.run([generator.path, "\(actions)"], executable: python, in: folder, timeout: 120)
        XCTAssertEqual(script.status, 0, script.stderr)
        let tail = """

            let t = create meeting ttcg on 2027-01-11 unit B0
            open $t
            let plan = create plan "Kill target" for P-1 owner "Officer 0-0"
            echo "$plan at $t"
            """
        let built = try Reliability.run(["--workspace", name], stdin: script.stdout + Array(tail.utf8), in: folder, timeout: 300)
        XCTAssertEqual(built.status, 0, built.stderr)
        return String(built.output.split(separator: "\n").last ?? "")
    }

    /// A change that is written as a whole snapshot: one action whose title makes its journal
    /// line longer than a line may be (256 KiB, or an eighth of the snapshot).
    static func snapshotChange(plan: String, workspace: String = "w.json", in folder: URL, tag: String) -> (script: [UInt8], title: String) {
        let snapshot = Reliability.bytes(folder.appendingPathComponent(workspace))?.count ?? 0
        let title = tag + "-" + String(repeating: "h", count: max(256 << 10, snapshot / 8) + (64 << 10))
        return (Array("add action prevention \"\(title)\" to \(plan) owner \"Officer 0-0\" due 2027-07-01\n".utf8), title)
    }

    /// What the workspace holds, read the way a user would: the output of `count actions` and
    /// `list actions` as JSON, in one run. Fails the test (and returns nil) if it does not open.
    func stateOutput(_ workspace: String, in folder: URL, _ context: String,
                     file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8]? {
        let run = try Reliability.run(["--workspace", workspace, "--format", "json", "-c", "count actions; list actions"], in: folder)
        guard run.endedNormally, run.status == 0 else {
            XCTFail("\(context): the workspace does not open: exit \(run.status)\(run.signalled ? " (signal)" : ""): \(run.stderr)",
                    file: file, line: line)
            return nil
        }
        return run.stdout
    }

    /// The actions in a ``stateOutput(_:in:_:file:line:)``, checked against its count.
    func actions(_ output: [UInt8], _ context: String, file: StaticString = #filePath, line: UInt = #line) -> [JSONValue]? {
        guard let newline = output.firstIndex(of: 0x0A),
              let count = Int(String(decoding: output[..<newline], as: UTF8.self)),
              case .array(let list)? = try? JSONValue.parse(Array(output[(newline + 1)...])) else {
            XCTFail("\(context): unexpected output \(String(decoding: output.prefix(200), as: UTF8.self))", file: file, line: line)
            return nil
        }
        XCTAssertEqual(count, list.count, "\(context): count and list disagree", file: file, line: line)
        return list
    }

    /// The actions the workspace holds (``stateOutput(_:in:_:file:line:)``, parsed).
    func state(_ workspace: String, in folder: URL, _ context: String,
               file: StaticString = #filePath, line: UInt = #line) throws -> [JSONValue]? {
        try stateOutput(workspace, in: folder, context, file: file, line: line).flatMap { actions($0, context, file: file, line: line) }
    }

    /// Whether `after` is `before` with exactly the actions titled `titles` added at its end.
    func isNew(_ after: [JSONValue], _ before: [JSONValue], titles: [String]) -> Bool {
        guard after.count == before.count + titles.count, Array(after.prefix(before.count)) == before else { return false }
        return zip(after.suffix(titles.count), titles).allSatisfy { $0["title"]?.stringValue == $1 }
    }

    /// Copies a workspace's files (snapshot, journal, lock, head file) to another name in the same folder.
    static func copyWorkspace(_ from: String, to: String, in folder: URL) throws {
        let fm = FileManager.default
        for suffix in ["", ".journal", ".lock", ".head"] {
            let target = folder.appendingPathComponent(to + suffix)
            try? fm.removeItem(at: target)
            let source = folder.appendingPathComponent(from + suffix)
            if fm.fileExists(atPath: source.path) { try fm.copyItem(at: source, to: target) }
        }
    }

    /// Starts tcg and kills it with SIGKILL after `delay` seconds (unless it ended first);
    /// returns whether it ended on its own, its status and its pid.
    static func runKilled(_ arguments: [String], stdin: [UInt8] = [], in folder: URL, after delay: Double) throws -> (finished: Bool, status: Int32, pid: pid_t) {
        let child = try Reliability.start(arguments, stdin: stdin, in: folder)
        usleep(useconds_t(max(0.001, delay) * 1_000_000))
        let finished = !child.isRunning
        child.kill()
        let ended = child.wait(timeout: 30)
        return (finished, ended.status, child.pid)
    }

    /// Starts tcg, waits (at most `timeout` seconds) until `ready(pid)` holds (polled every
    /// 0.2 ms), then after `delay` more seconds kills it with SIGKILL (unless it ended
    /// first); returns whether it ended on its own, its status and its pid.
    static func runKilled(_ arguments: [String], stdin: [UInt8] = [], in folder: URL, when ready: (pid_t) -> Bool,
                          after delay: Double, timeout: Double) throws -> (finished: Bool, status: Int32, pid: pid_t) {
        let child = try Reliability.start(arguments, stdin: stdin, in: folder)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning, !ready(child.pid), Date() < deadline { usleep(200) }
        if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
        let finished = !child.isRunning
        child.kill()
        let ended = child.wait(timeout: 30)
        return (finished, ended.status, child.pid)
    }

    /// Where a kill landed: before the write it aims at, inside it, or after it.
    enum Landing { case early, inside, late }

    /// Kills after each of `delays`, then (while fewer than `required` kills landed inside
    /// the write and `seconds` have not passed) after more delays, each between the longest
    /// that landed early and the shortest that landed late, so that on a slow or loaded
    /// machine the kills follow where the write happens. `kill` runs one kill and says where
    /// it landed (nil: neither, e.g. the workspace did not open, which it reports itself).
    /// Returns how many kills landed inside, and how many there were.
    static func killUntilInside(delays: [Double], required: Int, seconds: Double,
                                _ kill: (Double) throws -> Landing?) rethrows -> (inside: Int, kills: Int) {
        var early = 0.0, late = (delays.max() ?? 1) * 1.5
        var inside = 0, kills = 0
        func note(_ delay: Double, _ landing: Landing?) {
            kills += 1
            switch landing {
            case .early?: early = max(early, delay)
            case .late?: late = min(late, delay)
            case .inside?: inside += 1
            case nil: break
            }
            if early >= late {
                // The machine's speed changed: widen the window around the crossing again.
                (early, late) = (late * 0.5, early * 1.5)
            }
        }
        for delay in delays { note(delay, try kill(delay)) }
        let deadline = Date().addingTimeInterval(seconds)
        var random = SystemRandomNumberGenerator()
        while inside < required, Date() < deadline {
            let delay = early + (late - early) * Double.random(in: 0.15...0.85, using: &random)
            note(delay, try kill(delay))
        }
        return (inside, kills)
    }

    // MARK: Killed during saves

    /// Kills `change` (run on a fresh copy of `w.json`) at each delay and checks that the
    /// workspace then opens holding the state before (`old`, a state output) or after (`new`).
    ///
    /// A kill landed mid-write when the killed process's temporary snapshot `.k.json.tmp-PID`
    /// is left behind (created before the snapshot's first byte, renamed over the workspace
    /// after its last). When fewer than `midWrites` of the kills at `delays` did (the time a
    /// save starts varies on a loaded machine), more are aimed at the save: each waits for the
    /// temporary snapshot to appear and kills a moment later, until `midWrites` landed
    /// mid-write or `seconds` (from the first aimed kill) passed. The test fails if fewer
    /// did: a test whose kills all miss the write proves nothing.
    /// Returns how many ended old and new, how many kills landed mid-write, and how many there were.
    func killRepeatedly(_ change: [UInt8], delays: [Double], midWrites: Int, seconds: Double = 150,
                        in folder: URL, old: [UInt8], new: [UInt8],
                        _ what: String, file: StaticString = #filePath, line: UInt = #line) throws -> (old: Int, new: Int, midWrite: Int, kills: Int) {
        var seen = (old: 0, new: 0)
        var landed = (inside: 0, kills: 0)
        var aim = 0.1
        var deadline: Date?
        var random = SystemRandomNumberGenerator()
        while landed.inside < midWrites || landed.kills < delays.count {
            let aimed = landed.kills >= delays.count
            if aimed {
                // `seconds` from the first aimed kill.
                if deadline == nil { deadline = Date().addingTimeInterval(seconds) }
                if let deadline, Date() > deadline { break }
            }
            let delay = aimed ? Double.random(in: 0...aim, using: &random) : delays[landed.kills]
            let context = aimed ? "\(what), killed \(Int(delay * 1000)) ms into its save" : "\(what), killed after \(Int(delay * 1000)) ms"
            try Self.copyWorkspace("w.json", to: "k.json", in: folder)
            let arguments = ["--workspace", "k.json"]
            let ended = aimed
                ? try Self.runKilled(arguments, stdin: change, in: folder, when: { pid in
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent(".k.json.tmp-\(pid)").path)
                }, after: delay, timeout: 300)
                : try Self.runKilled(arguments, stdin: change, in: folder, after: delay)
            landed.kills += 1
            let temporary = folder.appendingPathComponent(".k.json.tmp-\(ended.pid)")
            let midWrite = !ended.finished && FileManager.default.fileExists(atPath: temporary.path)
            try? FileManager.default.removeItem(at: temporary)
            if ended.finished { XCTAssertEqual(ended.status, 0, "\(context): it ended by itself", file: file, line: line) }
            guard let now = try stateOutput("k.json", in: folder, context, file: file, line: line) else { continue }
            if now == old {
                seen.old += 1
                if midWrite { landed.inside += 1 }
            } else if now == new {
                seen.new += 1
                XCTAssertFalse(midWrite, "\(context): the new state, but the temporary snapshot was left behind", file: file, line: line)
                // An aimed kill that came after the save: aim sooner.
                if aimed { aim /= 2 }
            } else {
                let count = String(decoding: now.prefix { $0 != 0x0A }, as: UTF8.self)
                XCTFail("\(context): the workspace holds neither the old state nor the new (\(count) actions)", file: file, line: line)
            }
        }
        XCTAssertGreaterThanOrEqual(landed.inside, midWrites,
                                    "\(what): only \(landed.inside) of \(landed.kills) kills landed while the snapshot was being written"
                                        + " (\(seen.old) old, \(seen.new) new), expected at least \(midWrites)", file: file, line: line)
        return (seen.old, seen.new, landed.inside, landed.kills)
    }

    /// Delays from 1 ms to 115% of `full` seconds: two while the statements run (a dry run of
    /// the same change takes `dry`), the rest spread over the save that follows.
    func delays(_ count: Int, dry: Double, full: Double) -> [Double] {
        let saveStart: Double = min(dry, full) * 0.95
        let late = count - 2
        let step: Double = (full * 1.15 - saveStart) / Double(max(1, late - 1))
        var out: [Double] = [0.001, saveStart / 2]
        for k in 0..<late { out.append(saveStart + step * Double(k)) }
        return out
    }

    /// Runs `change` on a fresh copy for real (and first dry, when `dry`); returns both
    /// durations and the state after.
    func timeChange(_ change: [UInt8], dry: Bool = true, in folder: URL) throws -> (dry: Double, full: Double, after: [UInt8]?) {
        try Self.copyWorkspace("w.json", to: "k.json", in: folder)
        var drySeconds = 0.0
        if dry {
            let run = try Reliability.run(["--workspace", "k.json", "--dry-run"], stdin: change, in: folder, timeout: 120)
            XCTAssertEqual(run.status, 0, run.stderr)
            drySeconds = run.seconds
        }
        let full = try Reliability.run(["--workspace", "k.json"], stdin: change, in: folder, timeout: 120)
        XCTAssertEqual(full.status, 0, full.stderr)
        XCTAssertEqual(Reliability.bytes(folder.appendingPathComponent("k.json.journal")) ?? [], [],
                       "the change was written as a journal line, not as a snapshot")
        return (drySeconds, full.seconds, try stateOutput("k.json", in: folder, "after the change"))
    }

    /// Changes that write a whole snapshot of a 20,000-action register, killed with SIGKILL at
    /// 9 moments from 1 ms to past their end (most of them while the snapshot is written):
    /// the workspace always opens, holding the old state or the new one.
    ///
    /// Two changes: one action whose 2+ MB title makes its journal line longer than an eighth
    /// of the snapshot, and 4,500 actions, more records than a journal line takes.
    func testKilledDuringLargeSnapshotSaveLeavesOldOrNew() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.build(actions: Self.largeActions, in: folder)
        guard let old = try stateOutput("w.json", in: folder, "the large workspace"),
              let base = actions(old, "the large workspace") else { return }
        XCTAssertEqual(base.count, Self.largeActions)
        let snapshotSize = Reliability.bytes(folder.appendingPathComponent("w.json"))?.count ?? 0

        let (oneHuge, title) = Self.snapshotChange(plan: plan, in: folder, tag: "H")
        let huge = try timeChange(oneHuge, in: folder)
        guard let hugeAfter = huge.after, let after = actions(hugeAfter, "after the huge action") else { return }
        XCTAssertTrue(isNew(after, base, titles: [title]), "the change did not add its action")
        let seenHuge = try killRepeatedly(oneHuge, delays: delays(8, dry: huge.dry, full: huge.full), midWrites: 3, in: folder,
                                          old: old, new: hugeAfter, "one action with a \(title.utf8.count)-byte title")

        let titles = (1...Self.addedByLargeChange).map { "K-\($0)" }
        let list = "[" + (1...Self.addedByLargeChange).map(String.init).joined(separator: ",") + "]"
        let many = Array("for $i in \(list) { let a = add action prevention \"K-$i\" to \(plan) owner \"Officer 0-0\" due 2027-07-01 }\n".utf8)
        let mass = try timeChange(many, dry: false, in: folder)
        guard let massAfter = mass.after, let afterMass = actions(massAfter, "after the mass change") else { return }
        XCTAssertTrue(isNew(afterMass, base, titles: titles), "the change did not add its actions")
        // Near the end, in the save (the statements before it take 90% of the time), until a
        // kill lands while the snapshot is written.
        let seenMass = try killRepeatedly(many, delays: [mass.full * 0.96], midWrites: 1, in: folder,
                                          old: old, new: massAfter, "\(Self.addedByLargeChange) actions")
        print("snapshot saves of \(snapshotSize) bytes: one huge action (dry \(Int(huge.dry * 1000)) ms, full \(Int(huge.full * 1000)) ms):"
              + " \(seenHuge.kills) kills, \(seenHuge.midWrite) mid-write, \(seenHuge.old) old, \(seenHuge.new) new;"
              + " \(Self.addedByLargeChange) actions (\(Int(mass.full * 1000)) ms): \(seenMass.kills) kills, \(seenMass.midWrite) mid-write,"
              + " \(seenMass.old) old, \(seenMass.new) new")
    }

    /// Small changes that each append a line to the journal, killed at 20 moments from 1 ms to
    /// past their end, one after another on the same workspace (so that the journal holds
    /// lines, and maybe a torn one): each time it holds the state before or after that change.
    func testKilledDuringJournalAppendsLeavesOldOrNew() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.build(actions: 2_000, in: folder)
        guard var current = try state("w.json", in: folder, "the workspace") else { return }
        func change(_ n: Int) -> [String] {
            ["--workspace", "w.json", "-c", "add action reassurance \"S-\(n)\" to \(plan) owner \"Officer 0-1\" due 2027-07-01"]
        }
        let first = try Reliability.run(change(0), in: folder)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertGreaterThan(Reliability.bytes(folder.appendingPathComponent("w.json.journal"))?.count ?? 0, 0,
                             "a small change did not append to the journal")
        guard let afterFirst = try state("w.json", in: folder, "after one small change") else { return }
        XCTAssertTrue(isNew(afterFirst, current, titles: ["S-0"]))
        current = afterFirst

        // A kill landed inside the commit when the lock file still names the killed process:
        // it holds `pid PID …` from taking the writer lock (before the workspace is read under
        // it and the journal line appended and synced) until the lock is released, which
        // empties it. If the journal also grew, the line was written and the kill came before
        // the release. Kills go on past the 20 until 3 landed inside or 150 s passed.
        let points = 20
        let required = 3
        var seen = (old: 0, new: 0, lineWritten: 0)
        var k = 0
        let lockFile = folder.appendingPathComponent("w.json.lock")
        let journalFile = folder.appendingPathComponent("w.json.journal")
        /// Runs change `k`, killed after `delay` seconds, or (`aimed`) as soon as the journal
        /// grows; checks the state and says where the kill landed, and whether the line had
        /// been written while tcg still ran.
        func killOnce(_ delay: Double, aimed: Bool, atLock: Bool = false) throws -> (landing: Landing?, afterLine: Bool) {
            k += 1
            let journalBefore = Reliability.bytes(journalFile)?.count ?? 0
            let ended = atLock
                ? try Self.runKilled(change(k), in: folder, when: { pid in
                    String(decoding: Reliability.bytes(lockFile) ?? [], as: UTF8.self).hasPrefix("pid \(pid) ")
                }, after: delay, timeout: 60)
                : aimed
                ? try Self.runKilled(change(k), in: folder, when: { _ in (Reliability.bytes(journalFile)?.count ?? 0) > journalBefore },
                                     after: 0, timeout: 60)
                : try Self.runKilled(change(k), in: folder, after: delay)
            let holder = String(decoding: Reliability.bytes(lockFile) ?? [], as: UTF8.self)
            let inCommit = !ended.finished && holder.hasPrefix("pid \(ended.pid) ")
            let journalGrew = (Reliability.bytes(journalFile)?.count ?? 0) > journalBefore
            let context = aimed ? "small change \(k) killed once its journal line was written"
                : "small change \(k) killed after \(Int(delay * 1000)) ms of \(Int(first.seconds * 1000)) ms"
            if ended.finished { XCTAssertEqual(ended.status, 0, context) }
            guard let now = try state("w.json", in: folder, context) else { return (nil, false) }
            defer { current = now }
            if now == current {
                seen.old += 1
                XCTAssertFalse(journalGrew && !inCommit, "\(context): the journal grew but the change is not there")
                return (inCommit ? .inside : .early, false)
            } else if isNew(now, current, titles: ["S-\(k)"]) {
                seen.new += 1
                if inCommit && journalGrew { seen.lineWritten += 1 }
                return (inCommit ? .inside : .late, journalGrew && !ended.finished)
            } else {
                XCTFail("\(context): the workspace holds neither the old state nor the new (\(now.count) actions)")
                return (nil, false)
            }
        }
        let delays = (1...points).map { 0.001 + first.seconds * 1.2 * Double($0 - 1) / Double(points - 1) }
        var landed = try Self.killUntilInside(delays: delays, required: required, seconds: 90) { try killOnce($0, aimed: false).landing }
        // A statement that changes the register first runs without the lock, so the locked
        // part is a small share of a run and kills by time can miss it on a loaded machine:
        // the rest are aimed at it (each once the lock names the process, after 0–2 ms more).
        if landed.inside < required {
            let aimed = try Self.killUntilInside(delays: [], required: required - landed.inside, seconds: 60) { _ -> Landing? in
                try killOnce(Double.random(in: 0...0.002), aimed: false, atLock: true).landing
            }
            landed = (landed.inside + aimed.inside, landed.kills + aimed.kills)
        }
        XCTAssertGreaterThanOrEqual(landed.inside, required,
                                    "only \(landed.inside) of \(landed.kills) kills landed inside a commit (holding the writer lock),"
                                        + " expected at least \(required): the kills missed the writes")
        // The kills by time may all land before the journal line is written (reading the
        // workspace under the lock takes most of a commit). So that the append itself is
        // killed across, more kills are aimed at it: each waits until the journal grows (the
        // line is written; tcg is then syncing it, releasing the lock or leaving) and kills
        // at once, until one landed while tcg still ran, or 60 s passed.
        let atAppend = try Self.killUntilInside(delays: [], required: 1, seconds: 60) { _ -> Landing? in
            let (landing, afterLine) = try killOnce(0, aimed: true)
            return landing == nil ? nil : afterLine ? .inside : .late
        }
        XCTAssertGreaterThanOrEqual(atAppend.inside, 1,
                                    "none of \(atAppend.kills) kills aimed at the journal append landed after the line was written and before tcg ended")
        // After all that, a change still commits and a reader sees it.
        let last = try Reliability.run(change(k + 1), in: folder)
        XCTAssertEqual(last.status, 0, last.stderr)
        if let now = try state("w.json", in: folder, "after the last change") {
            XCTAssertTrue(isNew(now, current, titles: ["S-\(k + 1)"]))
        }
        print("journal appends (\(Int(first.seconds * 1000)) ms): \(landed.kills) kills by time, \(landed.inside) inside a commit;"
              + " \(atAppend.kills) aimed at the append, \(atAppend.inside) after the line was written;"
              + " \(seen.lineWritten) after the line was written and before the lock was released; \(seen.old) old, \(seen.new) new")
    }

    // MARK: Full disk and read-only folders

    /// Every byte of a workspace's files, as sizes and digests, to compare before and after a
    /// failure. An empty journal counts as none: a failed first append may leave one behind.
    struct Files: Equatable, CustomStringConvertible {
        var snapshot: (size: Int, digest: UInt64)?
        var journal: (size: Int, digest: UInt64)?

        init(_ workspace: String, in folder: URL) {
            func read(_ name: String) -> (Int, UInt64)? {
                guard let bytes = Reliability.bytes(folder.appendingPathComponent(name)), !bytes.isEmpty else { return nil }
                return (bytes.count, Reliability.digest(bytes))
            }
            snapshot = read(workspace)
            journal = read(workspace + ".journal")
        }

        static func == (a: Files, b: Files) -> Bool {
            a.snapshot?.size == b.snapshot?.size && a.snapshot?.digest == b.snapshot?.digest
                && a.journal?.size == b.journal?.size && a.journal?.digest == b.journal?.digest
        }

        var description: String {
            func show(_ f: (size: Int, digest: UInt64)?) -> String { f.map { "\($0.size) bytes, digest \(String($0.digest, radix: 16))" } ?? "none" }
            return "snapshot \(show(snapshot)); journal \(show(journal))"
        }
    }

    /// Runs a change expected to fail to save, and checks it failed clearly and left the
    /// workspace as it was.
    func expectRefusedSave(_ arguments: [String], executable: URL? = nil, stdin: [UInt8] = [],
                           workspace: String, in folder: URL, _ context: String,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let files = Files(workspace, in: folder)
        let before = try state(workspace, in: folder, "\(context), before", file: file, line: line)
        let run = try Reliability.run(arguments, executable: executable, stdin: stdin, in: folder, timeout: 120)
        XCTAssertTrue(run.endedNormally, "\(context): ended by signal \(run.status): \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.status == 3 || run.status == 1, "\(context): exit \(run.status), expected 3 (or 1): \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(workspace) && run.stderr.contains("error"),
                      "\(context): the error does not name the workspace: \(run.stderr)", file: file, line: line)
        XCTAssertEqual(Files(workspace, in: folder), files, "\(context): the workspace's files changed", file: file, line: line)
        let after = try state(workspace, in: folder, "\(context), after", file: file, line: line)
        XCTAssertEqual(after, before, "\(context): the workspace's state changed", file: file, line: line)
    }

    /// A save that cannot write all its bytes (RLIMIT_FSIZE: `write` fails with EFBIG, as with
    /// a full disk) fails clearly and leaves the previous snapshot and journal intact; without
    /// the limit the same change then saves.
    func testWriteFailureLeavesWorkspaceIntact() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.build(actions: 300, in: folder)
        // Grow the journal past the limit first, so that appending to it fails too.
        for batch in 1...2 {
            let people = (1...30).map { "add person \"Journal Filler \(batch)-\($0)\" role analyst agency \"Somewhere far away\"" }
            let run = try Reliability.run(["--workspace", "w.json", "-c", people.joined(separator: "; ")], in: folder)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let journal = Reliability.bytes(folder.appendingPathComponent("w.json.journal"))?.count ?? 0
        XCTAssertGreaterThan(journal, 16 << 10, "the journal did not grow")
        let sh = try XCTUnwrap(ChildProcess.tool("sh"))
        // 16 blocks: 8 KiB (dash counts 512-byte blocks) or 16 KiB (bash, 1024): below both files.
        func limited(_ arguments: [String]) -> [String] {
            ["-c", "trap '' XFSZ; ulimit -f 16 || exit 97; exec \"$0\" \"$@\"", TcgProcess.binary.path] + arguments
        }
        let big = "for $i in [" + (1...200).map(String.init).joined(separator: ",")
            + "] { let a = add action prevention \"F-$i\" to \(plan) owner \"Officer 0-0\" due 2027-07-01 }\nadd unit Bigger kind force\n"
        let bigScript = folder.appendingPathComponent("big.tcg")
        FileManager.default.createFile(atPath: bigScript.path, contents: Data(big.utf8))
        // A change written as a journal line, and one written as a whole snapshot.
        try expectRefusedSave(limited(["--workspace", "w.json", "-c", "add unit Small kind force"]), executable: sh,
                              workspace: "w.json", in: folder, "a journal append past RLIMIT_FSIZE")
        try expectRefusedSave(limited(["--workspace", "w.json"]), executable: sh,
                              stdin: Self.snapshotChange(plan: plan, in: folder, tag: "G").script,
                              workspace: "w.json", in: folder, "a snapshot save past RLIMIT_FSIZE")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") }
        XCTAssertEqual(leftovers, [], "a failed save left temporary files")
        // Without the limit the same changes save.
        let small = try Reliability.run(["--workspace", "w.json", "-c", "add unit Small kind force"], in: folder)
        XCTAssertEqual(small.status, 0, small.stderr)
        let saved = try Reliability.run(["--workspace", "w.json", "run", "big.tcg"], in: folder, timeout: 120)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let units = try Reliability.run(["--workspace", "w.json", "-c", "count units"], in: folder)
        XCTAssertEqual(units.output, "13\n", units.stderr)
    }

    /// A folder that cannot be written: a change fails clearly and leaves the workspace as it
    /// was, and queries still work. As root (who may write anywhere) tcg runs as `nobody`
    /// through setpriv; failing that, on a read-only tmpfs.
    func testReadOnlyFolderRefusesChangesAndKeepsWorkspace() throws {
        let parent = try TcgProcess.temporaryFolder()
        defer {
            _ = chmod(parent.path, 0o755)
            try? FileManager.default.removeItem(at: parent)
        }
        let folder = parent.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = try Self.build(actions: 100, in: folder)
        XCTAssertFalse(plan.isEmpty)
        let small = ["--workspace", "w.json", "-c", "add unit Small kind force"]
        let large = ["--workspace", "w.json", "run", "../big.tcg"]
        FileManager.default.createFile(atPath: parent.appendingPathComponent("big.tcg").path,
                                       contents: Data(Self.snapshotChange(plan: plan, in: folder, tag: "R").script))
        _ = chmod(parent.path, 0o755)

        var tried: [String] = []
        if geteuid() != 0 {
            XCTAssertEqual(chmod(folder.path, 0o555), 0)
            defer { _ = chmod(folder.path, 0o755) }
            try expectRefusedSave(small, workspace: "w.json", in: folder, "a journal line in a read-only folder")
            try expectRefusedSave(large, workspace: "w.json", in: folder, "a snapshot in a read-only folder")
            tried.append("chmod 0555")
        } else if let setpriv = ChildProcess.tool("setpriv"),
                  Reliability.system("chown", ["-R", "65534:65534", folder.path]) {
            XCTAssertEqual(chmod(folder.path, 0o555), 0)
            defer { _ = chmod(folder.path, 0o755) }
            let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", TcgProcess.binary.path]
            let probe = try Reliability.run(asNobody + ["--workspace", "w.json", "-c", "count units"], executable: setpriv, in: folder)
            XCTAssertEqual(probe.status, 0, "tcg as nobody cannot read the workspace: \(probe.stderr)")
            try expectRefusedSave(asNobody + small, executable: setpriv, workspace: "w.json", in: folder,
                                  "a journal line in a read-only folder (as nobody)")
            try expectRefusedSave(asNobody + large, executable: setpriv, workspace: "w.json", in: folder,
                                  "a snapshot in a read-only folder (as nobody)")
            tried.append("chmod 0555 as nobody")
        }
        if geteuid() == 0, let mounted = ReliabilityMount(size: "4M") {
            defer { mounted.unmount() }
            try copyBuilt(from: folder, to: mounted.folder)
            if mounted.remountReadOnly() {
                try expectRefusedSave(small, workspace: "w.json", in: mounted.folder, "a journal line on a read-only tmpfs")
                tried.append("read-only tmpfs")
            }
        }
        XCTAssertFalse(tried.isEmpty, "no way to make a folder read-only here (not root, no setpriv, no mount)")
        print("read-only folder: \(tried.joined(separator: ", "))")
    }

    /// Copies w.json and its journal from one folder to another.
    func copyBuilt(from: URL, to: URL) throws {
        for suffix in ["", ".journal"] {
            let source = from.appendingPathComponent("w.json" + suffix)
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: to.appendingPathComponent("w.json" + suffix))
            }
        }
    }

    /// A full disk (a 1 MiB tmpfs, filled up): a change fails clearly and leaves the workspace
    /// as it was; once space is freed the change saves. Runs only where tmpfs can be mounted
    /// (root with CAP_SYS_ADMIN); elsewhere the RLIMIT_FSIZE test covers failed writes.
    func testFullDiskLeavesWorkspaceIntact() throws {
        guard geteuid() == 0, let mounted = ReliabilityMount(size: "1M") else {
            print("full disk on tmpfs: not run (cannot mount tmpfs here)")
            return
        }
        defer { mounted.unmount() }
        let folder = mounted.folder
        let plan = try Self.build(actions: 200, in: folder)
        // Fill what is left.
        let filler = folder.appendingPathComponent("filler")
        let fd = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
        let big = "for $i in [" + (1...300).map(String.init).joined(separator: ",")
            + "] { let a = add action prevention \"D-$i\" to \(plan) owner \"Officer 0-0\" due 2027-07-01 }\n"
        let many = Self.snapshotChange(plan: plan, in: folder, tag: "E").script
        try expectRefusedSave(["--workspace", "w.json"], stdin: many, workspace: "w.json", in: folder,
                              "a snapshot on a full disk")
        try expectRefusedSave(["--workspace", "w.json"], stdin: Array(big.utf8), workspace: "w.json", in: folder,
                              "a journal line on a full disk")
        try FileManager.default.removeItem(at: filler)
        let saved = try Reliability.run(["--workspace", "w.json"], stdin: Array(big.utf8), in: folder, timeout: 120)
        XCTAssertEqual(saved.status, 0, "after freeing space: \(saved.stderr)")
    }
}
