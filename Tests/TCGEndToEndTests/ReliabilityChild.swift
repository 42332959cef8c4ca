import Foundation

/// A child process for the reliability tests, started with `posix_spawn` (stdin from a file,
/// stdout and stderr to files, in a given folder) and reaped with `waitpid`: cheaper than
/// `Process` when hundreds run, and exact about when it is killed.
final class ReliabilityChild: @unchecked Sendable {
    /// The child's process id.
    let pid: pid_t
    /// Holds the child's stdin, stdout and stderr files; removed when the child is released.
    let scratch: URL
    private let lock = NSLock()
    /// The raw wait status, once reaped.
    private var waitStatus: Int32?

    /// Starts `executable` (a full path) with `arguments` in `folder`.
    init(_ executable: String, _ arguments: [String], stdin: [UInt8], in folder: URL, environment: [String: String]) throws {
        scratch = try TcgProcess.temporaryFolder()
        let inPath = scratch.appendingPathComponent("in").path
        FileManager.default.createFile(atPath: inPath, contents: Data(stdin))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch.appendingPathComponent("out").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard let addChdir = Self.addChdir, addChdir(&actions, folder.path) == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw POSIXError(.ENOSYS)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard code == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EINVAL)
        }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc
    /// module does not declare.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    deinit {
        if waitStatus == nil {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Whether it has not ended yet (reaping it if it has).
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        if waitStatus != nil { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            waitStatus = status
            return false
        }
        return true
    }

    /// Sends SIGKILL unless it has been reaped already (so never to a recycled pid).
    func kill() {
        lock.lock()
        defer { lock.unlock() }
        if waitStatus == nil { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Waits for it to end, killing it after `timeout` seconds. Returns the exit status (or the
    /// signal number), whether a signal ended it, and whether the timeout did.
    @discardableResult
    func wait(timeout: Double) -> (status: Int32, signalled: Bool, timedOut: Bool) {
        let timedOut = ReliabilityFlag()
        let timer = DispatchWorkItem { [weak self] in
            guard let self, self.isRunning else { return }
            timedOut.set()
            self.kill()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        // Wait without reaping, so that the timer's kill cannot reach another process.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        timer.cancel()
        lock.lock()
        if waitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            waitStatus = status
        }
        let status = waitStatus ?? 0
        lock.unlock()
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, false, timedOut.isSet) : (signal, true, timedOut.isSet)
    }

    /// What it wrote to stdout.
    var stdout: [UInt8] { Reliability.bytes(scratch.appendingPathComponent("out")) ?? [] }

    /// What it wrote to stderr.
    var stderr: String { String(decoding: Reliability.bytes(scratch.appendingPathComponent("err")) ?? [], as: UTF8.self) }
}

/// A flag set from one thread and read from another.
final class ReliabilityFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
