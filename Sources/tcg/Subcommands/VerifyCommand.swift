import ArgumentParser

/// `tcg verify`: the audit trail's hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain and name the first entry altered or removed by hand.")

    @OptionGroup var options: GlobalOptions

    func run() {
        Invocation(options, .verify, []).execute().exit()
    }
}
