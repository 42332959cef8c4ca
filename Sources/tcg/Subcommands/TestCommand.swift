import ArgumentParser

/// `tcg test PATH...`: analysts' scripts against their `# expect:` lines.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run .tcg scripts (files, or every .tcg in a folder) on a copy of the workspace and compare their output with their `# expect:` lines.",
        discussion: "`# expect: LINE` is a line the script prints (in order); `# expect-error: TEXT` expects it to fail with TEXT; `# expect-status: N` expects exit status N. A script with none of these is reported as having no expectations and is not run.")

    @OptionGroup var options: GlobalOptions

    @ArgumentParser.Argument(help: ArgumentHelp("The .tcg scripts, or folders of them.", valueName: "PATH"), completion: .file(extensions: ["tcg"]))
    var paths: [String]

    func run() {
        Invocation(options, .test, paths).execute().exit()
    }
}
