import Foundation
import TCGTestSupport
import XCTest

/// Drives the real `tcg` REPL in a tmux session, as a person at a terminal would.
final class Tmux {
    let name: String
    let folder: URL

    /// Starts `tcg ARGS` in a new detached tmux session of the given size, in `folder`; `shell`
    /// is shell text written after the command (redirections, `; echo ended; sleep 60`).
    init(_ args: [String], in folder: URL, environment: [String: String] = [:], width: Int = 120, height: Int = 40, shell: String = "") throws {
        name = "tcg-test-\(UUID().uuidString.prefix(8))"
        self.folder = folder
        var env = ["HOME": folder.path, "TERM": "xterm-256color", "USER": "tester", "SOURCE_DATE_EPOCH": "1800000000", "PAGER": "cat"]
        for (k, v) in environment { env[k] = v }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let command = "cd \(Tmux.quote(folder.path)) && env -u NO_COLOR -u TCG_WORKSPACE -u TCG_TODAY -u XDG_STATE_HOME \(exports) "
            + ([TcgProcess.binary.path] + args).map(Tmux.quote).joined(separator: " ") + shell
        try Tmux.run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command (at most 20 seconds); its standard output.
    @discardableResult
    static func run(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let tmux = try XCTUnwrap(ChildProcess.tool("tmux"), "tmux is not installed (scripts/test installs it)")
        let run = try ChildProcess.run(tmux.path, args, timeout: 20)
        if run.timedOut { XCTFail("tmux \(args.prefix(3)) did not finish within 20 s", file: file, line: line) }
        return run.output
    }

    /// Types keys (tmux key names like Enter, Tab, C-c, Up are allowed as separate items).
    func send(_ keys: String...) throws {
        try Tmux.run(["send-keys", "-t", name] + keys)
    }

    /// Types literal text.
    func type(_ text: String) throws {
        try Tmux.run(["send-keys", "-t", name, "-l", text])
    }

    /// Sends bytes exactly as a terminal would (an escape sequence such as `"\u{1b}[1~"`).
    func sendBytes(_ bytes: String) throws {
        try Tmux.run(["send-keys", "-t", name, "-H"] + bytes.utf8.map { String(format: "%02x", $0) })
    }

    /// The screen now.
    func screen() throws -> String { try Tmux.run(["capture-pane", "-t", name, "-p"]) }

    /// Waits until the screen satisfies a test (at most `timeout` seconds); returns the screen.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, _ test: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if test(last) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(last)")
        return last
    }

    /// Waits until the screen contains text.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Whether the session (tcg) is still running.
    var isRunning: Bool { (try? Tmux.run(["has-session", "-t", name]))  != nil && (try? Tmux.run(["list-sessions"]))?.contains(name) == true }

    /// Ends the session.
    func kill() { _ = try? Tmux.run(["kill-session", "-t", name]) }
}

/// A test at a terminal (tmux) on the store under test: its folder, its workspace `ws.json`
/// (FolderTestCase) and the terminal it starts, killed when the test ends.
class TerminalTestCase: FolderTestCase {
    var tmux: Tmux?

    override class var storeWorkspace: String? { "ws.json" }

    override func tearDownWithError() throws {
        tmux?.kill()
        try super.tearDownWithError()
    }
}
