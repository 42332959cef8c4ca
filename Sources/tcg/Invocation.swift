#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGPostgres
import TCGStore
import TCGText
import TCGLineEditor

/// What the command line asks for, however it was parsed (the fast path below or swift-argument-parser).
struct Invocation {
    /// Which form of the command line.
    enum Action: Sendable, Equatable {
        /// The REPL, stdin, `-c`, or `FILE [NAME=VALUE]...` / `STATEMENT...` in `arguments`.
        case session
        /// `run FILE [NAME=VALUE]...`.
        case run
        /// `check FILE...`.
        case check
        /// `test DIR`.
        case test
        /// `verify`.
        case verify
        /// `demo [PATH]`.
        case demo
        /// `help [VERB...]`: the language's help.
        case help
        /// `db init URL`.
        case dbInit
        /// `copy FROM TO`.
        case copy
    }

    var action: Action = .session
    var workspace: String?
    var today: String?
    var user: String?
    var format: String = "table"
    var dryRun = false
    /// `--quiet`, `-q`: no confirmations.
    var quiet = false
    var interactive = false
    /// `-X`: the REPL does not run the init file.
    var skipsInitFile = false
    var maxMarking: String?
    var command: String?
    /// The arguments after the subcommand's name (for `.session`, all of them).
    var arguments: [String] = []

    init(action: Action, arguments: [String]) {
        self.action = action
        self.arguments = arguments
    }

