import TCGDomain
import TCGPostgres
import TCGStore

/// `tcg db init URL` and `tcg copy FROM TO`: a register in PostgreSQL (docs/postgresql.md).
enum Database {
    /// Creates or migrates the schema and roles at `url`; says which migrations ran.
    static func initialise(_ url: String, console: Console) -> ExitStatus {
        guard let address = PGAddress(url: url) else {
            console.message("tcg: db init needs a postgresql:// URL (or postgres:///DB?host=/SOCKET/DIR), not \(url)")
            return .usage
        }
        do {
            let connection = try PGConnection(address)
            let ran = try PGSchema.migrate(connection)
            if ran.isEmpty {
                console.write("\(address.shown): the tcg schema is up to date (version \(PGSchema.version)); nothing to do\n")
            }
            for migration in ran {
                console.write("\(address.shown): applied migration \(migration.version): \(migration.name)\n")
            }
            // Row-level security (migration 7) needs the records a role without clearance may not read.
            if ran.contains(where: { $0.version == 7 }) {
                do { try PostgresStore(address: address).markHidden() } catch {
                    console.message(error.report)
                    return .workspace
                }
            }
            console.flush()
            return .success
        } catch {
            console.message("\(error.address): error: \(error)")
            console.message("help: check the URL and that the server is running and lets this role create schemas and roles; nothing was changed")
            return .workspace
        }
    }

    /// Copies the register at `source` to `target` (each a workspace path or a URL), exactly,
    /// audit trail included; refuses a target that holds a register already.
    static func copy(from source: String, to target: String, key: AuditKey?, lockTimeout: Double, console: Console) -> ExitStatus {
        let seal = WorkspaceSeal(key: key)
        do {
            let register: Register
            if let address = PGAddress(url: source) {
                let database = PostgresStore(address: address, lockTimeout: lockTimeout)
                database.seal = seal
                register = try database.whole()
            } else {
                let file = WorkspaceFile(path: source, lockTimeout: lockTimeout)
                file.migrates = false
                file.seal = seal
                if let absent = file.absent { throw absent }
                register = try file.open()
            }
            if register.auditCount == 0 {
                throw StoreError(path: PGAddress(source).shown, message: "holds no register yet: there is nothing to copy",
                                 help: "nothing was written")
            }
            let shown: String
            if let address = PGAddress(url: target) {
                let database = PostgresStore(address: address, lockTimeout: lockTimeout)
                try database.create(from: register)
                shown = address.shown
            } else {
                try WorkspaceFile(path: target, lockTimeout: lockTimeout).create(from: register)
                shown = target
            }
            console.write("copied \(register.auditCount) audit entries and every record from \(PGAddress(source).shown) to \(shown)\n")
            console.flush()
            return .success
        } catch let error as StoreError {
            console.message(error.report)
            return .workspace
        } catch {
            console.message("tcg: \(error)")
            return .workspace
        }
    }
}
