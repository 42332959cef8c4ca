#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore

/// `tcg test PATH...`: runs an analyst's `.tcg` scripts (files, or every `.tcg` in a folder)
/// against a copy of the workspace and compares what each prints with its `# expect: LINE`
/// comments (in order). `# expect-error: TEXT` expects the script to fail with TEXT in its error;
/// `# expect-status: N` expects the exit status N. A script with none of these (a helper that
/// others `run`) is not run and is reported as having no expectations, not as failed. Prints
/// `ok`/`FAIL`/`none` per script, then `N passed, N failed` (and `, N without expectations`).
enum ScriptTests {
    struct Expectation {
        var lines: [String] = []
        var error: String?
        var status: Int32?
        /// Lines that state an expectation wrongly, as `FILE:LINE:COL: what is wrong`.
        var mistakes: [String] = []

        var isEmpty: Bool { lines.isEmpty && error == nil && status == nil && mistakes.isEmpty }
    }

    /// One script to run: where it is and the name it is reported under.
    struct Script {
        var path: String
        var name: String
    }

    static func run(paths: [String], workspace: String, invocation: Invocation, console: Console) -> ExitStatus {
        var scripts: [Script] = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                console.message("tcg: cannot read \(path): \(String(cString: strerror(errno))) (give .tcg files or folders of them)")
                return .usage
            }
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                scripts.append(Script(path: path, name: path))
                continue
            }
            let names = listScripts(path)
            guard !names.isEmpty else {
                console.message("tcg: no .tcg scripts in the folder \(path)")
                return .usage
            }
            let folder = path.hasSuffix("/") ? path : path + "/"
            scripts += names.map { Script(path: folder + $0, name: paths.count == 1 ? $0 : folder + $0) }
        }
        let original = FileIO.read(workspace)
        var passed = 0, failed = 0, unexpected = 0
        for script in scripts {
            let name = script.name, path = script.path
            guard let bytes = try? ScriptInput.read(path) else {
                console.write("FAIL \(name): cannot read it\n")
                failed += 1
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = expectations(text, file: path)
            if !expected.mistakes.isEmpty {
                failed += 1
                console.write("FAIL \(name): not run: " + expected.mistakes.joined(separator: "\n") + "\n")
                continue
            }
            if expected.isEmpty {
                unexpected += 1
                console.write("none \(name): no expectations (no `# expect:`, `# expect-error:` or `# expect-status:` line), not run\n")
                continue
            }
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
            session.interpreter.quietConfirmations = invocation.quiet
            let status = session.runScript(SourceFile(name: path, bytes: bytes), origin: .script(path), parameters: [:])
            let output = capture.captured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let actual = output.last == "" ? Array(output.dropLast()) : output
            var problems: [String] = []
            if let err = expected.error {
                if status == .success { problems.append("expected an error containing \"\(err)\", but it succeeded") }
                else if !capture.capturedErrors.contains(err) { problems.append("expected an error containing \"\(err)\", got:\n\(capture.capturedErrors)") }
            } else if expected.status == nil, status != .success {
                problems.append("failed:\n\(capture.capturedErrors)")
            }
            if let want = expected.status, want != status.rawValue {
                problems.append("expected exit status \(want), got \(status.rawValue)" + (capture.capturedErrors.isEmpty ? "" : ":\n" + capture.capturedErrors))
            }
            let failureExpected = expected.error != nil || (expected.status ?? 0) != 0
            if actual != expected.lines && !(failureExpected && expected.lines.isEmpty) {
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
        console.write("\(passed) passed, \(failed) failed" + (unexpected > 0 ? ", \(unexpected) without expectations" : "") + "\n")
        console.flush()
        return failed == 0 ? .success : .statementFailed
    }

    static func expectations(_ text: String, file: String) -> Expectation {
        var e = Expectation()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.drop { $0 == " " || $0 == "\t" }
            if t.hasPrefix("# expect-error:") { e.error = String(t.dropFirst(15)).trimmingSpaces }
            else if t.hasPrefix("# expect-status:") {
                let rest = t.dropFirst(16), value = String(rest).trimmingSpaces
                if let n = Int32(value), ExitStatus(rawValue: n) != nil { e.status = n } else {
                    let column = line.count - rest.drop { $0 == " " || $0 == "\t" }.count + 1
                    e.mistakes.append("\(file):\(index + 1):\(column): `# expect-status:` needs an exit status 0, 1, 2 or 3, not \"\(value)\"")
                }
            }
            else if t.hasPrefix("# expect: ") { e.lines.append(String(t.dropFirst(10))) }
            else if t == "# expect:" { e.lines.append("") }
        }
        return e
    }

    static func listScripts(_ folder: String) -> [String] {
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
