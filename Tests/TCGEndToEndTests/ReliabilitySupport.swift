import Foundation
import TCGTestSupport
import XCTest

/// Runs the built `tcg` for the reliability and crash-safety tests: stdin from bytes, how the
/// process ended (exit or signal), and processes started in the background to be killed.
enum Reliability {
    /// How a run ended and what it printed.
    typealias Run = ChildProcess.Run

    /// `relative` inside `../shared`, beside the package. Skips the test (XCTSkip, saying so)
    /// when there is no `../shared` at all (a plain clone); when `../shared` is there the path
    /// is returned as it is, and a test that finds nothing there fails as before.
    static func shared(_ relative: String) throws -> URL {
        if let reason = SharedFolder.skipReason(relative) { throw XCTSkip(reason) }
        return SharedFolder.url(relative)
    }

    /// The json-test-suite's `test_parsing` folder, beside the package (`../shared/data`);
    /// skips the test in a plain clone (``shared(_:)``).
    static func jsonSuite() throws -> URL { try shared("data/json-test-suite/test_parsing") }

    /// The spec's worked example, `../shared/spec/examples/partnership-cycle.tcg`; skips the
    /// test in a plain clone (``shared(_:)``).
    static func specExample() throws -> URL { try shared("spec/examples/partnership-cycle.tcg") }

    /// The committed fuzz regressions, `Fuzz/regressions`.
    static var fuzzRegressions: URL { TcgProcess.packageRoot.appendingPathComponent("Fuzz/regressions") }

    /// The state folder of every run of this test process (`$XDG_STATE_HOME`).
    static let testState: String = (try? ChildProcess.temporaryFolder().path) ?? "/tmp/tcg-test-state"

    /// The environment of every run: no inherited tcg settings, a fixed user and clock.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["TCG_WORKSPACE", "TCG_TODAY", "TCG_USER", "NO_COLOR", "TCG_HISTORY", "TCG_LOCK_TIMEOUT"] { env[key] = nil }
        env["USER"] = "tester"
        env["SOURCE_DATE_EPOCH"] = "1800000000"
        env["SWIFT_BACKTRACE"] = "enable=no"
        // The users' current meetings are kept where the tests keep them, never in the account's own state.
        env["XDG_STATE_HOME"] = testState
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Starts tcg (or `executable`, a full path) in `folder`; see ``ChildProcess``.
    static func start(_ arguments: [String], executable: URL? = nil, stdin: [UInt8] = [], in folder: URL,
                      environment: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess((executable ?? TcgProcess.binary).path, arguments, stdin: stdin, in: folder,
                         environment: Self.environment(environment))
    }

    /// Runs tcg (or `executable`) to the end, killing it after `timeout` seconds.
    @discardableResult
    static func run(_ arguments: [String], executable: URL? = nil, stdin: [UInt8] = [], in folder: URL,
                    environment: [String: String] = [:], timeout: Double = 60,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let run = try start(arguments, executable: executable, stdin: stdin, in: folder, environment: environment)
            .wait(timeout: timeout)
        if run.timedOut {
            XCTFail("tcg \(arguments.map { $0.prefix(80) }) did not finish within \(timeout) s", file: file, line: line)
        }
        return run
    }

    /// A file's bytes, or nil when it does not exist.
    static func bytes(_ url: URL) -> [UInt8]? { ChildProcess.bytes(url) }

    /// FNV-1a, 64 bits: a digest to compare files by.
    static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A fixed pseudo-random byte sequence (xorshift), the same on every run.
    static func garbage(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            out.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return out
    }

    /// Runs a helper program (mount, chown, …) quietly, for at most 30 seconds; true when it
    /// exited 0.
    @discardableResult
    static func system(_ tool: String, _ arguments: [String]) -> Bool {
        guard let url = ChildProcess.tool(tool),
              let run = try? ChildProcess.run(url.path, arguments, timeout: 30) else { return false }
        return run.status == 0 && !run.signalled
    }
}

/// Failures gathered from several threads, reported on the test's own.
final class ReliabilityFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ failure: String) {
        lock.lock()
        list.append(failure)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}

/// A small tmpfs mounted on a fresh folder, where the system allows it (root with
/// CAP_SYS_ADMIN); nil elsewhere.
final class ReliabilityMount {
    let folder: URL

    init?(size: String) {
        guard let folder = try? TcgProcess.temporaryFolder() else { return nil }
        guard Reliability.system("mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", folder.path]) else {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
        self.folder = folder
    }

    /// Makes the file system read-only; false if that is not allowed.
    func remountReadOnly() -> Bool {
        Reliability.system("mount", ["-o", "remount,ro", folder.path])
    }

    /// Unmounts it and removes the folder.
    func unmount() {
        Reliability.system("umount", [folder.path])
        try? FileManager.default.removeItem(at: folder)
    }
}
