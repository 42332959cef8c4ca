import ArgumentParser
import TCGLanguage

/// `tcg help [VERB...]`: the language's help, as `help` prints it at the prompt.
struct LanguageHelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Show the language's commands, or one verb's or topic's help (`tcg --help` is the command line's).")

    @ArgumentParser.Argument(help: ArgumentHelp("A verb (`add action`), or a topic: setup, meetings, strategy, delivery, queries, scripting, session, kinds, dates.",
                                 valueName: "VERB"),
              completion: .list(LanguageHelpCommand.topics))
    var topic: [String] = []

    /// The verbs, then the topics that are not verbs.
    static var topics: [String] {
        let verbs = CommandTable.firstWords
        return verbs + (Help.topics.map(\.0) + ["kinds", "dates"]).filter { !verbs.contains($0) }
    }

    func run() {
        Invocation(action: .help, arguments: topic).execute().exit()
    }
}
