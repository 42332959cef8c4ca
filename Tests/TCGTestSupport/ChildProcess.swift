import Foundation

/// A child process for the tests, started with `posix_spawn` (stdin from bytes, stdout and
/// stderr to files) and reaped by polling `waitpid`.
///
/// Foundation's `Process` is not used anywhere in the tests: on Linux its `waitUntilExit` can
/// miss the child's exit and wait forever beside a zombie (seen with `tmux new-session` under
/// CI). Polling `waitpid` cannot miss it, and every wait here has a deadline that kills.
public final class ChildProcess: @unchecked Sendable {
    /// How a child ended and what it printed.
    public struct Run: Sendable {
        public var stdout: [UInt8]
        public var stderr: String
        /// The exit status, or the signal number when `signalled`.
        public var status: Int32
        /// Whether a signal ended it (a crash, or the deadline's kill).
        public var signalled: Bool
        /// Whether the deadline passed and it was killed.
        public var timedOut: Bool
        /// Wall-clock seconds from start to end.
        public var seconds: Double

        /// Standard output as text.
        public var output: String { String(decoding: stdout, as: UTF8.self) }

        /// Ended on its own with a status below 128.
        public var endedNormally: Bool { !signalled && status < 128 }
    }

    /// The child's process id.
    public let pid: pid_t
    /// Holds the child's stdin, stdout and stderr files; removed when the child is released.
    public let scratch: URL
    /// Whether the child leads its own process group (and `kill` reaches the whole group).
    private let ownGroup: Bool
    private let started = Date()
    private let lock = NSLock()
    /// The raw wait status, once reaped.
    private var waitStatus: Int32?

    /// Starts `executable` (a full path) with `arguments`, in `folder` if given. With
    /// `ownGroup`, the child leads a new process group, so that `kill` also reaches whatever it
    /// started (browsers start helpers).
    public init(_ executable: String, _ arguments: [String], stdin: [UInt8] = [], in folder: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, ownGroup: Bool = false) throws {
        scratch = try Self.temporaryFolder()
        self.ownGroup = ownGroup
        let inPath = scratch.appendingPathComponent("in").path
        FileManager.default.createFile(atPath: inPath, contents: Data(stdin))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch.appendingPathComponent("out").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let folder {
            guard let addChdir = Self.addChdir, addChdir(&actions, folder.path) == 0 else {
                try? FileManager.default.removeItem(at: scratch)
                throw POSIXError(.ENOSYS)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard code == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EINVAL)
        }
        pid = child
    }

    /// Runs `executable` to the end, killing it after `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [], in folder: URL? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           ownGroup: Bool = false, timeout: Double) throws -> Run {
        let child = try ChildProcess(executable, arguments, stdin: stdin, in: folder, environment: environment, ownGroup: ownGroup)
        return child.wait(timeout: timeout)
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc
    /// module does not declare.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    deinit {
        if waitStatus == nil {
            signalChild(SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        if ownGroup { _ = Glibc.kill(-pid, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Whether it has not ended yet (reaping it if it has).
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reap(blocking: false) == nil
    }

    /// Sends SIGKILL (to its whole group, if it leads one) unless it has been reaped already,
    /// so never to a recycled pid.
    public func kill() {
        lock.lock()
        defer { lock.unlock() }
        if waitStatus == nil { signalChild(SIGKILL) }
    }

    /// Waits for it to end, killing it once `timeout` seconds have passed. Polls `waitpid`,
    /// sleeping from 0.2 ms up to 5 ms between looks, so a quick child costs little wall time.
    @discardableResult
    public func wait(timeout: Double) -> Run {
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        var pause: useconds_t = 200
        lock.lock()
        while reap(blocking: false) == nil {
            if !timedOut, Date() >= deadline {
                timedOut = true
                signalChild(SIGKILL)
            }
            lock.unlock()
            usleep(pause)
            pause = min(pause * 2, 5000)
            lock.lock()
        }
        let status = waitStatus ?? 0
        lock.unlock()
        if ownGroup { _ = Glibc.kill(-pid, SIGKILL) }
        let signal = status & 0x7F
        return Run(stdout: stdout, stderr: stderr,
                   status: signal == 0 ? (status >> 8) & 0xFF : signal, signalled: signal != 0,
                   timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }

    /// The wait status once reaped (reaping it now if it has ended); nil while it runs. The
    /// caller holds `lock`.
    private func reap(blocking: Bool) -> Int32? {
        if let waitStatus { return waitStatus }
        var status: Int32 = 0
        var got: pid_t
        repeat { got = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while got < 0 && errno == EINTR
        if got == pid {
            waitStatus = status
            return status
        }
        if got < 0 {
            // ECHILD: someone else reaped it; there is no status to report.
            waitStatus = 0
            return 0
        }
        return nil
    }

    /// Sends `signal` to the child, or to its group when it leads one.
    private func signalChild(_ signal: Int32) {
        _ = Glibc.kill(ownGroup ? -pid : pid, signal)
    }

    /// What it wrote to stdout.
    public var stdout: [UInt8] { Self.bytes(scratch.appendingPathComponent("out")) ?? [] }

    /// What it wrote to stderr.
    public var stderr: String { String(decoding: Self.bytes(scratch.appendingPathComponent("err")) ?? [], as: UTF8.self) }

    /// A file's bytes, or nil when it does not exist.
    public static func bytes(_ url: URL) -> [UInt8]? {
        (try? Data(contentsOf: url)).map(Array.init)
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tcg-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The first executable of this name on `$PATH` (or in /usr/bin, /usr/sbin, /bin, /sbin).
    public static func tool(_ name: String) -> URL? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/sbin", "/bin", "/sbin"]
        return path.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
