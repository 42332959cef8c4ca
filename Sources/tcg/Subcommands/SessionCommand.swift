import ArgumentParser

/// What `tcg` does without a subcommand: the REPL, stdin as a script, `-c`, a FILE, or a STATEMENT.
/// It is the hidden default subcommand, so that swift-argument-parser sends it every command line
/// whose first word is not a subcommand's name.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "The REPL, stdin, -c, a script FILE or a STATEMENT.",
        shouldDisplay: false)

    @OptionGroup var options: GlobalOptions

    @ParentCommand var tcg: Tcg

    @ArgumentParser.Argument(help: ArgumentHelp("A script FILE [NAME=VALUE]..., or a statement's words.", valueName: "FILE-OR-STATEMENT"),
              completion: .file(extensions: ["tcg"]))
    var arguments: [String] = []

    func run() {
        var invocation = Invocation(options, .session, arguments)
        invocation.command = tcg.command
        invocation.interactive = tcg.interactive
        invocation.skipsInitFile = tcg.skipsInitFile
        invocation.execute().exit()
    }
}
