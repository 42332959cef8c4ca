import TCGDomain

/// Commits, snapshots and folds; the caller holds the writer lock and has just brought
/// ``WorkspaceFile/view`` up to date with the files.
extension WorkspaceFile {
    /// Makes `register`, the result of a transaction on the view's register, durable: as one
    /// journal line when the change is small, else as a whole snapshot. After a line, folds
    /// the journal if it has grown past its limit (a fold that fails is left for later: the
    /// commit is already durable).
    func commit(_ register: Register) throws(StoreError) {
        guard let current = view else {
            throw StoreError(path: path, message: "cannot save: the workspace was not read under the lock",
                             help: "this is a bug in tcg; the workspace was not changed")
        }
        var stored = register
        stored.pendingChanges = []
        stored.pendingIDs = []
        guard let (entry, line) = try journalLine(from: current, to: stored) else {
            if let problem = WorkspaceValidator.problem(in: stored) { throw inconsistent(problem) }
            try writeSnapshot(stored, watermark: current.lastSeq + 1)
            return
        }
        let keep = current.journalKeep
        let state: FileState
        do {
            state = try JournalFile.append(line, keep: keep, workspace: path)
        } catch {
            view = nil
            throw error
        }
        var next = current
        next.register = stored
        next.journal = state
        next.consumed = keep + line.count
        next.lines = (keep == 0 ? 0 : current.lines) + 1
        next.hasFolded = keep == 0 ? false : current.hasFolded
        next.lastSeq = entry.seq
        next.lastLineSeq = entry.seq
        view = next
        if next.consumed > limits.foldAt(snapshotBytes: next.snapshot.size), next.consumed >= nextFoldAttempt {
            do {
                try fold()
                nextFoldAttempt = 0
            } catch {
                nextFoldAttempt = next.consumed + limits.foldAt(snapshotBytes: next.snapshot.size) / 2
            }
        }
    }

    /// The journal entry for the change from the view's register to `new`, checked, and its
    /// line; nil when the change is to be written as a snapshot: there is no snapshot yet, the
    /// change is large, or it is not an append to the audit trail whose records the new audit
    /// entries name.
    private func journalLine(from current: WorkspaceView, to new: Register) throws(StoreError) -> (JournalEntry, [UInt8])? {
        let old = current.register
        let appended = new.audit.count - old.audit.count
        guard current.snapshot != .missing, appended > 0, appended <= limits.recordsPerLine,
              let entry = JournalEntry.change(from: old, to: new, seq: current.lastSeq + 1, limit: limits.recordsPerLine),
              entry.recordCount <= limits.recordsPerLine else { return nil }
        if let unhashed = entry.audit.first(where: { $0.hash.isEmpty }) { throw WorkspaceFormat.unhashed(unhashed, path: path) }
        #if DEBUG
        try verify(entry, from: old, to: new)
        #endif
        if let problem = WorkspaceValidator.problem(in: new, after: entry) { throw inconsistent(problem) }
        let line = entry.encoded()
        guard line.count <= max(limits.lineBytes, current.snapshot.size / 8) else { return nil }
        return (entry, line)
    }

    /// Folds the journal into a new snapshot and empties it; when the journal holds only lines
    /// the snapshot already has, or a torn end, just empties it.
    func fold() throws(StoreError) {
        guard let current = view else { return }
        if current.lastSeq > current.watermark {
            try writeSnapshot(current.register, watermark: current.lastSeq)
        } else if current.journal.size > 0 {
            view = nil
            var next = current
            next.journal = try JournalFile.empty(workspace: path)
            next.consumed = 0
            next.lines = 0
            next.lastLineSeq = nil
            next.hasFolded = false
            view = next
        }
    }

    /// Writes `register` as the snapshot with `journal_seq` `watermark` (durably, by rename),
    /// then empties the journal, whose lines it holds. The view's register then leaves its
    /// whole audit trail in the new snapshot.
    ///
    /// A crash between the two leaves lines the snapshot holds in the journal: readers skip
    /// lines up to the watermark, and the next writer empties it.
    func writeSnapshot(_ register: Register, watermark: Int) throws(StoreError) {
        let previous = view
        view = nil
        var audit: AuditExtent?
        let file: SnapshotFile?
        do {
            file = try AtomicFileWriter.replace(path, keepingOpen: true) { (output: AtomicFileWriter.Output) throws(StoreError) in
                audit = try WorkspaceFormat.encode(register, journalSeq: watermark, chunkSize: 1 << 20, path: path) { (bytes: inout [UInt8]) throws(StoreError) in
                    try output.write(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            // Failed before the rename: the files are as the previous view saw them.
            if let previous, (try? FileState.of(path)) == previous.snapshot { view = previous }
            throw error
        }
        var next: WorkspaceView
        if let file {
            var stored = register
            stored.audit = []
            stored.earlierAudit = audit.map { AuditOnDisk(file: file, extent: $0).earlierAudit }
            next = WorkspaceView(register: stored, snapshot: file.state, watermark: watermark)
            next.earlierLast = audit?.last
        } else {
            next = WorkspaceView(register: register, snapshot: try FileState.of(path), watermark: watermark)
            next.earlierLast = register.audit.isEmpty ? audit?.last : nil
        }
        // The snapshot is durable; if the journal cannot be emptied its lines are skipped, and
        // the files are read again at the next look.
        guard let journal = try? JournalFile.empty(workspace: path) else { return }
        next.journal = journal
        view = next
    }

    /// The error for a register that fails the checks before saving.
    private func inconsistent(_ problem: String) -> StoreError {
        StoreError(path: path, message: "refusing to save an inconsistent register: \(problem)",
                   help: "this is a bug in tcg; the workspace was not changed")
    }

    #if DEBUG
    /// Checks that replaying `entry` on `old` gives `new` exactly: that no record changed
    /// without its id in the transaction's audit entries.
    private func verify(_ entry: JournalEntry, from old: Register, to new: Register) throws(StoreError) {
        var replayed = old
        var problem = entry.apply(to: &replayed)
        if problem == nil {
            var comparison = Comparison(replayed: replayed, new: new)
            comparison.visitAll()
            problem = comparison.difference
        }
        if problem == nil, replayed.units != new.units || replayed.clock != new.clock || replayed.maxMarking != new.maxMarking || replayed.schemes != new.schemes
            || replayed.lastNumber != new.lastNumber || replayed.audit != new.audit {
            problem = "the units, clock, current meeting, id counters or audit trail differ"
        }
        if let problem {
            throw StoreError(path: path, message: "refusing to save: the journal line would not reproduce the register: \(problem)",
                             help: "a record changed without its id in the statement's audit entry; this is a bug in tcg; the workspace was not changed")
        }
    }

    /// The first kind whose records differ between two registers.
    private struct Comparison: RecordKindVisitor {
        let replayed: Register
        let new: Register
        var difference: String?

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard difference == nil else { return }
            let a = replayed[keyPath: T.inRegister], b = new[keyPath: T.inRegister]
            guard a != b else { return }
            let changed = zip(a, b).first { $0 != $1 }.map { "\($0.1.recordID)" } ?? "\(a.count) against \(b.count) records"
            difference = "\(T.arrayName) differ (\(changed))"
        }
    }
    #endif
}
