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

/// The `tcg` command line: the REPL, scripts, one-shot statements, and the subcommands.
@main
struct Tcg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcg",
        abstract: "Keep the police tasking and coordination (T&C) register.",
        discussion: """
            tcg                      the REPL (with stdin not a terminal: run stdin as a script)
            tcg -c 'STATEMENTS'      run one line
            tcg STATEMENT...         the same, when its first word is a verb and no file
                                     has that name: tcg outstanding actions for "Meg Lowe"
            tcg run FILE [NAME=VALUE]...
                                     run a script file (NAME=VALUE are $NAME inside it)
            tcg FILE [NAME=VALUE]... the same (so a script can start #!/usr/bin/env tcg)
            tcg check FILE...        parse only, and report every syntax error
            tcg test DIR             run DIR's .tcg scripts on a copy of the workspace,
                                     comparing their output with their `# expect:` lines
            tcg verify               check the audit trail's hash chain: report the first
                                     entry altered or removed by hand-editing the file
            tcg demo [PATH]          write a demo register (a year of T&C business)
            tcg db init URL          create the tables and roles in a PostgreSQL database
            tcg copy FROM TO         copy a register between workspace files and
                                     postgresql:// URLs, audit trail included
            tcg help [VERB...]       the language's commands, or one verb's help
            tcg --interactive        read stdin as at the prompt: each statement commits
                                     on its own

            Exit status: 0 success; 1 a statement failed; 2 bad usage; 3 the workspace
            cannot be read, is not a tcg workspace, or is locked by another writer.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, TestCommand.self, VerifyCommand.self, DemoCommand.self,
                      CopyCommand.self, DbCommand.self, LanguageHelpCommand.self, SessionCommand.self],
        defaultSubcommand: SessionCommand.self
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and exit.", valueName: "STATEMENTS"))
    var command: String?

    @Flag(name: .long, help: "Read statements from stdin as at the prompt: each commits on its own (no terminal needed).")
    var interactive = false

    @Flag(name: .customShort("X"), help: "At the prompt, do not run the init file ($XDG_CONFIG_HOME/tcg/tcgrc, else ~/.tcgrc).")
    var skipsInitFile = false

    /// The subcommands' names, which swift-argument-parser routes (the fast path leaves them to it).
    static let subcommandNames: Set<String> = Set(configuration.subcommands.compactMap { $0.configuration.commandName })

    /// The subcommands `tcg --help` lists, for "did you mean".
    static var shownSubcommandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
    }

    static func main() {
        setlocale(LC_CTYPE, "")
        // Past the file size limit (ulimit -f) a write fails with EFBIG instead of killing tcg,
        // so that a save cleans up its temporary file and reports the error.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        // The common command lines are read directly: swift-argument-parser's reflection costs
        // about half of tcg's start-up. Anything else (subcommands, help, errors, unusual forms) goes to it.
        if let invocation = Invocation(quick: arguments) {
            invocation.execute().exit()
        }
        do {
            // A subcommand's run() ends the process with its status.
            var command = try Tcg.parseAsRoot(arguments)
            try command.run()
            ExitStatus.success.exit()
        } catch {
            let message = Tcg.fullMessage(for: error)
            if Tcg.exitCode(for: error) == .success {
                // --help, --version, --generate-completion-script.
                print(message)
                ExitStatus.success.exit()
            }
            // The message ends with the usage of the command it is about.
            Console.writeError("tcg: \(message)\n")
            ExitStatus.usage.exit()
        }
    }
}
