import ArgumentParser

/// `tcg test DIR`: analysts' scripts against their `# expect:` lines.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a folder's .tcg scripts on a copy of the workspace and compare their output with their `# expect:` lines.",
        discussion: "`# expect: LINE` is a line the script prints (in order); `# expect-error: TEXT` expects it to fail with TEXT.")

    @OptionGroup var options: GlobalOptions

    @ArgumentParser.Argument(help: ArgumentHelp("The folder of .tcg scripts.", valueName: "DIR"), completion: .directory)
    var folder: String

    func run() {
        Invocation(options, .test, [folder]).execute().exit()
    }
}
