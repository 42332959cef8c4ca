import Foundation
import TCGTestSupport
import XCTest

/// Runs the built `tcg` binary with arguments, stdin and environment, in a folder.
struct TcgProcess {
    /// What a run printed and how it ended.
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The `tcg` executable built beside the test bundle.
    static var binary: URL {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("tcg"),
            products.appendingPathComponent("tcg"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tcg"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The package's root folder.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs tcg and waits (at most `timeout` seconds, then kills it and fails the test), in
    /// the environment of ``Reliability/environment(_:)``.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, in folder: URL, environment: [String: String] = [:],
                    timeout: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let run = try Reliability.run(arguments, stdin: Array((stdin ?? "").utf8), in: folder, environment: environment,
                                      timeout: timeout, file: file, line: line)
        return Result(stdout: run.output, stderr: run.stderr, status: run.status)
    }

    /// A small register: a force and a BCU, two people, a priority, and a TT&CG (left open and
    /// current) with a plan and an action. Its meetings are held before the tests' clock
    /// (2027-01-15, from SOURCE_DATE_EPOCH): business is recorded only at a meeting that has met.
    static let smallCycle = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add person "Ch Supt Leo Hart" unit East
        add person "Sgt Bea Cole" unit East
        let s = create meeting stcg on 2027-01-04 unit Westshire
        open $s
        add priority "ASB" owner "Ch Supt Leo Hart" rationale "Harm"
        close meeting
        let t = create meeting ttcg on 2027-01-11 unit East
        open $t
        let plan = create plan "Op Lantern" for P-1 owner "Sgt Bea Cole"
        add action enforcement "Patrols" to $plan owner "Sgt Bea Cole" due 2027-03-15

        """

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL { try ChildProcess.temporaryFolder() }
}

/// A test case with a fresh temporary folder for each test, removed after it, and tcg run in it;
/// for a class in the store matrix (``storeWorkspace``), a new workspace in the store under test.
class FolderTestCase: XCTestCase {
    var folder: URL!
    /// The test's workspace in the store under test, when the class names one.
    var workspace: TestWorkspace!

    /// The workspace file's name this class's tests use, when the class is in the store matrix
    /// (StoreUnderTest): on PostgreSQL every run that names no workspace gets the test's database.
    class var storeWorkspace: String? { nil }

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        if let name = Self.storeWorkspace { workspace = try StoreUnderTest.workspace(name) }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        workspace?.remove()
    }

    /// Runs tcg in the folder.
    func tcg(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> TcgProcess.Result {
        try TcgProcess.run(args, stdin: stdin, in: folder, environment: try workspace?.environment(env) ?? env)
    }

    /// Writes a text file into the folder.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
