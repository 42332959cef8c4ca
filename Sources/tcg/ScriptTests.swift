#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore

/// `tcg test DIR`: runs an analyst's `.tcg` scripts against a copy of the workspace and compares
/// what each prints with its `# expect: LINE` comments (in order; `# expect-error: TEXT` expects the
/// script to fail with that text in its error). Prints `ok`/`FAIL` per script, then `N passed, N failed`.
enum ScriptTests {
    struct Expectation {
        var lines: [String] = []
        var error: String?
    }

    static func run(folder: String, workspace: String, invocation: Invocation, console: Console) -> ExitStatus {
        guard let names = try? listScripts(folder), !names.isEmpty else {
            console.message("tcg: no .tcg scripts in \(folder)")
            return .usage
        }
        let original = FileIO.read(workspace)
        var passed = 0, failed = 0
        for name in names {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let bytes = try? ScriptInput.read(path) else {
                console.write("FAIL \(name): cannot read it\n")
                failed += 1
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = expectations(text)
            // A private copy of the workspace: the script's changes never reach the real one.
            var template = Array("/tmp/tcg-test-XXXXXX".utf8CString)
            let made: String? = template.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress, let p = mkdtemp(base) else { return nil }
                return String(cString: p)
            }
            guard let dir = made else {
                console.message("tcg: cannot make a temporary folder")
                return .workspace
            }
            defer { removeTree(dir) }
            let copy = dir + "/workspace.json"
            if let original { _ = writeFile(copy, original) }
            let capture = Console(format: .table, terminal: console.terminal)
            capture.captureOnly = true
            let session = Session(store: WorkspaceFile(path: copy), console: capture, user: invocation.user ?? "tcg-test",
                                  format: .table, todayOverride: invocation.today.flatMap { Day(iso: $0) }, dryRun: false)
            session.discardsFiles = true
            let status = session.runScript(SourceFile(name: path, bytes: bytes), origin: .script(path), parameters: [:])
            let output = capture.captured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let actual = output.last == "" ? Array(output.dropLast()) : output
            var problems: [String] = []
            if let err = expected.error {
                if status == .success { problems.append("expected an error containing \"\(err)\", but it succeeded") }
                else if !capture.capturedErrors.contains(err) { problems.append("expected an error containing \"\(err)\", got:\n\(capture.capturedErrors)") }
            } else if status != .success {
                problems.append("failed:\n\(capture.capturedErrors)")
            }
            if actual != expected.lines && !(expected.error != nil && expected.lines.isEmpty) {
                problems.append("output differs\n  expected:\n" + expected.lines.map { "    " + $0 }.joined(separator: "\n")
                                + "\n  actual:\n" + actual.map { "    " + $0 }.joined(separator: "\n"))
            }
            if problems.isEmpty {
                passed += 1
                console.write("ok   \(name)\n")
            } else {
                failed += 1
                console.write("FAIL \(name): " + problems.joined(separator: "\n") + "\n")
            }
        }
        console.write("\(passed) passed, \(failed) failed\n")
        console.flush()
        return failed == 0 ? .success : .statementFailed
    }

    static func expectations(_ text: String) -> Expectation {
        var e = Expectation()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.drop { $0 == " " || $0 == "\t" }
            if t.hasPrefix("# expect-error:") { e.error = String(t.dropFirst(15)).trimmingSpaces }
            else if t.hasPrefix("# expect: ") { e.lines.append(String(t.dropFirst(10))) }
            else if t == "# expect:" { e.lines.append("") }
        }
        return e
    }

    static func listScripts(_ folder: String) throws -> [String] {
        Session.listFolder(folder).filter { $0.hasSuffix(".tcg") }.sorted()
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        Console.writeAll(fd, bytes)
        return true
    }

    static func removeTree(_ dir: String) {
        for name in ["workspace.json", "workspace.json.lock", "workspace.json.journal"] { unlink(dir + "/" + name) }
        for entry in Session.listFolder(dir) { unlink(dir + "/" + entry) }
        rmdir(dir)
    }
}
