import Foundation
import TCGPostgres
import TCGTestSupport
import XCTest

/// One behaviour, two stores (issue 14 item 6): the store the end-to-end tests about tcg's
/// behaviour run on. A plain `swift test` runs them on a workspace file in each test's folder;
/// `TCG_TEST_STORE=postgres` (scripts/test's second run, over ``classes``) runs the very same
/// tests each on a fresh PostgreSQL database named by URL, skipped, saying why, without a server.
/// swift-corelibs-XCTest on Linux does not run a test method a subclass inherits (tried: a
/// subclass of a test class runs none of its tests), hence a second run rather than subclasses.
///
/// The matrix, class by class:
/// - store-agnostic, run on both: ExamplesTests (examples/ on a full cycle), ScoringEndToEndTests,
///   MachineOutputTests (JSON Lines and CSV on the demo register), MaxMarkingTests, SubcommandTests,
///   OnePathTests, CommandLineTests, TrainerTests (the demo register's story; `tcg demo` itself
///   writes a file), AuditChainEndToEndTests (the minutes' head and the demo's verify), ReplTests
///   (the REPL at a terminal, in tmux), ProgressTests (progress on a terminal), OutputSafetyTests
///   (hostile data escaped; its hand-edited workspace stays a file on both).
///   A test in them that is about the file says so and stays on the file (``fileOnly(_:)``).
/// - about the workspace file, on it only: CrashSafetyTests (killed saves, full disk),
///   HostileFileEndToEndTests (links, FIFOs, file size limits), MigrationTests (workspace format
///   versions), ReliabilityTests (malformed workspace files, the file lock), WorkspaceNamedTests
///   (a missing file's name and creation).
/// - run on both already by tests of their own: GoldenTests (PostgresGoldenTests), TutorialTests
///   (PostgresTutorialTests), and the spec example (PostgresEndToEndTests).
/// - not yet in the matrix: InitFileTests, EditAtThePromptTests, ScriptTestCommandTests (`tcg
///   test`: files only) and ReportTests, small classes beside the ones above.
enum StoreUnderTest {
    /// The test classes scripts/test runs a second time with `TCG_TEST_STORE=postgres`.
    static let classes = [
        "ExamplesTests", "ScoringEndToEndTests", "MachineOutputTests", "MaxMarkingTests", "SubcommandTests",
        "OnePathTests", "CommandLineTests", "TrainerTests", "AuditChainEndToEndTests", "ReplTests", "ProgressTests",
        "OutputSafetyTests",
    ]

    /// Whether this run's tests use PostgreSQL (`TCG_TEST_STORE=postgres`).
    static var isPostgres: Bool { ProcessInfo.processInfo.environment["TCG_TEST_STORE"] == "postgres" }

    /// A new, empty workspace for one test: `name` in the test's folder, or a new database with
    /// the schema (copied from one migrated template, so it is cheap). Skips without a server.
    static func workspace(_ name: String) throws -> TestWorkspace {
        guard isPostgres else { return TestWorkspace(name: name, database: nil) }
        try available()
        guard let server = TestDatabase.server, let template = try template() else { throw XCTSkip(TestDatabase.skipReason) }
        let database = "\(TestDatabase.name(of: template))_\(UInt32.random(in: 0...UInt32.max))"
        try PGConnection(PGAddress(server)).exec("CREATE DATABASE \(database) TEMPLATE \(TestDatabase.name(of: template))")
        return TestWorkspace(name: name, database: TestDatabase.url(server, database: database))
    }

    /// Skips the test, saying why, when it is to run on PostgreSQL and there is no server.
    static func available() throws {
        if isPostgres && TestDatabase.server == nil { throw XCTSkip(TestDatabase.skipReason) }
    }

    /// Skips the test's PostgreSQL run with a skip saying why it is about the workspace file.
    static func fileOnly(_ reason: String) throws {
        if isPostgres { throw XCTSkip("about the workspace file, not the store: \(reason)") }
    }

    /// The database every test's database is copied from, migrated once per test process.
    nonisolated(unsafe) private static var made: String?

    /// ``made``, making it the first time.
    private static func template() throws -> String? {
        if let made { return made }
        guard let url = try TestDatabase.fresh() else { return nil }
        _ = try PGSchema.migrate(PGConnection(PGAddress(url)))
        made = url
        return url
    }
}

/// One test's register in the store under test: a workspace file's name in the test's folder,
/// or a database's URL (for each login role a test names). Used on the test's own thread only.
final class TestWorkspace: @unchecked Sendable {
    /// The file's name, in the test's folder; also what tests are told to expect in messages.
    let name: String
    /// The database's URL as the server's own role, or nil for a file.
    let database: String?
    /// The database's URL for each login role made so far.
    private var urls: [String: String] = [:]