    /// Reads the usual forms directly: `--workspace P`, `--today D`, `--user U`, `--format F`,
    /// `--max-marking M`, `--dry-run`, `--quiet`, `--interactive`, `-c S`, `run FILE...`, `FILE...`, `STATEMENT...`
    /// and nothing at all. Nil for anything else (other subcommands, `--help`, `--opt=value`,
    /// mistakes), which swift-argument-parser handles.
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
            case "--quiet", "-q": quiet = true
            case "--interactive": interactive = true
            case "-X": skipsInitFile = true
            case "--": arguments += args[(i + 1)...]; i = args.count
            default:
                if a.hasPrefix("-") { return nil }
                arguments.append(a)
            }
            i += 1
        }
        if let first = arguments.first, Tcg.subcommandNames.contains(first) {
            guard first == "run", arguments.count > 1 else { return nil }
            action = .run
            arguments.removeFirst()
        }
    }

    /// Runs what the command line asks for and returns the exit status.
    func execute() -> ExitStatus {
        if action == .help {
            var text = Help.text(topic: arguments.isEmpty ? nil : arguments.joined(separator: " "))
            // `tcg help check` (as argument-parser's usage suggests) is the subcommand's; `tcg help run`
            // is the language's `run`, with a pointer to the subcommand's.
            if arguments.count == 1, let sub = Tcg.configuration.subcommands.first(where: { $0.configuration.commandName == arguments[0] }),
               sub.configuration.shouldDisplay, sub != LanguageHelpCommand.self {
                if CommandTable.firstWords.contains(arguments[0]) {
                    text += "\nThe command line's `tcg \(arguments[0])`: tcg \(arguments[0]) --help\n"
                } else {
                    text = Tcg.helpMessage(for: sub) + "\n"
                }
            }
            Console.writeAll(1, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
            return .success
        }
        let env = Environment.current
        if workspace == "" { return usage("--workspace needs a PATH, not an empty string") }
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
        let named = user ?? env["TCG_USER"].flatMap { $0.isEmpty ? nil : $0 }
        var who = named ?? Environment.loginName
        // The user is written into every audit entry: it holds no control, bidi or zero-width character.
        if let bad = who.unicodeScalars.first(where: UnsafeScalar.isForbiddenInName) {
            return usage("\(user != nil ? "--user" : "the user name") cannot hold \(UnsafeScalar.describe(bad)): \(who)")
        }
        let terminal = Terminal()
        let console = Console(format: outputFormat, terminal: terminal)
        // How long a writer waits for another writer's lock before exit 3 (default 10 s).
        let lockTimeout = env["TCG_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 10
        let auditKey = Verify.key(file: env["TCG_AUDIT_KEY_FILE"])
        if let problem = auditKey.problem { return usage(problem) }
        // A postgresql:// URL picks the database store; anything else is a workspace file's path.
        let store: RegisterStore
        var file: WorkspaceFile?
        var database: PostgresStore?
        if let address = PGAddress(url: path) {
            let postgres = PostgresStore(address: address, lockTimeout: lockTimeout)
            postgres.seal = WorkspaceSeal(key: auditKey.key)
            store = postgres
            database = postgres
            // Against PostgreSQL the audit trail names the database role (docs/postgresql.md, "Identity and access").
            if [.session, .run, .verify, .help].contains(action) {
                do {
                    let role = try postgres.sessionUser()
                    if let named, named != role {
                        return usage("\(user != nil ? "--user" : "$TCG_USER") names \(named), but this session is the database role \(role): "
                                     + "against PostgreSQL the audit trail names the role you connect as; leave out --user and $TCG_USER, "
                                     + "or connect as \(named) (the URL's user)")
                    }
                    who = role
                } catch {
                    console.message(error.report)
                    return .workspace
                }
            }
        } else {
            let workspaceFile = WorkspaceFile(path: path, lockTimeout: lockTimeout)
            // An older workspace format is migrated when opened, except by a dry run.
            workspaceFile.migrates = !dryRun
            workspaceFile.user = who
            workspaceFile.onMigration = { Console.writeError("tcg: \($0)\n") }
            workspaceFile.seal = WorkspaceSeal(key: auditKey.key)
            store = workspaceFile
            file = workspaceFile
        }

        switch action {
        case .dbInit:
            guard arguments.count == 1 else { return usage("db init takes one URL (postgresql://… or postgres:///DB?host=/SOCKET/DIR)") }
            return Database.initialise(arguments[0], console: console)
        case .copy:
            guard arguments.count == 2 else { return usage("copy takes FROM and TO: two workspace paths or postgresql:// URLs") }
            return Database.copy(from: arguments[0], to: arguments[1], key: auditKey.key, lockTimeout: lockTimeout, console: console)
        case .demo:
            guard arguments.count <= 1 else { return usage("demo takes at most one PATH") }
            // `tcg demo PATH`, or `tcg --workspace PATH demo`; else demo.json (never overwritten).
            return Demo.write(to: arguments.first ?? workspace ?? "demo.json", console: console)
        case .verify:
            var head: String?
            var accept = false
            var rest = arguments[...]
            while let a = rest.popFirst() {
                if a == "--accept" { accept = true } else if a == "--head", let h = rest.popFirst() { head = h } else {
                    return usage("verify takes --head HASH and --accept only (the workspace is --workspace PATH)")
                }
            }
            if let file {
                return Verify.run(store: file, path: path, head: head, accept: accept, user: who, today: todayOverride, console: console)
            }
            guard let database else { return .workspace }
            return Verify.run(database: database, head: head, accept: accept, user: who, today: todayOverride, console: console)
        case .test:
            guard !arguments.isEmpty else { return usage("test needs .tcg files or folders of them (tcg test checks/ or tcg test a.tcg b.tcg)") }
            if file == nil { return usage("tcg test runs on a copy of a workspace file, not on a database (copy it out with tcg copy URL PATH)") }
            return ScriptTests.run(paths: arguments, workspace: path, invocation: self, console: console)
        case .check:
            guard !arguments.isEmpty else { return usage("check needs a FILE") }
            return Checker.check(files: arguments, console: console)
        case .run:
            guard !arguments.isEmpty else { return usage("run needs a FILE") }
        case .session, .help:
            break
        }
        if command != nil, !arguments.isEmpty {
            let found = (action == .run ? ["run"] : []) + arguments
            return usage("-c takes no other arguments (found \(found.joined(separator: " ")))")
        }
        var highest: Marking?
        if let given = maxMarking {
            guard let m = Marking(word: given) else {
                return usage("--max-marking must be one of \(Marking.allCases.map(\.label).joined(separator: ", ")), not \(given)")
            }
            highest = m
        }
        let session = Session(store: store, console: console, user: who, format: outputFormat,
                              todayOverride: todayOverride, dryRun: dryRun, userState: UserState(workspace: database?.address.shown ?? path, user: who, environment: env))
        session.interpreter.maxMarking = highest
        session.interpreter.quietConfirmations = quiet
        session.workspace = file
        session.exitsAfterScript = true
        session.initFile = skipsInitFile ? nil : InitFile.path(environment: env)
        if let command, let database, outputFormat == .table, !dryRun, env["TCG_SQL_QUERIES"] != "off",
           session.initFile.map({ access($0, F_OK) != 0 }) ?? true {
            // A one-shot count answered in SQL, without reading the register (SQLCount);
            // TCG_SQL_QUERIES=off reads the register as for any other statement.
            do {
                if let n = try SQLCount.answer(command, store: database, maxMarking: highest, todayOverride: todayOverride,
                                               systemToday: session.interpreter.clock().today, showing: env["TCG_SQL_QUERIES"] == "show") {
                    console.write("\(n)\n")
                    console.flush()
                    return .success
                }
            } catch {
                console.message(error.report)
                return ExitStatus(for: error)
            }
        }
        if let command {
            return (session.runScript(SourceFile(name: "-c", text: command), origin: .commandLine, parameters: [:]))
        }
        if let first = arguments.first {
            // `tcg FILE` runs the file when there is one; else `tcg VERB ...` is a statement.
            if action == .session, access(first, F_OK) != 0, CommandTable.firstWords.contains(first) {
                let text = StatementWords.text(arguments)
                return (session.runScript(SourceFile(name: "-c", text: text), origin: .commandLine, parameters: [:]))
            }
            return runFile(first, parameters: Array(arguments.dropFirst()), session: session)
        }
        if interactive && !terminal.stdinIsTerminal {
            return (session.repl(editor: PlainLineEditor()))
        }
        if terminal.stdinIsTerminal {
            TerminalGuard.install()
            // libedit only when both ends are a terminal (with stdout redirected it would return escape codes).
            guard terminal.stdoutIsTerminal, let editor = LibeditLineEditor(historyPath: HistoryFile.path(environment: env)) else {
                return (session.repl(editor: PlainLineEditor()))
            }
            if let warning = editor.historyWarning { console.message("warning: \(warning)") }
            return (session.repl(editor: editor))
        }
        let input: [UInt8]
        do { input = try ScriptInput.readStdin() } catch {
            return usage("cannot read a script from stdin: \(error)")
        }
        return (session.runScript(SourceFile(name: "<stdin>", bytes: input), origin: .script("<stdin>"), parameters: [:]))
    }

    /// Runs a script file with its `NAME=VALUE` parameters.
    func runFile(_ file: String, parameters: [String], session: Session) -> ExitStatus {
        let bytes: [UInt8]
        do { bytes = try ScriptInput.read(file) } catch {
            if error.code != 0, action != .run, !file.contains("/"), !file.contains(".") {
                let near = Suggest.nearest(file, among: Tcg.shownSubcommandNames + CommandTable.firstWords)
                if let advice = Synonyms.advice[file.lowercased()] { return usage("no such command or script: \(file)\nhelp: \(advice)") }
                return usage("no such command or script: \(file)" + (Suggest.didYouMean(near).map { " (\($0))" } ?? ""))
            }
            return usage("cannot read the script \(file): \(error)")
        }
        var values: [String: Value] = [:]
        for p in parameters {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                return usage("script parameters are NAME=VALUE, not \(p)")
            }
            values[String(p[..<eq])] = Parameters.value(String(p[p.index(after: eq)...]))
        }
        return (session.runScript(SourceFile(name: file, bytes: bytes), origin: .script(file), parameters: values))
    }

    func usage(_ message: String) -> ExitStatus {
        Console.writeError("tcg: \(message)\n")
        return .usage
    }
}
