import TCGDomain

/// The audit chain's guard: verify, the head file, the read-only state of a workspace whose
/// chain is broken, and accepting a break (docs/workspace.md, "What verify checks").
extension WorkspaceFile {
    /// The head file, `PATH.head`.
    public var headPath: String { AuditHead.path(of: path) }

    /// Whether the files the view holds are those this instance found intact or wrote.
    var isTrusted: Bool {
        guard let trusted, let current = view else { return false }
        return trusted.snapshot == current.snapshot && trusted.journal == current.journal
    }

    /// Records the view's files as trusted and writes the head file for `register`, their
    /// register. The caller holds the writer lock.
    func writeHead(of register: Register) {
        guard let current = view else { return }
        trusted = (current.snapshot, current.journal)
        AuditHead(seq: register.lastAuditSeq, hash: register.lastAuditHash, snapshot: current.snapshot, journal: current.journal)
            .write(workspace: path, key: seal.key)
    }

    /// Checks the whole audit trail of the workspace as stored now: the chain, the records it
    /// seals and the head file. Reads without the lock, like any reader. `progress`: see
    /// ``AuditCheck/run(entries:register:head:key:headName:progress:)``.
    public func check(progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(StoreError) -> AuditCheck {
        let register = try open()
        return AuditCheck.run(entries: try register.fullAudit(), register: register, head: AuditHead.read(workspace: path, key: seal.key),
                              key: seal.key, headName: AuditHead.path(of: path), progress: progress)
    }

    /// Refuses a transaction on a workspace whose audit chain is broken and not accepted, or is
    /// keyed when tcg has no key. A workspace whose files are those tcg last wrote (as the head
    /// file's fingerprints show) is not checked again. The caller holds the writer lock and has
    /// just looked.
    func requireIntact(_ register: Register) throws(StoreError) {
        if isTrusted { return }
        guard let current = view else { return }
        if let last = current.lastAudit, last.keyed, seal.key == nil {
            throw StoreError(path: path, message: "the audit chain is keyed (HMAC) and tcg has no key: refusing to add to it",
                             help: "set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and try again; the workspace was not changed")
        }
        if let head = AuditHead.read(workspace: path, key: seal.key), head.snapshot == current.snapshot, head.journal == current.journal,
           head.seq == register.lastAuditSeq, head.hash == register.lastAuditHash {
            trusted = (current.snapshot, current.journal)
            return
        }
        let entries: [AuditEntry]
        do { entries = try register.fullAudit() } catch { throw error }
        let check = AuditCheck.run(entries: entries, register: register, head: AuditHead.read(workspace: path, key: seal.key),
                                   key: seal.key, headName: headPath)
        if let first = check.unaccepted.first {
            let more = check.unaccepted.count > 1 ? " (and \(check.unaccepted.count - 1) more)" : ""
            throw StoreError(path: path, message: "the audit trail is broken at entry \(first.seq): \(first.message)\(more); "
                                 + "the workspace is read-only until a person accepts the break",
                             help: "`tcg verify` lists every break; `tcg verify --accept` records in the audit trail that you accept them, "
                                 + "after which changes are saved again; the workspace was not changed")
        }
        if check.keyedUnchecked > 0 {
            throw StoreError(path: path, message: "the audit chain is keyed (HMAC) and tcg has no key: refusing to add to it",
                             help: "set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and try again; the workspace was not changed")
        }
        writeHead(of: register)
    }

    /// `tcg verify --accept`: under the writer lock, checks the trail and, when something is
    /// wrong, appends an entry by `user` (source `accept`) that lists every break it accepts
    /// and seals every record as it is now, then writes the head file. Returns the check and
    /// the entry, or the check alone when there was nothing to accept.
    public func acceptBreaks(user: String, day: Day?) throws -> (check: AuditCheck, entry: AuditEntry?) {
        let lock = try WorkspaceLock.acquire(workspace: path, timeout: lockTimeout)
        defer { lock.release() }
        AtomicFileWriter.removeStaleTemporaries(of: path)
        var register = try look(locked: true).register
        if let current = view, current.version < WorkspaceFormat.version {
            register = try migrate()
        }
        let check = AuditCheck.run(entries: try register.fullAudit(), register: register, head: AuditHead.read(workspace: path, key: seal.key),
                                   key: seal.key, headName: headPath)
        if check.keyedUnchecked > 0 {
            throw StoreError(path: path, message: "the audit chain is keyed (HMAC) and tcg has no key: it cannot be checked, so no break can be accepted",
                             help: "set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and try again; the workspace was not changed")
        }
        guard let entry = check.acceptance(of: register, user: user, day: day) else { return (check, nil) }
        register.appendAudit(entry)
        try commit(register)
        writeHead(of: register)
        return (check, register.audit.last)
    }
}
