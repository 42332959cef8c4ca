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
            tcg test DIR                 run DIR's .tcg scripts on a copy of the workspace, comparing
                                         their output with their `# expect:` lines
            tcg verify                   check the audit trail's hash chain: report the first entry
                                         altered or removed by hand-editing the file
            tcg demo [PATH]              write a demo register (a year of T&C business) to PATH
            tcg --interactive            read stdin as at the prompt: each statement commits on its own

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

    @Option(name: .long, help: ArgumentHelp("Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.", valueName: "MARKING"))
    var maxMarking: String?

    @Flag(name: .long, help: "Run and print, but save nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Read statements from stdin as at the prompt: each commits on its own (no terminal needed).")
    var interactive = false

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and exit.", valueName: "STATEMENTS"))
    var command: String?

    @ArgumentParser.Argument(help: ArgumentHelp("run FILE [NAME=VALUE]..., check FILE..., or FILE [NAME=VALUE]...", valueName: "ARGS"))
    var arguments: [String] = []

    static func main() {
        setlocale(LC_CTYPE, "")
        // The common command lines are read directly: swift-argument-parser's reflection costs
        // about half of tcg's start-up. Anything else (help, errors, unusual forms) goes to it.
        if let invocation = Invocation(quick: Array(CommandLine.arguments.dropFirst())) {
            Glibc.exit(invocation.execute())
        }
        let status: Int32
        do {
            let command = try Tcg.parseAsRoot()
            guard let tcg = command as? Tcg else {
                var other = command
                try other.run()
                Glibc.exit(0)
            }
            status = tcg.invocation.execute()
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

    /// The parsed command line.
    var invocation: Invocation {
        var i = Invocation(workspace: workspace, today: today, user: user, format: format, dryRun: dryRun,
                           interactive: interactive, command: command, arguments: arguments)
        i.maxMarking = maxMarking
        return i
    }
}
