import TCGDomain
import TCGStore
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class DurabilityTests: XCTestCase {
    /// Adds a person in a transaction (a change the audit trail records, so it is saved).
    private func addPerson(_ name: String, to store: WorkspaceFile) throws {
        try store.transaction { r in
            _ = try r.addPerson(name: name, role: nil, unit: nil, agency: nil)
            logged(&r, "add person \"\(name)\"")
        }
    }

    func testWorkspaceAndJournalAreOwnerOnlyAfterCreateAndEveryResave() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let oldMask = umask(0)  // the most permissive umask must not widen the mode
        defer { umask(oldMask) }
        let store = WorkspaceFile(path: path)
        try addPerson("Ann Lee", to: store)
        XCTAssertEqual(mode(of: path), 0o600)
        XCTAssertEqual(mode(of: path + ".lock"), 0o600)

        XCTAssertEqual(chmod(path, 0o644), 0)
        try addPerson("Bob Quinn", to: store)
        XCTAssertEqual(mode(of: path + ".journal"), 0o600, "the journal is created 0600")
        XCTAssertEqual(chmod(path + ".journal", 0o644), 0)
        try addPerson("Cat Ng", to: WorkspaceFile(path: path))
        XCTAssertEqual(mode(of: path + ".journal"), 0o600, "an append makes the journal 0600 again")
        try store.close()
        XCTAssertEqual(mode(of: path), 0o600, "a fold writes the snapshot 0600 again")
        XCTAssertEqual(mode(of: path + ".journal"), 0o600)
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.journal", "ws.json.lock"], "no temporary files left behind")
        XCTAssertEqual(try WorkspaceFile(path: path).open().people.map(\.name), ["Ann Lee", "Bob Quinn", "Cat Ng"])
    }

    func testSnapshotsReplaceTheFileByRenameAndCommitsAppendToTheJournal() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let store = WorkspaceFile(path: path)
        try addPerson("Ann Lee", to: store)
        var before = stat()
        XCTAssertEqual(stat(path, &before), 0)
        try addPerson("Bob Quinn", to: store)
        var after = stat()
        XCTAssertEqual(stat(path, &after), 0)
        XCTAssertEqual(before.st_ino, after.st_ino, "a small commit goes to the journal, not the snapshot")
        var journal = stat()
        XCTAssertEqual(stat(path + ".journal", &journal), 0)
        XCTAssertGreaterThan(journal.st_size, 0)
        try store.close()
        XCTAssertEqual(stat(path, &after), 0)
        XCTAssertNotEqual(before.st_ino, after.st_ino, "the fold rewrote the snapshot in place, not by rename")
        var emptied = stat()
        XCTAssertEqual(stat(path + ".journal", &emptied), 0)
        XCTAssertEqual(emptied.st_size, 0)
        XCTAssertEqual(emptied.st_ino, journal.st_ino, "the journal is emptied, not replaced")
    }

    func testAStaleTemporaryFileIsReplaced() throws {
        let folder = try TempFolder()
        let path = folder.file("ws.json")
        let stale = folder.file(".ws.json.tmp-\(getpid())")
        try write(Array("half a save".utf8), to: stale)
        try addPerson("Ann Lee", to: WorkspaceFile(path: path))
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.lock"])
        XCTAssertEqual(try WorkspaceFile(path: path).open().people.count, 1)
    }

    func testRelativePathInTheCurrentFolder() throws {
        let folder = try TempFolder()
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try addPerson("Ann Lee", to: WorkspaceFile(path: "tcg-workspace.json"))
        XCTAssertEqual(try folder.listing(), ["tcg-workspace.json", "tcg-workspace.json.head", "tcg-workspace.json.lock"])
        XCTAssertEqual(try WorkspaceFile(path: "tcg-workspace.json").open().people.count, 1)
    }
}

final class SaveFailureTests: XCTestCase {
    /// A workspace with one person, and its bytes.
    private func existing(_ folder: TempFolder) throws -> (path: String, bytes: [UInt8]) {
        let path = folder.file("ws.json")
        try WorkspaceFile(path: path).transaction { r in
            _ = try r.addPerson(name: "Ann Lee", role: nil, unit: nil, agency: nil)
            logged(&r, "add person")
        }
        return (path, try bytes(of: path))
    }

