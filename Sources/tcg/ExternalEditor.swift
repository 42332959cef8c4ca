#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The REPL's `edit` (psql's `\e`): opens text in `$VISUAL`, else `$EDITOR`, else `vi`, in a
/// private temporary file (mode 0600, removed afterwards), and answers what was saved. Only the
/// REPL uses it; the language itself can never start a program.
enum ExternalEditor {
    enum Outcome: Equatable {
        case saved(String)
        /// Why nothing is to be run, for the user.
        case failed(String)
    }

    static func edit(_ text: String, environment: [String: String]) -> Outcome {
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        var template = Array("/tmp/tcg-edit-XXXXXX.tcg".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return .failed("cannot make a temporary file: \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        Console.writeAll(fd, Array((text.isEmpty || text.hasSuffix("\n") ? text : text + "\n").utf8))
        close(fd)
        // `$EDITOR` may carry arguments (`code --wait`): the shell splits it; the file is "$1".
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command + " \"$1\""), strdup("tcg-edit"), strdup(path), nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else {
            return .failed("cannot start the editor \(command)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exited == 0 else { return .failed("the editor (\(command)) ended with status \(exited); nothing was run") }
        guard let bytes = FileIO.read(path) else { return .failed("cannot read what the editor saved") }
        return .saved(String(decoding: bytes, as: UTF8.self))
    }
}
