#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long output through `$PAGER` (default `less -FRX`) when it is taller than the screen.
/// Only the REPL uses it, only on a terminal; the language itself can never start a program.
///
/// The pager runs with `LESSSECURE=1` (less then refuses to save files, run commands or open
/// others), and it is not started when keys are already waiting on stdin: they were typed for the
/// next prompt (typeahead) and the pager would read them as its commands, so the output is
/// printed instead.
enum Pager {
    /// Pages `text` if it does not fit; returns false when it was not paged (the caller prints it).
    static func page(_ text: String, rows: Int?) -> Bool {
        guard let rows, rows > 2 else { return false }
        var lines = 0
        for ch in text.utf8 where ch == 10 { lines += 1 }
        guard lines >= rows - 1, !inputIsWaiting() else { return false }
        let command = getenv("PAGER").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for a in argv { free(a) } }
        let environment = secureEnvironment()
        defer { for e in environment { free(e) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environment)
        close(fds[0])
        guard spawned == 0 else {
            close(fds[1])
            return false
        }
        let old = signal(SIGPIPE, SIG_IGN)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; break }
            offset += n
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        signal(SIGPIPE, old)
        return true
    }

    /// Whether typed keys are waiting on stdin (nothing blocks: the poll does not wait).
    static func inputIsWaiting() -> Bool {
        var waiting = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, 0) > 0 && waiting.revents & Int16(POLLIN) != 0
    }

    /// This process's environment with `LESSSECURE=1`, NULL-terminated, for the pager (the caller frees it).
    static func secureEnvironment() -> [UnsafeMutablePointer<CChar>?] {
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var cursor = environ
        while let entry = cursor.pointee {
            if strncmp(entry, "LESSSECURE=", 11) != 0 { entries.append(strdup(entry)) }
            cursor += 1
        }
        return entries + [strdup("LESSSECURE=1"), nil]
    }
}
