import TCGDomain
import TCGStore

/// `tcg verify`: the audit trail is tamper-evident; this finds the first entry altered or removed.
enum Verify {
    /// Exit 0 when the chain holds, 1 when it is broken, 3 when the workspace cannot be read.
    static func run(store: RegisterStore, path: String, console: Console) -> ExitStatus {
        let entries: [AuditEntry]
        do {
            entries = try store.open().fullAudit()
        } catch let error as StoreError {
            console.message("\(error)" + (error.help.map { "\nhelp: \($0)" } ?? ""))
            return .workspace
        } catch {
            console.message("\(path): error: \(error)")
            return .workspace
        }
        if let broken = AuditEntry.verify(entries) {
            console.message("\(path): error: \(broken.message)")
            console.message("help: the audit trail was changed outside tcg; entries before #\(broken.seq) check out")
            return .statementFailed
        }
        let chained = entries.filter { !$0.hash.isEmpty }.count
        console.write("\(path): the audit trail is intact: \(entries.count) entries, \(chained) in the hash chain\n")
        console.flush()
        return .success
    }
}
