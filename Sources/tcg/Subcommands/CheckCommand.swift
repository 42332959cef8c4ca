import ArgumentParser

/// `tcg check FILE...`: parses only.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse script files, run nothing, and report every syntax error.")

    @OptionGroup var options: GlobalOptions

    @ArgumentParser.Argument(help: ArgumentHelp("The scripts.", valueName: "FILE"), completion: .file(extensions: ["tcg"]))
    var files: [String]

    func run() {
        Invocation(options, .check, files).execute().exit()
    }
}
