import TCGDomain

/// Where the register lives between runs: today a JSON workspace file and its journal, later
/// perhaps a database.
///
/// Readers never block writers; writers are serialised by an exclusive lock.
public protocol RegisterStore: AnyObject {
    /// The register as stored now; an empty register if nothing has been stored yet
    /// (reading never creates anything).
    func open() throws(StoreError) -> Register

    /// Runs `body` on the latest register under the exclusive writer lock.
    ///
    /// The lock is awaited up to the store's timeout. If `body` returns normally and the audit
    /// trail's length changed, the register is saved durably before the lock is released; if
    /// `body` throws, nothing is written and the error propagates. Returns `body`'s result.
    func transaction<T>(_ body: (inout Register) throws -> T) throws -> T

    /// Called by a transaction's body between two statements with the audit trail's length
    /// and the register as it is then (`register`, called only when a store needs it). A store
    /// may start writing what changed so far, inside the same transaction (a database sends a
    /// long script's rows while the script runs), so nothing is committed before the body
    /// returns; a workspace file ignores it.
    func sendAhead(entries: Int, _ register: () -> Register)

    /// The latest register if another writer changed it since this store last read or wrote
    /// it, else nil. Cheap when nothing changed.
    func refresh() throws(StoreError) -> Register?

    /// Tidies the stored form at the end of a session (a workspace folds its journal into its
    /// file), unless another writer is busy. Never needed for correctness: what was committed
    /// is durable without it.
    func close() throws(StoreError)
}

extension RegisterStore {
    /// Nothing sent ahead: the commit writes everything.
    public func sendAhead(entries: Int, _ register: () -> Register) {}

    /// ``sendAhead(entries:_:)`` with `register` as it is.
    public func sendAhead(_ register: Register) {
        sendAhead(entries: register.auditCount) { register }
    }

    /// Nothing to tidy.
    public func close() throws(StoreError) {}
}
