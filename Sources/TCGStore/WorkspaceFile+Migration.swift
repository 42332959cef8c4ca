#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain

/// What migrating a workspace did: printed by tcg as `tcg: migrated PATH from format version 1
/// to 2; the original is kept as PATH.v1.bak`.
public struct WorkspaceMigration: Sendable, Equatable, CustomStringConvertible {
    /// The workspace migrated.
    public var path: String
    /// Its format version before.
    public var from: Int
    /// Its format version now.
    public var to: Int
    /// The copy of the original snapshot (its journal, if it held lines, is `backup.journal`).
    public var backup: String

    public var description: String {
        "migrated \(path) from format version \(from) to \(to); the original is kept as \(backup)"
    }
}

/// Migration from an older format version; the caller holds the writer lock, except in
/// ``migrateOnRead(_:)``, which takes it.
extension WorkspaceFile {
    /// How many numbered backup names (`PATH.v1.bak.1` …) are tried before refusing.
    static let backupNames = 100

    /// After an unlocked look: migrates a workspace in an older version when this store
    /// migrates, its folder is writable and the lock is free at once; otherwise (a reader in a
    /// read-only folder, `--dry-run`, a writer busy) returns the register as read, unchanged.
    func migrateOnRead(_ looked: (register: Register, changed: Bool)) throws(StoreError) -> (register: Register, changed: Bool) {
        guard migrates, let current = view, current.version < WorkspaceFormat.version,
              AtomicFileWriter.isWritableFolder(of: path),
              let lock = WorkspaceLock.attempt(workspace: path) else { return looked }
        defer { lock.release() }
        AtomicFileWriter.removeStaleTemporaries(of: path)
        let register = try look(locked: true).register
        guard let again = view, again.version < WorkspaceFormat.version else { return (register, true) }
        return (try migrate(), true)
    }

    /// Migrates the workspace the view holds, in an older format version, to the current one
    /// and returns the register; the caller holds the writer lock and has just looked.
    ///
    /// In order: reads the whole audit trail and checks the hashes it already has; copies the
    /// original snapshot durably to `PATH.v1.bak` (and a journal holding lines to
    /// `PATH.v1.bak.journal`), or the first of `PATH.v1.bak.1` … that is free or already holds
    /// exactly these bytes; then writes the register, its trail chained from the first entry
    /// and one entry recording the migration, as a new snapshot (which empties the journal).
    /// A failure before that rename leaves the workspace as it was.
    func migrate() throws(StoreError) -> Register {
        guard let current = view, current.snapshot != .missing else {
            throw StoreError(path: path, message: "cannot migrate: the workspace was not read under the lock",
                             help: "this is a bug in tcg; the workspace was not changed")
        }
        let from = current.version
        func refuse(_ message: String, help: String = "the workspace was not changed") -> StoreError {
            StoreError(path: path, message: "cannot migrate from format version \(from) to \(WorkspaceFormat.version): \(message)", help: help)
        }
        guard migrates else {
            throw StoreError(path: path, message: "is in format version \(from); it is migrated to version \(WorkspaceFormat.version) "
                                 + "when a change is saved, which a dry run does not do",
                             help: "run without --dry-run to migrate it (a backup of the original is kept)")
        }
        guard AtomicFileWriter.isWritableFolder(of: path) else {
            throw refuse("its folder \(AtomicFileWriter.split(path).folder) is not writable, so no backup can be kept beside it",
                         help: "the workspace was not changed and can still be queried; make the folder writable, or copy the workspace somewhere writable")
        }
        let entries = try WorkspaceFormat.chained(try current.register.fullAudit(), version: from, path: path)
        guard let (snapshot, snapshotState) = try FileBytes.contents(of: path), snapshotState == current.snapshot else {
            throw refuse("the file changed while it was read", help: "try again; the workspace was not changed")
        }
        let journal = current.journal.size > 0 ? try FileBytes.contents(of: journalPath)?.bytes ?? [] : []
        let backup = try keepOriginal(snapshot, journal: journal, version: from, refuse: refuse)

        var migrated = current.register
        migrated.seal = seal
        migrated.earlierAudit = nil
        migrated.audit = RecordList(entries)
        let previous = entries.last
        // The migration's entry seals every record as it is now (its ids are all of them), so
        // that from here on verify checks each stored record against the chain.
        let sealed = migrated.allRecordIDs
        migrated.appendAudit(AuditEntry(seq: (previous?.seq ?? 0) + 1, at: WorkspaceLock.utcNow(),
                                        day: migrated.clock ?? Self.today() ?? previous?.day ?? Day(number: 0),
                                        user: user ?? WorkspaceLock.userName(), source: "migration",
                                        statement: "migrate the workspace from format version \(from) to \(WorkspaceFormat.version)",
                                        changes: ["format version \(from) -> \(WorkspaceFormat.version)",
                                                  "\(entries.count) audit entries hash-chained",
                                                  "\(sealed.count) records sealed",
                                                  "original kept as \(backup)"],
                                        ids: sealed))
        if let problem = WorkspaceValidator.problem(in: migrated) {
            throw refuse("the register is inconsistent: \(problem)", help: WorkspaceFormat.inconsistentHelp)
        }
        try writeSnapshot(migrated, watermark: current.lastSeq)
        writeHead(of: migrated)
        onMigration?(WorkspaceMigration(path: path, from: from, to: WorkspaceFormat.version, backup: backup))
        // Without a view the snapshot is durable but the journal could not be emptied: read both again.
        if let written = view { return written.register }
        return try look(locked: true).register
    }

    /// Copies the original snapshot (and journal, when it holds anything) durably beside the
    /// workspace, mode 0600, and returns the backup's name. An existing backup is never
    /// overwritten: the first name that is free, or that already holds exactly these bytes
    /// (a migration that failed after the copy), is used.
    private func keepOriginal(_ snapshot: [UInt8], journal: [UInt8], version: Int,
                              refuse: (String, String) -> StoreError) throws(StoreError) -> String {
        let base = "\(path).v\(version).bak"
        for n in 0..<Self.backupNames {
            let name = n == 0 ? base : "\(base).\(n)"
            let held = Self.bytes(at: name), heldJournal = Self.bytes(at: name + ".journal")
            if held == snapshot, heldJournal ?? [] == journal { return name }
            guard held == nil, !Self.exists(name), !Self.exists(name + ".journal") else { continue }
            do {
                try DurableFile.write(name, snapshot)
                if !journal.isEmpty { try DurableFile.write(name + ".journal", journal) }
            } catch {
                throw refuse("cannot keep the original as \(name): \(error.message)", "the workspace was not changed")
            }
            return name
        }
        throw refuse("\(base) and \(base).1 to \(base).\(Self.backupNames - 1) all exist",
                     "move the old backups aside, then open the workspace again; it was not changed")
    }

    /// Whether anything (even a dangling link) has this name.
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The bytes of a regular file, or nil.
    private static func bytes(at path: String) -> [UInt8]? {
        guard exists(path), let (bytes, _) = try? FileBytes.contents(of: path) else { return nil }
        return bytes
    }

    /// Today's date (UTC) from the system clock.
    private static func today() -> Day? {
        Day(iso: String(WorkspaceLock.utcNow().prefix(10)))
    }
}
