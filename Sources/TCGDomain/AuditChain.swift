/// The secret that turns the audit chain into an HMAC chain (`TCG_AUDIT_KEY_FILE`).
public struct AuditKey: Sendable, Equatable {
    /// The key's bytes (the file's contents).
    public let bytes: [UInt8]

    /// A key of these bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// How the records a statement touched are sealed into its audit entry: the digest of each as
/// stored, and of the clock, units and id counters. The store provides it (it owns the stored
/// form); a register without one writes entries that seal nothing.
public protocol RecordSeal: Sendable {
    /// The digest of the record `id` as stored in `register` after the statement, or of its
    /// absence when the register has no such record.
    func digest(of id: RecordID, in register: Register) -> String
    /// The digest of the register's clock, units and id counters as stored.
    func stateDigest(of register: Register) -> String
    /// The audit key, when the chain is an HMAC chain.
    var key: AuditKey? { get }
}

extension AuditEntry {
    /// The bytes the format-3 chain hashes: a tag, the previous entry's hash, then every field,
    /// each preceded by its length in bytes (lists by their count, then each item likewise),
    /// so that no two different entries give the same bytes.
    public func canonicalBytes(previous: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(200 + statement.utf8.count + source.utf8.count + changes.count * 40 + ids.count * 80)
        func count(_ n: Int) {
            out.append(UInt8(truncatingIfNeeded: n >> 24))
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            out.append(UInt8(truncatingIfNeeded: n >> 8))
            out.append(UInt8(truncatingIfNeeded: n))
        }
        func field(_ text: String) {
            count(text.utf8.count)
            out.append(contentsOf: text.utf8)
        }
        func field(_ write: (inout [UInt8]) -> Void) {
            let at = out.count
            count(0)
            write(&out)
            let n = out.count - at - 4
            out[at] = UInt8(truncatingIfNeeded: n >> 24)
            out[at + 1] = UInt8(truncatingIfNeeded: n >> 16)
            out[at + 2] = UInt8(truncatingIfNeeded: n >> 8)
            out[at + 3] = UInt8(truncatingIfNeeded: n)
        }
        field("tcg-audit-v3")
        field(previous)
        field { DecimalText.append(seq, to: &$0) }
        field(at)
        field { day.appendISO(to: &$0) }
        field(user)
        field(source)
        field(statement)
        count(changes.count)
        for change in changes { field(change) }
        count(ids.count)
        for id in ids { field { id.append(to: &$0) } }
        count(records.count)
        for record in records { field(record) }
        field(state)
        out.append(keyed ? 1 : 0)
        return out
    }

    /// This entry's link in the chain, given the previous entry's hash ("" for the first):
    /// SHA-256 of ``canonicalBytes(previous:)``, or its HMAC-SHA256 with `key` when the entry is
    /// keyed (nil when it is keyed and there is no key).
    public func chainHash(previous: String, key: AuditKey? = nil) -> String? {
        let bytes = canonicalBytes(previous: previous)
        if keyed {
            guard let key else { return nil }
            return bytes.withUnsafeBytes { SHA256.hmacHex(key: key.bytes, $0) }
        }
        return bytes.withUnsafeBytes { SHA256.hex($0) }
    }
}

extension Register {
    /// Appends `entry` to the audit trail as the next link: the digests of the records it
    /// changed ("" for those in `unchanged`, which it names without changing) and, when it
    /// changed since the last entry this register made, the state's (when the register has a
    /// ``RecordSeal``), then its chain hash over them and the last entry's hash.
    public mutating func appendAudit(_ entry: AuditEntry, unchanged: [RecordID] = []) {
        var entry = entry
        let seal = self.seal
        if let seal {
            entry.records = entry.ids.map { unchanged.contains($0) ? "" : seal.digest(of: $0, in: self) }
            let state = seal.stateDigest(of: self)
            if state != lastStateDigest {
                entry.state = state
                lastStateDigest = state
            }
            entry.keyed = seal.key != nil
        }
        entry.hash = entry.chainHash(previous: lastAuditHash, key: seal?.key) ?? ""
        audit.append(entry)
    }
}

/// What checking an audit trail's hash chain found wrong with it.
public struct AuditBreak: Sendable, Equatable, CustomStringConvertible {
    /// The position of the first entry that does not check out (0-based).
    public var index: Int
    /// The sequence number there.
    public var seq: Int
    /// What is wrong.
    public var message: String

    public var description: String { message }
}

extension AuditEntry {
    /// Checks the links of a whole audit trail: numbers run 1, 2, 3… with none missing, and
    /// every entry's hash chains from the one before. Returns the first break, or nil. Keyed
    /// entries need `key`.
    public static func verify(_ entries: [AuditEntry], key: AuditKey? = nil) -> AuditBreak? {
        var previous = ""
        var expected = 1
        for (i, e) in entries.enumerated() {
            if e.seq != expected {
                let what = e.seq > expected
                    ? "audit entry \(expected) is missing: entries \(expected)–\(e.seq - 1) were removed"
                    : "audit entry \(e.seq) is out of order or duplicated (expected \(expected))"
                return AuditBreak(index: i, seq: e.seq, message: what)
            }
            if e.chainHash(previous: previous, key: key) != e.hash {
                return AuditBreak(index: i, seq: e.seq,
                                  message: "audit entry \(e.seq) was altered: its hash does not match its contents and the entry before it")
            }
            previous = e.hash
            expected += 1
        }
        return nil
    }
}
