import Foundation
import TCGTestSupport
import XCTest

/// The real tcg against files that could turn it against its user: links planted beside the
/// workspace, a symlinked workspace path, script input that never ends or never comes, an
/// empty workspace path, and a file size limit.
final class HostileFileEndToEndTests: XCTestCase {
    private func folder() throws -> URL { try TcgProcess.temporaryFolder() }

    private func bytes(_ folder: URL, _ name: String) -> [UInt8]? { Reliability.bytes(folder.appendingPathComponent(name)) }

    func testALockLinkToTheWorkspaceIsRefusedAndTheWorkspaceKept() throws {
        let dir = try folder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "w.json", "-c", "add unit Westshire kind force"], in: dir).status, 0)
        let before = try XCTUnwrap(bytes(dir, "w.json"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("w.json.lock"))
        XCTAssertEqual(symlink("w.json", dir.appendingPathComponent("w.json.lock").path), 0)
        let r = try TcgProcess.run(["--workspace", "w.json", "-c", "add unit Eastshire kind force"], in: dir)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("w.json.lock") && r.stderr.contains("symbolic link"), r.stderr)
        XCTAssertEqual(bytes(dir, "w.json"), before)
    }

    func testALinkAndItsTargetUsedAlternatelyAreOneRegister() throws {
        let dir = try folder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "w.json", "-c", TcgProcess.smallCycle], in: dir).status, 0)
        XCTAssertEqual(symlink("w.json", dir.appendingPathComponent("link.json").path), 0)
        for i in 0..<4 {
            let path = i % 2 == 0 ? "link.json" : "w.json"
            let r = try TcgProcess.run(["--workspace", path, "-c", "open M-2\nadd action enforcement \"Task \(i)\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-20"], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("A-\(i + 2)"), "ids follow on whichever name is used: \(r.stdout)")
        }
        let list = try TcgProcess.run(["--workspace", "link.json", "--format", "csv", "-c", "list actions"], in: dir)
        for i in 1...5 { XCTAssertTrue(list.stdout.contains("A-\(i),"), list.stdout) }
        XCTAssertNil(bytes(dir, "link.json.journal"))
        XCTAssertNil(bytes(dir, "link.json.lock"))
    }

    func testReportOntoALinkIsRefusedAndItsTargetUnchanged() throws {
        let dir = try folder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "w.json", "-c", TcgProcess.smallCycle], in: dir).status, 0)
        try Data("precious\n".utf8).write(to: dir.appendingPathComponent("victim.txt"))
        XCTAssertEqual(symlink("victim.txt", dir.appendingPathComponent("register.html").path), 0)
        let r = try TcgProcess.run(["--workspace", "w.json", "-c", "report register to \"register.html\""], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("register.html") && r.stderr.contains("symbolic link"), r.stderr)
        XCTAssertEqual(bytes(dir, "victim.txt"), Array("precious\n".utf8))
    }

    func testRunOfDevZeroIsRefused() throws {
        let dir = try folder()
        let r = try TcgProcess.run(["--workspace", "w.json", "-c", "run \"/dev/zero\""], in: dir, timeout: 20)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("character device"), r.stderr)
        let direct = try TcgProcess.run(["--workspace", "w.json", "run", "/dev/zero"], in: dir, timeout: 20)
        XCTAssertEqual(direct.status, 2, direct.stderr)
    }

    func testRunOfAFIFOIsRefusedAtOnceWithoutHoldingTheLock() throws {
        let dir = try folder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "w.json", "-c", TcgProcess.smallCycle], in: dir).status, 0)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe.tcg").path, 0o600), 0)
        // The change comes first, so the run is reached again under the writer lock.
        let script = "add unit Northshire kind force\nrun \"pipe.tcg\""
        let started = Date()
        let first = try Reliability.start(["--workspace", "w.json", "-c", script], in: dir, environment: ["TCG_LOCK_TIMEOUT": "2"])
        let second = try TcgProcess.run(["--workspace", "w.json", "-c", "add unit Southshire kind force"], in: dir,
                                        environment: ["TCG_LOCK_TIMEOUT": "5"], timeout: 20)
        XCTAssertEqual(second.status, 0, "a second writer commits meanwhile: \(second.stderr)")
        let r = first.wait(timeout: 20)
        XCTAssertFalse(r.timedOut, "run of a FIFO must not wait for a writer")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("FIFO"), r.stderr)
    }

    func testStdinFromDevZeroIsRefused() throws {
        let dir = try folder()
        let r = try ChildProcess.run("/bin/sh", ["-c", "exec \"$0\" --workspace w.json < /dev/zero", TcgProcess.binary.path],
                                     in: dir, environment: Reliability.environment([:]), timeout: 20)
        XCTAssertFalse(r.timedOut)
        XCTAssertTrue(r.endedNormally, "ended by signal \(r.status): \(r.stderr)")
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("stdin") && r.stderr.contains("character device"), r.stderr)
    }

    func testStdinFromAnEndlessPipeIsCapped() throws {
        let dir = try folder()
        let r = try ChildProcess.run("/bin/sh", ["-c", "yes 'count people' | \"$0\" --workspace w.json", TcgProcess.binary.path],
                                     in: dir, environment: Reliability.environment(["TCG_SCRIPT_LIMIT": "100000"]), timeout: 20)
        XCTAssertFalse(r.timedOut)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("100000 bytes"), r.stderr)
    }

    func testAnEmptyWorkspacePathIsAUsageError() throws {
        let dir = try folder()
        let r = try TcgProcess.run(["--workspace", "", "-c", "add unit Westshire kind force"], in: dir)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("--workspace"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }

    func testAFileSizeLimitLeavesNoTemporaryFile() throws {
        let dir = try folder()
        let r = try ChildProcess.run("/bin/sh", ["-c", "ulimit -f 0; exec \"$0\" --workspace w.json -c 'add unit Westshire kind force'",
                                                 TcgProcess.binary.path],
                                     in: dir, environment: Reliability.environment([:]), timeout: 30)
        XCTAssertTrue(r.endedNormally, "ended by signal \(r.status): \(r.stderr)")
        XCTAssertEqual(r.status, 3, r.stderr)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(left, [])
        XCTAssertNil(bytes(dir, "w.json"))
    }
}