    /// The workspace `name`, kept in `database` when there is one.
    init(name: String, database: String?) {
        self.name = name
        self.database = database
    }

    /// The role the tests' runs are (`USER=tester`, Reliability.environment): the audit names it.
    static let tester = "tester"

    /// What `--workspace` or `$TCG_WORKSPACE` names for runs as `user`: the file, or the database's
    /// URL as the login role `user` (made, with every tcg role and clearance, if it is new).
    func path(as user: String = TestWorkspace.tester) throws -> String {
        guard let database else { return name }
        if let url = urls[user] { return url }
        let url = try TestDatabase.login(user, in: ["tcg_manager", "tcg_sensitive"], at: database)
        urls[user] = url
        return url
    }

    /// The arguments that run tcg on this workspace as `user`: on a file `--user`, on PostgreSQL
    /// the login role (where `--user` naming another role is refused).
    func arguments(as user: String) throws -> [String] {
        database == nil ? ["--workspace", name, "--user", user] : ["--workspace", try path(as: user)]
    }

    /// `text` as it reads on this store: the workspace's name, where a message gives it, as the URL.
    func shown(_ text: String) throws -> String {
        guard database != nil else { return text }
        return text.replacingOccurrences(of: name, with: PGAddress(try path()).shown)
    }

    /// The register as it stands, to compare before and after a refusal: the workspace's files,
    /// or the register copied out of the database (the same bytes while nothing changed).
    func snapshot(in folder: URL) throws -> Data {
        guard database != nil else {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix(name) && !$0.hasSuffix(".lock") }.sorted()
            return try files.reduce(into: Data()) { $0 += try Data(contentsOf: folder.appendingPathComponent($1)) }
        }
        let copy = folder.appendingPathComponent("snapshot-\(UInt32.random(in: 0...UInt32.max)).json")
        defer { try? FileManager.default.removeItem(at: copy) }
        let copied = try TcgProcess.run(["copy", try path(), copy.path], in: folder)
        guard copied.status == 0 else { return Data(("no register: " + copied.stderr).utf8) }
        return try Data(contentsOf: copy)
    }

    /// Puts the register of the workspace file `file` (in `folder`) here: a file keeps it as it is
    /// (renamed to ``name``), a database gets it by `tcg copy`. Nil when it is here, else why not.
    func take(_ file: String, in folder: URL) throws -> String? {
        guard let database else {
            if file != name {
                try FileManager.default.moveItem(at: folder.appendingPathComponent(file), to: folder.appendingPathComponent(name))
            }
            return nil
        }
        // As the server's own role: the audit entries copied name other roles (only a superuser may write those).
        let copied = try TcgProcess.run(["copy", file, database], in: folder)
        return copied.status == 0 ? nil : "tcg copy \(file) into the database: \(copied.stderr)"
    }

    /// The environment that names `user` for runs that name no workspace: `$TCG_USER` on a file,
    /// on PostgreSQL `$TCG_WORKSPACE` as the login role `user`.
    func environment(as user: String) throws -> [String: String] {
        database == nil ? ["TCG_USER": user] : ["TCG_WORKSPACE": try path(as: user)]
    }

    /// Whether a register has been written here: the file exists, or the database's head has
    /// been raised by a commit.
    func holdsRegister(in folder: URL) throws -> Bool {
        guard let database else { return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }
        let head = try PGConnection(PGAddress(database)).exec("SELECT version FROM tcg.register_head").rows
        return head.first?.first.flatMap { $0.flatMap(Int.init) }.map { $0 > 0 } ?? false
    }

    /// `environment` with, on PostgreSQL, `$TCG_WORKSPACE` naming the database (unless it names
    /// another), for runs that name no workspace and so use the default.
    func environment(_ environment: [String: String] = [:]) throws -> [String: String] {
        guard database != nil, environment["TCG_WORKSPACE"] == nil else { return environment }
        return environment.merging(["TCG_WORKSPACE": try path()]) { $1 }
    }

    /// Changes the register behind tcg's back, as someone with write access to the store could:
    /// `old` replaced by `new` in the workspace file, or in the `doc` of `table`'s rows.
    func tamper(_ old: String, _ new: String, table: String, in folder: URL) throws {
        guard let database else {
            let path = folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(text.contains(old), old)
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
            return
        }
        let changed = try PGConnection(PGAddress(database))
            .exec("UPDATE tcg.\(table) SET doc = replace(doc, $1, $2) WHERE strpos(doc, $1) > 0 RETURNING id", [old, new])
        XCTAssertFalse(changed.rows.isEmpty, old)
    }

    /// Drops the database (nothing for a file: the test's folder goes with it).
    func remove() {
        guard let database, let server = TestDatabase.server else { return }
        _ = try? PGConnection(PGAddress(server)).exec("DROP DATABASE IF EXISTS \(TestDatabase.name(of: database))")
    }
}
