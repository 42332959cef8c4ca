import ArgumentParser

/// `tcg verify`: the audit trail's hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain and the records it seals; name every entry altered, removed or cut off by hand.")

    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("head"), help: "Prove that nothing up to the entry with this hash (a register head printed in minutes or an agenda) has changed.")
    var head: String?

    @Flag(name: .customLong("accept"), help: "Record in the audit trail that you accept the breaks found, so that changes are saved again.")
    var accept = false

    func run() {
        Invocation(options, .verify, (accept ? ["--accept"] : []) + (head.map { ["--head", $0] } ?? [])).execute().exit()
    }
}
