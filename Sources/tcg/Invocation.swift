#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore
import TCGLineEditor

/// What the command line asks for, however it was parsed.
struct Invocation {
    var workspace: String?
    var today: String?
    var user: String?
    var format: String = "table"
    var dryRun = false
    var interactive = false
    var maxMarking: String?
    var command: String?
    var arguments: [String] = []

    init(workspace: String?, today: String?, user: String?, format: String, dryRun: Bool, interactive: Bool, command: String?, arguments: [String]) {
        self.interactive = interactive
        self.workspace = workspace
        self.today = today
        self.user = user
        self.format = format
        self.dryRun = dryRun
        self.command = command
        self.arguments = arguments
    }

    /// Reads the usual forms directly (`--workspace P`, `--today D`, `--user U`, `--format F`,
    /// `--dry-run`, `-c S`, and plain arguments); nil for anything else, which the full parser handles.
    init?(quick args: [String]) {
        var i = 0
        while i < args.count {
            let a = args[i]
            func value() -> String? {
                i += 1
                return i < args.count ? args[i] : nil
            }
            switch a {
            case "--workspace": guard let v = value() else { return nil }; workspace = v
            case "--today": guard let v = value() else { return nil }; today = v
            case "--user": guard let v = value() else { return nil }; user = v
            case "--format": guard let v = value() else { return nil }; format = v
            case "-c": guard let v = value(), command == nil else { return nil }; command = v
            case "--max-marking": guard let v = value() else { return nil }; maxMarking = v
            case "--dry-run": dryRun = true
            case "--interactive": interactive = true
            case "--": arguments += args[(i + 1)...]; i = args.count
            default:
                if a.hasPrefix("-") { return nil }
                arguments.append(a)
            }
            i += 1
        }
    }

    /// Runs what the command line asks for and returns the exit status.
    func execute() -> Int32 {
        let env = Environment.current
        guard let outputFormat = OutputFormat(rawValue: format.lowercased()) else {
            return usage("--format must be one of table, json, csv, markdown, not \(format)")
        }
        var todayOverride: Day?
        if let given = today ?? env["TCG_TODAY"], !given.isEmpty {
            guard let d = Day(iso: given) else {
                return usage("\(today != nil ? "--today" : "$TCG_TODAY") must be a date YYYY-MM-DD, not \(given)")
            }
            todayOverride = d
        }
        let path = workspace ?? env["TCG_WORKSPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "tcg-workspace.json"
        let who = user ?? env["TCG_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Environment.loginName
        let terminal = Terminal()
        let console = Console(format: outputFormat, terminal: terminal)
        // How long a writer waits for another writer's lock before exit 3 (default 10 s).
        let lockTimeout = env["TCG_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 10
        let store = WorkspaceFile(path: path, lockTimeout: lockTimeout)
        // An older workspace format is migrated when opened, except by a dry run.
        store.migrates = !dryRun
        store.user = who
        store.onMigration = { Console.writeError("tcg: \($0)\n") }

        var args = arguments
        let verb = args.first
        if verb == "demo" {
            args.removeFirst()
            guard args.count <= 1 else { return usage("demo takes at most one PATH") }
            // `tcg demo PATH`, or `tcg --workspace PATH demo`; else demo.json (never overwritten).
            return Demo.write(to: args.first ?? workspace ?? "demo.json", console: console)
        }
        if verb == "verify" {
            guard args.count == 1 else { return usage("verify takes no arguments (the workspace is --workspace PATH)") }
            return Verify.run(store: store, path: path, console: console)
        }
        if verb == "test" {
            args.removeFirst()
            guard args.count == 1 else { return usage("test needs one DIR of .tcg scripts") }
            return ScriptTests.run(folder: args[0], workspace: path, invocation: self, console: console)
        }
        if verb == "check" {
            args.removeFirst()
            guard !args.isEmpty else { return usage("check needs a FILE") }
            return Checker.check(files: args, console: console)
        }
        if command != nil, !args.isEmpty {
            return usage("-c takes no other arguments (found \(args.joined(separator: " ")))")
        }
        var highest: Marking?
        if let given = maxMarking {
            guard let m = Marking(word: given) else {
                return usage("--max-marking must be one of \(Marking.allCases.map(\.label).joined(separator: ", ")), not \(given)")
            }
            highest = m
        }
        let session = Session(store: store, console: console, user: who, format: outputFormat,
                              todayOverride: todayOverride, dryRun: dryRun, userState: UserState(workspace: path, user: who, environment: env))
        session.interpreter.maxMarking = highest
        session.exitsAfterScript = true
        if let command {
            return session.runScript(SourceFile(name: "-c", text: command), origin: .commandLine, parameters: [:])
        }
        if verb == "run" {
            args.removeFirst()
            guard !args.isEmpty else { return usage("run needs a FILE") }
        }
        if let file = args.first {
            var parameters: [String: Value] = [:]
            for p in args.dropFirst() {
                guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                    return usage("script parameters are NAME=VALUE, not \(p)")
                }
                parameters[String(p[..<eq])] = Parameters.value(String(p[p.index(after: eq)...]))
            }
            guard let bytes = FileIO.read(file) else {
                if verb != "run", !file.contains("/"), !file.contains(".") {
                    let near = Suggest.nearest(file, among: ["run", "check"])
                    return usage("no such command or script: \(file)" + (Suggest.didYouMean(near).map { " (\($0))" } ?? ""))
                }
                return usage("cannot read the script \(file): \(FileIO.lastError())")
            }
            return session.runScript(SourceFile(name: file, bytes: bytes), origin: .script(file), parameters: parameters)
        }
        if interactive && !terminal.stdinIsTerminal {
            return session.repl(editor: PlainLineEditor())
        }
        if terminal.stdinIsTerminal {
            TerminalGuard.install()
            // libedit only when both ends are a terminal (with stdout redirected it would return escape codes).
            guard terminal.stdoutIsTerminal, let editor = LibeditLineEditor(historyPath: HistoryFile.path(environment: env)) else {
                return session.repl(editor: PlainLineEditor())
            }
            if let warning = editor.historyWarning { console.message("warning: \(warning)") }
            return session.repl(editor: editor)
        }
        return session.runScript(SourceFile(name: "<stdin>", bytes: FileIO.readAll(fd: 0)), origin: .script("<stdin>"), parameters: [:])
    }

    func usage(_ message: String) -> Int32 {
        Console.writeError("tcg: \(message)\n")
        return 2
    }
}
