import ArgumentParser
import TCGDomain
import TCGLanguage

/// The options every form of the command line takes (before or after a subcommand's name).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).", valueName: "PATH"),
            completion: .file(extensions: ["json"]))
    var workspace: String?

    @Option(name: .long, help: ArgumentHelp("The register's clock (else $TCG_TODAY, else the saved clock, else the system date).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).", valueName: "NAME"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Output format: table, json, csv or markdown.", valueName: "FORMAT"),
            completion: .list(OutputFormat.allCases.map(\.rawValue)))
    var format: String = "table"

    @Option(name: .long, help: ArgumentHelp("Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.", valueName: "MARKING"),
            completion: .list(Marking.allCases.map(\.label)))
    var maxMarking: String?

    @Flag(name: .long, help: "Run and print, but save nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.")
    var quiet = false
}

extension Invocation {
    /// What a subcommand parsed by swift-argument-parser asks for.
    init(_ options: GlobalOptions, _ action: Action, _ arguments: [String]) {
        self.init(action: action, arguments: arguments)
        workspace = options.workspace
        today = options.today
        user = options.user
        format = options.format
        maxMarking = options.maxMarking
        dryRun = options.dryRun
        quiet = options.quiet
    }
}