    /// A transaction that would add a person; it must fail with a StoreError.
    private func assertSaveFails(_ store: WorkspaceFile, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try store.transaction { r in
            _ = try r.addPerson(name: "Bob Quinn", role: nil, unit: nil, agency: nil)
            logged(&r, "add person")
        }, file: file, line: line) { error in
            guard let error = error as? StoreError else { return XCTFail("not a StoreError: \(error)", file: file, line: line) }
            XCTAssertEqual(error.path, store.path, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: line)
        }
    }

    func testSavingIntoAReadOnlyFolderFailsAndKeepsTheOldFile() throws {
        guard getuid() != 0 else {
            // Root ignores folder permissions: test a workspace whose folder does not exist instead
            // (and testWhenTheTemporaryFileCannotBeCreatedTheOldFileIsKept keeps an old file).
            let folder = try TempFolder()
            assertSaveFails(WorkspaceFile(path: folder.file("missing/ws.json")), "does not exist")
            XCTAssertEqual(try folder.listing(), [])
            return
        }
        let folder = try TempFolder()
        let (path, old) = try existing(folder)
        XCTAssertEqual(chmod(folder.path, 0o500), 0)
        defer { chmod(folder.path, 0o700) }
        let store = WorkspaceFile(path: path)
        assertSaveFails(store, "cannot save: cannot create")
        XCTAssertEqual(try bytes(of: path), old)
        XCTAssertEqual(try store.open().people.count, 1)
        chmod(folder.path, 0o700)
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.lock"])
    }

    func testSavingIntoAMissingFolderFails() throws {
        let folder = try TempFolder()
        let store = WorkspaceFile(path: folder.file("no/such/folder/ws.json"))
        XCTAssertTrue(try store.open().people.isEmpty, "reading a missing workspace is not an error")
        assertSaveFails(store, "does not exist")
        XCTAssertEqual(try folder.listing(), [])
    }

    func testSavingUnderAFileFails() throws {
        let folder = try TempFolder()
        try write(Array("x".utf8), to: folder.file("plain"))
        assertSaveFails(WorkspaceFile(path: folder.file("plain/ws.json")), "Not a directory")
    }

    func testWhenTheTemporaryFileCannotBeCreatedTheOldFileIsKept() throws {
        let folder = try TempFolder()
        let (path, old) = try existing(folder)
        // A folder where the temporary file must go: creating it fails even for root.
        let blocker = folder.file(".ws.json.tmp-\(getpid())")
        XCTAssertEqual(mkdir(blocker, 0o700), 0)
        // A whole register replaced (not an append to its audit trail) needs a snapshot.
        let store = WorkspaceFile(path: path)
        XCTAssertThrowsError(try store.transaction { r in r = try SampleRegister.make() }) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("cannot save: cannot create \(blocker)") == true, "\(error)")
        }
        XCTAssertEqual(try bytes(of: path), old)
        XCTAssertEqual(try store.open().people.map(\.name), ["Ann Lee"], "the failed change is not cached")

        // A small change goes to the journal; folding it needs the temporary file and fails,
        // leaving both files as they were.
        try store.transaction { r in
            _ = try r.addPerson(name: "Bob Quinn", role: nil, unit: nil, agency: nil)
            logged(&r, "add person")
        }
        let journal = try bytes(of: path + ".journal")
        XCTAssertThrowsError(try store.close()) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("cannot save: cannot create \(blocker)") == true, "\(error)")
        }
        XCTAssertEqual(try bytes(of: path), old)
        XCTAssertEqual(try bytes(of: path + ".journal"), journal)
        XCTAssertEqual(try store.open().people.map(\.name), ["Ann Lee", "Bob Quinn"])
        XCTAssertEqual(try WorkspaceFile(path: path).open().people.map(\.name), ["Ann Lee", "Bob Quinn"])
        XCTAssertEqual(rmdir(blocker), 0)
        try store.close()
        XCTAssertEqual(try folder.listing(), ["ws.json", "ws.json.head", "ws.json.journal", "ws.json.lock"])
        XCTAssertEqual(try bytes(of: path + ".journal"), [])
    }

    func testAnInconsistentRegisterIsNotSaved() throws {
        let folder = try TempFolder()
        let (path, old) = try existing(folder)
        XCTAssertThrowsError(try WorkspaceFile(path: path).transaction { r in
            var twin = r.people[0]
            twin.name = "Ann Twin"
            r.people.append(twin)  // a duplicate id the loader would refuse
            logged(&r, "corrupt")
        }) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("refusing to save an inconsistent register: people[1]: duplicate id PE-1") == true, "\(error)")
        }
        XCTAssertEqual(try bytes(of: path), old)
    }
}
