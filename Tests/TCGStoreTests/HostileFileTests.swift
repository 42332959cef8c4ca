import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import TCGDomain
@testable import TCGStore

/// Files planted by another user (or by mistake) beside a workspace must not receive this
/// user's data: links, pre-created files writable by others, files of another owner.
final class HostileFileTests: XCTestCase {
    /// Commits one change (a unit named `name`) through `store`.
    private func addUnit(_ name: String, via store: WorkspaceFile) throws {
        try store.transaction { (r: inout Register) throws in
            try r.addUnit(name: name, kind: .force, parent: nil)
            r.appendChained(AuditEntry(seq: r.auditCount + 1, at: "2027-01-01T00:00:00Z", day: Day(number: 0), user: "t",
                                      source: "test", statement: "add unit \(name)", changes: ["added unit \(name)"], ids: []))
        }
    }

    /// The message of the StoreError `body` throws; fails when it throws none.
    private func storeError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected a StoreError", file: file, line: line)
        } catch let error as StoreError {
            return error.description
        } catch {
            XCTFail("expected a StoreError, got \(error)", file: file, line: line)
        }
        return ""
    }

    func testALockLinkToAVictimFileLeavesTheVictimUnchanged() throws {
        let folder = try TempFolder()
        let victim = folder.file("victim.txt")
        try write(Array("precious\n".utf8), to: victim)
        XCTAssertEqual(symlink(victim, folder.file("w.json.lock")), 0)
        let message = storeError { try addUnit("Westshire", via: WorkspaceFile(path: folder.file("w.json"))) }
        XCTAssertTrue(message.contains("w.json.lock"), message)
        XCTAssertTrue(message.contains("symbolic link"), message)
        XCTAssertEqual(try bytes(of: victim), Array("precious\n".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("w.json")))
    }

    func testALockLinkToTheWorkspaceItselfDoesNotEmptyIt() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        try addUnit("Westshire", via: WorkspaceFile(path: path))
        let before = try bytes(of: path)
        XCTAssertGreaterThan(before.count, 0)
        XCTAssertEqual(unlink(path + ".lock"), 0)
        XCTAssertEqual(symlink("w.json", path + ".lock"), 0)
        let message = storeError { try addUnit("Eastshire", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("w.json.lock"), message)
        XCTAssertEqual(try bytes(of: path), before)
        XCTAssertEqual(try WorkspaceFile(path: path).open().units.count, 1)
    }

    func testAHardLinkedLockIsRefused() throws {
        let folder = try TempFolder()
        let victim = folder.file("victim.txt")
        try write(Array("precious\n".utf8), to: victim)
        XCTAssertEqual(link(victim, folder.file("w.json.lock")), 0)
        let message = storeError { try addUnit("Westshire", via: WorkspaceFile(path: folder.file("w.json"))) }
        XCTAssertTrue(message.contains("hard links"), message)
        XCTAssertEqual(try bytes(of: victim), Array("precious\n".utf8))
    }

    func testAWorldWritablePreCreatedJournalIsRefused() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        try addUnit("Westshire", via: WorkspaceFile(path: path))
        XCTAssertTrue(FileManager.default.createFile(atPath: path + ".journal", contents: Data()))
        XCTAssertEqual(chmod(path + ".journal", 0o666), 0)
        let message = storeError { try addUnit("Eastshire", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("w.json.journal"), message)
        XCTAssertTrue(message.contains("writable by other users"), message)
        XCTAssertEqual(try bytes(of: path + ".journal"), [])
    }

    func testAJournalLinkIsNotWrittenThrough() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        try addUnit("Westshire", via: WorkspaceFile(path: path))
        let victim = folder.file("victim.txt")
        try write(Array("precious\n".utf8), to: victim)
        XCTAssertEqual(symlink(victim, path + ".journal"), 0)
        let message = storeError { try addUnit("Eastshire", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("w.json.journal"), message)
        XCTAssertEqual(try bytes(of: victim), Array("precious\n".utf8))
    }

    func testAJournalOwnedByAnotherUserIsRefused() throws {
        guard geteuid() == 0 else { throw XCTSkip("making a file another user's needs root (chown)") }
        guard let nobody = getpwnam("nobody") else { throw XCTSkip("no user nobody") }
        let folder = try TempFolder()
        let path = folder.file("w.json")
        try addUnit("Westshire", via: WorkspaceFile(path: path))
        XCTAssertTrue(FileManager.default.createFile(atPath: path + ".journal", contents: Data()))
        XCTAssertEqual(chmod(path + ".journal", 0o600), 0)
        XCTAssertEqual(chown(path + ".journal", nobody.pointee.pw_uid, nobody.pointee.pw_gid), 0)
        let message = storeError { try addUnit("Eastshire", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("w.json.journal"), message)
        XCTAssertTrue(message.contains("owned by another user"), message)
        XCTAssertEqual(try bytes(of: path + ".journal"), [])
    }

    func testAWorkspaceOwnedByAnotherUserIsReadButNotChanged() throws {
        guard geteuid() == 0 else { throw XCTSkip("making a file another user's needs root (chown)") }
        guard let nobody = getpwnam("nobody") else { throw XCTSkip("no user nobody") }
        let folder = try TempFolder()
        let path = folder.file("w.json")
        try addUnit("Westshire", via: WorkspaceFile(path: path))
        try addUnit("Eastshire", via: WorkspaceFile(path: path))
        let before = try bytes(of: path)
        for file in [path, path + ".journal"] { XCTAssertEqual(chown(file, nobody.pointee.pw_uid, nobody.pointee.pw_gid), 0) }
        XCTAssertEqual(try WorkspaceFile(path: path).open().units.count, 2, "its owner's journal is read with it")
        let message = storeError { try addUnit("Northshire", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("owned by another user"), message)
        XCTAssertEqual(try bytes(of: path), before)
        // A journal of someone other than the snapshot's owner is not read.
        XCTAssertEqual(chown(path, 0, 0), 0)
        let read = storeError { _ = try WorkspaceFile(path: path).open() }
        XCTAssertTrue(read.contains("w.json.journal") && read.contains("owned by another user"), read)
    }

    func testALinkAndItsTargetAreOneRegister() throws {
        let folder = try TempFolder()
        let target = folder.file("w.json")
        let link = folder.file("link.json")
        try addUnit("First", via: WorkspaceFile(path: target))
        XCTAssertEqual(symlink("w.json", link), 0)
        XCTAssertEqual(WorkspaceFile(path: link).path, RealPath.of(target))
        // Alternate: each writer must see what the other committed, through one journal and one lock.
        let viaLink = WorkspaceFile(path: link)
        let viaTarget = WorkspaceFile(path: target)
        for i in 0..<4 {
            try addUnit("Unit\(i)", via: i % 2 == 0 ? viaLink : viaTarget)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: link + ".journal"), "no journal is named after the link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: link + ".lock"), "no lock is named after the link")
        let register = try WorkspaceFile(path: target).open()
        XCTAssertEqual(register.units.map(\.name), ["First", "Unit0", "Unit1", "Unit2", "Unit3"])
        XCTAssertEqual(try register.fullAudit().map(\.seq), [1, 2, 3, 4, 5])
        XCTAssertEqual(try WorkspaceFile(path: link).open().units.count, 5)
        var info = stat()
        XCTAssertEqual(lstat(link, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, "the link is left a link")
    }

    func testADanglingWorkspaceLinkIsRefused() throws {
        let folder = try TempFolder()
        let link = folder.file("link.json")
        XCTAssertEqual(symlink(folder.file("elsewhere.json"), link), 0)
        let message = storeError { try addUnit("First", via: WorkspaceFile(path: link)) }
        XCTAssertTrue(message.contains("symbolic link"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("elsewhere.json")))
    }

    func testAReportOntoALinkIsRefusedAndItsTargetUnchanged() throws {
        let folder = try TempFolder()
        let victim = folder.file("victim.txt")
        try write(Array("precious\n".utf8), to: victim)
        XCTAssertEqual(symlink(victim, folder.file("pack.md")), 0)
        let message = storeError { try DurableFile.write(folder.file("pack.md"), Array("report\n".utf8)) }
        XCTAssertTrue(message.contains("symbolic link"), message)
        XCTAssertEqual(try bytes(of: victim), Array("precious\n".utf8))
        XCTAssertEqual(try folder.listing(), ["pack.md", "victim.txt"], "no temporary file is left")
    }

    func testAFolderWritableByOthersNeedsTheStickyBit() throws {
        let folder = try TempFolder()
        let path = folder.file("w.json")
        XCTAssertEqual(chmod(folder.path, 0o777), 0)
        let message = storeError { try addUnit("First", via: WorkspaceFile(path: path)) }
        XCTAssertTrue(message.contains("sticky"), message)
        XCTAssertEqual(try folder.listing(), [])
        XCTAssertEqual(chmod(folder.path, 0o1777), 0)
        try addUnit("First", via: WorkspaceFile(path: path))
        XCTAssertEqual(try WorkspaceFile(path: path).open().units.count, 1)
    }
}

/// The real path of a file, as the store resolves a link.
private enum RealPath {
    static func of(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
