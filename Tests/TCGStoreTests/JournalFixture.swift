import TCGDomain
import TCGJSON
@testable import TCGStore
import XCTest

/// A workspace whose snapshot holds the sample register, and single-record changes to commit
/// to it, as the interpreter makes them (one audit entry per statement).
struct JournalFixture {
    /// The folder (removed when the fixture goes).
    let folder: TempFolder
    /// The workspace (snapshot) path.
    let path: String

    /// The journal's path.
    var journal: String { path + ".journal" }

    /// A new folder with the sample register saved as the snapshot.
    init() throws {
        folder = try TempFolder()
        path = folder.file("ws.json")
        let sample = try SampleRegister.make()
        try WorkspaceFile(path: path).transaction { $0 = sample }
    }

    /// A fresh store on the workspace, sharing nothing with any other.
    func store(lockTimeout: Double = 10) -> WorkspaceFile {
        WorkspaceFile(path: path, lockTimeout: lockTimeout)
    }

    /// The `i`th of a cycle of statements that each change one record or the small state:
    /// add a person, add progress to A-4, task an action at M-4, change a person's role, set
    /// the clock. Returns the register as committed.
    @discardableResult
    static func commitChange(_ i: Int, to store: WorkspaceFile) throws -> Register {
        try store.transaction { r -> Register in
            try change(i, &r)
            return r
        }
    }

    /// The `i`th change (see ``commitChange(_:to:)``), logged.
    static func change(_ i: Int, _ r: inout Register) throws {
        switch i % 5 {
        case 0: _ = try r.addPerson(name: "Person \(i)", role: "analyst", unit: "Eastbridge", agency: nil)
        case 1: try r.updateProgress(4, text: "progress \(i) \"quoted\"\nline two", today: try SampleRegister.day("2027-04-13"), meeting: nil)
        case 2: _ = try r.addAction(at: 4, type: .prevention, title: "Action \(i)", plan: 3, owner: 1, due: try SampleRegister.day("2027-05-01"))
        case 3: try r.updatePerson(2, role: "role \(i)", unit: nil, agency: nil, status: nil)
        default: r.setClock(try SampleRegister.day("2027-04-\(10 + i % 15)"))
        }
        logged(&r, "change \(i)")
    }

    /// The journal's lines, each with its newline.
    func journalLines() throws -> [[UInt8]] {
        let all = try bytes(of: journal)
        var lines: [[UInt8]] = []
        var start = 0
        for (i, byte) in all.enumerated() where byte == 0x0A {
            lines.append(Array(all[start...i]))
            start = i + 1
        }
        if start < all.count { lines.append(Array(all[start...])) }
        return lines
    }

    /// The snapshot's `journal_seq`.
    func watermark() throws -> Int? {
        try JSONValue.parse(try bytes(of: path))["journal_seq"]?.intValue
    }
}

/// Opening `path` fails with a StoreError about its journal whose message starts with
/// `prefix`; returns the error.
@discardableResult
func assertJournalRefused(_ path: String, _ prefix: String, file: StaticString = #filePath, line: UInt = #line) -> StoreError? {
    do {
        _ = try WorkspaceFile(path: path).open()
        XCTFail("the damaged journal was accepted", file: file, line: line)
        return nil
    } catch {
        XCTAssertEqual(error.path, path + ".journal", file: file, line: line)
        XCTAssertTrue(error.message.hasPrefix(prefix), "expected “\(prefix)…”, got: \(error.message)", file: file, line: line)
        XCTAssertNotNil(error.help, file: file, line: line)
        return error
    }
}
