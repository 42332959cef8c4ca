import Foundation
import XCTest
@testable import TCGLineEditor
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real libedit in-process through a pseudo-terminal.
final class LibeditLineEditorTests: XCTestCase {
    private var pty: PseudoTerminal!
    private var folder: String!

    override func setUpWithError() throws {
        pty = try PseudoTerminal()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tcg-edit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        pty.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func makeEditor(history: String? = nil, editrc: String = "/dev/null") throws -> LibeditLineEditor {
        try XCTUnwrap(LibeditLineEditor(historyPath: history, historySize: 100, terminal: pty.slave,
                                        terminalType: "vt100", editrc: editrc))
    }

    /// `readLine` with a watchdog: if nothing ends the line within 10 s, Enter is typed so the
    /// test fails on its assertion instead of hanging.
    private func read(_ editor: LibeditLineEditor, prompt: String) -> LineResult {
        let watchdog = Watchdog(master: pty.master)
        watchdog.start()
        let result = editor.readLine(prompt: prompt)
        watchdog.finish()
        return result
    }

    func testTabWithOneCandidateCompletesTheWord() throws {
        let editor = try makeEditor()
        editor.completer = { before in
            before == "add pr" ? Completion(candidates: ["priority"], replacing: 2) : Completion(candidates: [], replacing: 0)
        }
        pty.type("add pr\t\n", after: "c1> ")
        XCTAssertEqual(read(editor, prompt: "c1> "), .line("add priority "))
    }

    func testTabReplacesAQuotedNameCountingCharacters() throws {
        let editor = try makeEditor()
        editor.completer = { before in
            before.hasSuffix("\"Zoe\u{301}")
                ? Completion(candidates: ["\"Zoé O'Brien-Müller\""], replacing: 4)
                : Completion(candidates: [], replacing: 0)
        }
        pty.type("assign \"Zoe\u{301}\t\r", after: "q1> ")
        XCTAssertEqual(read(editor, prompt: "q1> "), .line("assign \"Zoé O'Brien-Müller\" "))
    }

    func testTabInsertsTheCommonPrefixThenListsTheCandidates() throws {
        let editor = try makeEditor()
        var seen: [String] = []
        editor.completer = { before in
            seen.append(before)
            return Completion(candidates: ["priority", "person"].filter { $0.hasPrefix("p") }, replacing: 1)
        }
        pty.type("add p\t\r", after: "l1> ")
        XCTAssertEqual(read(editor, prompt: "l1> "), .line("add p"))
        XCTAssertEqual(seen, ["add p"])
        XCTAssertTrue(pty.eventuallyShows("priority  person"), pty.output.debugDescription)

        editor.completer = { _ in Completion(candidates: ["priority", "private"], replacing: 2) }
        pty.type("add pr\t\r", after: "l2> ")
        XCTAssertEqual(read(editor, prompt: "l2> "), .line("add pri"))
    }

    func testTabWithoutCandidatesLeavesTheLine() throws {
        let editor = try makeEditor()
        editor.completer = { _ in Completion(candidates: [], replacing: 0) }
        pty.type("xyz\t\r", after: "b1> ")
        XCTAssertEqual(read(editor, prompt: "b1> "), .line("xyz"))
    }

    func testTabAndCtrlRStillWorkAfterEditrcSwitchesToVi() throws {
        let editrc = folder + "/editrc"
        try "tcg:bind -v\n".write(toFile: editrc, atomically: true, encoding: .utf8)
        let editor = try makeEditor(editrc: editrc)
        editor.completer = { _ in Completion(candidates: ["priority"], replacing: 2) }
        // In vi insert mode, then Escape, "0" and "x" delete the first character: proof vi is on.
        pty.type("add pr\t\u{1b}0x\r", after: "v1> ")
        XCTAssertEqual(read(editor, prompt: "v1> "), .line("dd priority "))
        // Ctrl-R searches history in vi mode too (libedit's vi map does not bind it).
        editor.addHistory("add priority high")
        editor.addHistory("show tasks")
        pty.type("\u{12}prio\r", after: "v2> ")
        XCTAssertEqual(read(editor, prompt: "v2> "), .line("add priority high"))
    }

    func testUTF8InputIsIntact() throws {
        let editor = try makeEditor()
        pty.type("Zoë O'Brien-Müller\r", after: "u1> ")
        XCTAssertEqual(read(editor, prompt: "u1> "), .line("Zoë O'Brien-Müller"))
    }

    func testCtrlDOnAnEmptyLineIsEndOfFileButNotOnAFullOne() throws {
        let editor = try makeEditor()
        pty.type("ab\u{02}\u{04}\r", after: "d1> ")  // ^B back one, ^D deletes the "b"
        XCTAssertEqual(read(editor, prompt: "d1> "), .line("a"))
        pty.type("\u{04}", after: "d2> ")
        XCTAssertEqual(read(editor, prompt: "d2> "), .endOfFile)
    }

    func testCtrlCDropsTheLineAndTheNextReadStartsEmpty() throws {
        let previous = signal(SIGINT) { _ in }  // stray signals after the read must not kill the test
        defer { signal(SIGINT, previous) }
        let editor = try makeEditor()
        let reader = pthread_self()
        pty.type("half typed", after: "i1> ")
        pty.whenReading(after: "i1> ") {
            usleep(200_000)
            pthread_kill(reader, SIGINT)
        }
        XCTAssertEqual(read(editor, prompt: "i1> "), .interrupted)
        XCTAssertTrue(pty.eventuallyShows("half typed^C"), pty.output.debugDescription)
        pty.type("ok\r", after: "i2> ")
        XCTAssertEqual(read(editor, prompt: "i2> "), .line("ok"))
    }

    func testUpArrowAndCtrlRRecallHistory() throws {
        let editor = try makeEditor()
        editor.addHistory("add priority high")
        editor.addHistory("show tasks")
        pty.type("\u{1b}[A\u{1b}[A\r", after: "h1> ")
        XCTAssertEqual(read(editor, prompt: "h1> "), .line("add priority high"))
        pty.type("\u{12}prio\r", after: "h2> ")
        XCTAssertEqual(read(editor, prompt: "h2> "), .line("add priority high"))
    }

    func testHistoryRoundTripKeepsMultiLineEntriesAndMode0600() throws {
        let path = folder + "/history"
        let multiLine = "for $a in [1] {\n echo $a\n}"
        do {
            let editor = try makeEditor(history: path)
            editor.addHistory("a")
            editor.addHistory("a")
            editor.addHistory("   ")
            editor.addHistory(multiLine)
            XCTAssertNil(editor.historyWarning)
        }
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o600)
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(saved.split(separator: "\n").count, 3, saved)  // header + 2 entries

        let reloaded = try makeEditor(history: path)
        XCTAssertEqual(reloaded.historyEntries, ["a", multiLine])
        pty.type("\u{1b}[A\r", after: "r1> ")
        XCTAssertEqual(read(reloaded, prompt: "r1> "), .line(multiLine))
    }

