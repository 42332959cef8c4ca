import ArgumentParser

/// `tcg copy FROM TO`: a register from one workspace to another, JSON or PostgreSQL.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a register exactly, audit trail included, between workspace files and PostgreSQL URLs.",
        discussion: "TO must be new: a file that does not exist, or a database after tcg db init that holds no register yet.")

    @ArgumentParser.Argument(help: ArgumentHelp("The register to copy: a workspace PATH or a postgresql:// URL.", valueName: "FROM"),
                             completion: .file(extensions: ["json"]))
    var source: String

    @ArgumentParser.Argument(help: ArgumentHelp("Where to copy it: a new workspace PATH or an empty database's URL.", valueName: "TO"),
                             completion: .file(extensions: ["json"]))
    var target: String

    func run() {
        Invocation(action: .copy, arguments: [source, target]).execute().exit()
    }
}
