import ArgumentParser
import TCGDomain
import TCGLanguage
import TCGStore
import TCGLineEditor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `tcg` command line: the REPL, scripts, one-shot statements and `check`.
@main
struct Tcg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcg",
        abstract: "Keep the police tasking and coordination (T&C) register.",
        discussion: """
            tcg                          the REPL (or, with stdin not a terminal, run stdin as a script)
            tcg -c 'STATEMENTS'          run one line
            tcg run FILE [NAME=VALUE]... run a script file (NAME=VALUE are $NAME inside it)
            tcg FILE [NAME=VALUE]...     the same (so a script can start with #!/usr/bin/env tcg)
            tcg check FILE...            parse only, and report every syntax error

            Exit status: 0 success; 1 a statement failed; 2 bad usage; 3 the workspace cannot be read,
            is not a tcg workspace, or is locked by another writer.
            """,
        version: "0.1.0"
    )

    @Option(name: .long, help: ArgumentHelp("The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).", valueName: "PATH"))
    var workspace: String?

    @Option(name: .long, help: ArgumentHelp("The register's clock (else $TCG_TODAY, else the saved clock, else the system date).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Who the audit trail records (else $TCG_USER, else the login name).", valueName: "NAME"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Output format: table, json, csv or markdown.", valueName: "FORMAT"))
    var format: String = "table"

    @Flag(name: .long, help: "Run and print, but save nothing.")
    var dryRun = false

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and exit.", valueName: "STATEMENTS"))
    var command: String?

    @ArgumentParser.Argument(help: ArgumentHelp("run FILE [NAME=VALUE]..., check FILE..., or FILE [NAME=VALUE]...", valueName: "ARGS"))
    var arguments: [String] = []

    static func main() {
        setlocale(LC_CTYPE, "")
        let status: Int32
        do {
            let command = try Tcg.parseAsRoot()
            guard let tcg = command as? Tcg else {
                var other = command
                try other.run()
                Glibc.exit(0)
            }
            status = tcg.execute()
        } catch {
            let code = Tcg.exitCode(for: error)
            if code == .success {
                print(Tcg.fullMessage(for: error))
                Glibc.exit(0)
            }
            let message = Tcg.fullMessage(for: error)
            Console.writeError("tcg: \(message)\n")
            Console.writeError("Usage: tcg [--workspace PATH] [--today DATE] [--user NAME] [--format FORMAT] [--dry-run] [-c STATEMENTS | run FILE | check FILE]\n")
            Glibc.exit(2)
        }
        Glibc.exit(status)
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
        let store = WorkspaceFile(path: path)

        var args = arguments
        let verb = args.first
        if verb == "check" {
            args.removeFirst()
            guard !args.isEmpty else { return usage("check needs a FILE") }
            return Checker.check(files: args, console: console)
        }
        if command != nil, !args.isEmpty {
            return usage("-c takes no other arguments (found \(args.joined(separator: " ")))")
        }
        let session = Session(store: store, console: console, user: who, format: outputFormat,
                              todayOverride: todayOverride, dryRun: dryRun)
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