    func testHistoryIsSavedAtOnceAndItsModeIsFixed() throws {
        let path = folder + "/history"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("_HiStOrY_V2_\n".utf8),
                                                     attributes: [.posixPermissions: 0o644]))
        let editor = try makeEditor(history: path)
        editor.addHistory("show tasks")
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(saved.contains("show\\040tasks"), saved)
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o600)
    }

    func testAForeignHistoryFileIsNotOverwritten() throws {
        let path = folder + "/history"
        try "not a libedit history\n".write(toFile: path, atomically: true, encoding: .utf8)
        let editor = try makeEditor(history: path)
        XCTAssertNotNil(editor.historyWarning)
        editor.addHistory("show tasks")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "not a libedit history\n")
    }

    func testAHistoryLinkIsNotWrittenThrough() throws {
        let victim = folder + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let path = folder + "/history"
        XCTAssertEqual(symlink(victim, path), 0)
        let editor = try makeEditor(history: path)
        XCTAssertTrue(editor.historyWarning?.contains("symbolic link") == true, editor.historyWarning ?? "no warning")
        editor.addHistory("show tasks")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious\n")
    }

    func testAHistoryFileWritableByOthersIsNotUsed() throws {
        let path = folder + "/history"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("_HiStOrY_V2_\n".utf8),
                                                     attributes: [.posixPermissions: 0o666]))
        XCTAssertEqual(chmod(path, 0o666), 0)
        let editor = try makeEditor(history: path)
        XCTAssertTrue(editor.historyWarning?.contains("writable by other users") == true, editor.historyWarning ?? "no warning")
        editor.addHistory("show tasks")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "_HiStOrY_V2_\n")
    }

    func testControlCharactersAreShownAndQuotedAsLibeditDoes() {
        XCTAssertEqual(LibeditLineEditor.visible("a\u{01}b\tc\nd\u{7f}"), "a^Ab\tc\nd^?")
        XCTAssertEqual(LibeditLineEditor.quoted("a\nb\tc"), "a\u{16}\nb\u{16}\tc")
    }
}

/// Types Enter on the pty if a read is still going after 10 s.
private final class Watchdog: @unchecked Sendable {
    private let master: Int32
    private let lock = NSLock()
    private var done = false

    init(master: Int32) {
        self.master = master
    }

    func start() {
        Thread { [self] in
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if lock.withLock({ done }) { return }
                usleep(10_000)
            }
            lock.withLock {
                guard !done else { return }
                _ = write(master, "\r", 1)
            }
        }.start()
    }

    func finish() {
        lock.withLock { done = true }
    }
}
