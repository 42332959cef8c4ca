import ArgumentParser

/// `tcg demo [PATH]`: the trainers' demo register.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a demo register (a year of T&C business) to PATH, else --workspace, else demo.json.",
        discussion: "Never over an existing file.")

    @OptionGroup var options: GlobalOptions

    @ArgumentParser.Argument(help: ArgumentHelp("The new workspace file.", valueName: "PATH"), completion: .file(extensions: ["json"]))
    var path: String?

    func run() {
        Invocation(options, .demo, path.map { [$0] } ?? []).execute().exit()
    }
}
