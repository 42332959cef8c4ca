#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGLineEditor
import TCGPostgres
import TCGText

extension Session {
    /// The banner's line naming the workspace the REPL opened, as given; `(new: …)` when it
    /// does not exist yet and the first change will create it.
    static func banner(workspace path: String, new: Bool) -> String {
        "workspace: \(path)" + (new ? " (new: the first change creates it)" : "")
    }

    /// The interactive loop: line editing, history, completion, continuation prompts, Ctrl-C and Ctrl-D.
    /// Each complete statement commits on its own and is durable before the next prompt shows.
    func repl(editor: LineEditor) -> ExitStatus {
        let isNew = !(workspace?.exists ?? true)
        do {
            interpreter.register = try store.open()
        } catch {
            console.message(error.report)
            return ExitStatus(for: error)
        }
        adoptSavedMeeting()
        runInitFile()
        interpreter.keepsUndo = true
        interpreter.interrupted = { StatementInterrupt.requested }
        console.interactive = true
        if console.terminal.stdinIsTerminal && console.terminal.stdoutIsTerminal {
            console.write("tcg — the T&C register. `help` lists the commands, Tab completes; Ctrl-D or `quit` leaves.\n")
            if let workspace { console.write(Session.banner(workspace: workspace.path, new: isNew) + "\n") }
            if let database = store as? PostgresStore { console.write(Session.banner(workspace: database.address.shown, new: false) + "\n") }
            console.flush()
        }
        let pendingBox = PendingLines()
        var lastStatement = ""
        editor.completer = { [unowned self] line in
            let text = (pendingBox.lines + [line]).joined(separator: "\n")
            let completer = Completer(register: self.interpreter.visibleRegister, variables: Array(self.interpreter.variables.keys).sorted(),
                                      listFolder: Session.listFolder)
            let found = completer.complete(text)
            return Completion(candidates: found.candidates, replacing: found.replacing, appendSpace: found.appendSpace)
        }
        while true {
            let prompt: String
            if pendingBox.lines.isEmpty {
                prompt = self.prompt
            } else {
                let waiting = Parser.parse(SourceFile(name: "<repl>", text: pendingBox.lines.joined(separator: "\n"))).incomplete
                prompt = continuationPrompt(waiting)
            }
            // The prompt shows a meeting's id and kind; escaped all the same, as everything shown is.
            switch editor.readLine(prompt: TerminalText.escaped(prompt, layout: .singleLine)) {
            case .endOfFile:
                if pendingBox.lines.isEmpty {
                    console.write("\n")
                    console.flush()
                    closeStore()
                    return .success
                }
                pendingBox.lines = []
                console.write("\n")
            case .interrupted:
                pendingBox.lines = []
            case .line(let typed):
                var line = typed
                // `edit` (psql's `\e`): the last statement in the user's editor; what is saved is run as if typed.
                if pendingBox.lines.isEmpty, typed.trimmingSpaces == "edit" {
                    switch ExternalEditor.edit(lastStatement, environment: Environment.current) {
                    case .failed(let why):
                        console.message("tcg: edit: \(why)")
                        continue
                    case .saved(let saved):
                        line = saved.hasSuffix("\n") ? String(saved.dropLast()) : saved
                        if line.trimmingSpaces.isEmpty { continue }
                        console.write(line + "\n")
                    }
                }
                if pendingBox.lines.isEmpty, watchIfAsked(line) {
                    editor.addHistory(line)
                    lastStatement = line
                    continue
                }
                pendingBox.lines.append(line)
                let text = pendingBox.lines.joined(separator: "\n")
                let source = SourceFile(name: "<repl>", text: text)
                let parsed = Parser.parse(source)
                if parsed.incomplete != nil { continue }
                pendingBox.lines = []
                if !text.trimmingSpaces.isEmpty {
                    editor.addHistory(text)
                    lastStatement = text
                }
                if !parsed.diagnostics.isEmpty {
                    for d in parsed.diagnostics { console.error(d, in: source) }
                    continue
                }
                StatementInterrupt.begin()
                defer { StatementInterrupt.end() }
                for s in parsed.statements {
                    if !runInteractive(s, source: source) {
                        closeStore()
                        return .success
                    }
                }
            }
        }
    }

    /// Runs the init file, when there is one, as a script (psql's psqlrc): its `set` statements
    /// last for the session; its errors are shown as a script's, and the prompt starts all the same.
    func runInitFile() {
        guard let path = initFile, access(path, F_OK) == 0 else { return }
        let bytes: [UInt8]
        do { bytes = try ScriptInput.read(path) } catch {
            console.message("tcg: cannot read the init file \(path): \(error) (start with -X to skip it)")
            return
        }
        let exits = exitsAfterScript
        exitsAfterScript = false
        defer { exitsAfterScript = exits }
        _ = runScript(SourceFile(name: path, bytes: bytes), origin: .script(path), parameters: [:])
    }

    /// Folds the store's journal in on the way out; a failure only warns (every commit is already durable).
    func closeStore() {
        do { try store.close() } catch { console.message("warning: \(error)") }
    }

    /// Says what the statement is waiting for, aligned under the main prompt.
    func continuationPrompt(_ waiting: Incomplete?) -> String {
        let what: String
        switch waiting {
        case .string?: what = "\""
        case .bracket(let c)?: what = String(c)
        case .continuation?, nil: what = "\\"
        }
        let marker = "...\(what)> "
        let width = prompt.count
        return String(repeating: " ", count: max(0, width - marker.count)) + marker
    }

    /// Entries of a folder for `run "…"` completion: names, with `/` after folders.
    static func listFolder(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            out.append(entry.pointee.d_type == UInt8(DT_DIR) ? name + "/" : name)
        }
        return out
    }
}

/// The continuation lines typed so far, shared with the completion callback.
final class PendingLines {
    var lines: [String] = []
}
