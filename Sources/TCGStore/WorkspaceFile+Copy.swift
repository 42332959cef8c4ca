import TCGDomain

extension WorkspaceFile {
    /// Writes `register` as a new workspace here, refusing when anything is stored here
    /// already (``exists``): `tcg copy`'s target.
    ///
    /// The file is the snapshot the first commit to a new workspace writes (`journal_seq` 1,
    /// as `tcg demo` leaves it), with its head file, so that a register copied out of a
    /// database into a new file is byte for byte the file it was copied from.
    public func create(from register: Register) throws(StoreError) {
        let lock = try WorkspaceLock.acquire(workspace: path, timeout: lockTimeout)
        defer { lock.release() }
        guard !exists else {
            throw StoreError(path: path, message: "already exists: tcg copy never writes over a workspace",
                             help: "choose a new PATH, or move the file aside; nothing was written")
        }
        var stored = register
        stored.pendingChanges = []
        stored.pendingIDs = []
        if let problem = WorkspaceValidator.problem(in: stored) {
            throw StoreError(path: path, message: "refusing to write an inconsistent register: \(problem)",
                             help: "the source is damaged; nothing was written")
        }
        try writeSnapshot(stored, watermark: 1)
        writeHead(of: stored)
    }
}
