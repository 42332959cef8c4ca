import ArgumentParser

/// `tcg run FILE [NAME=VALUE]...`: a script file as one transaction.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script file as one transaction (NAME=VALUE are $NAME inside it).",
        discussion: "If any statement fails, nothing of the script is saved and the error names FILE:LINE:COL.")

    @OptionGroup var options: GlobalOptions

    @ArgumentParser.Argument(help: ArgumentHelp("The script.", valueName: "FILE"), completion: .file(extensions: ["tcg"]))
    var file: String

    @ArgumentParser.Argument(help: ArgumentHelp("Script parameters: $NAME inside the script.", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    func run() {
        Invocation(options, .run, [file] + parameters).execute().exit()
    }
}
