import TCGDomain
import TCGJSON

/// What `tcg verify` found: every break in the audit chain, every stored record that does not
/// match the last entry that sealed it, and a trail shorter than its head file records
/// (docs/workspace.md, "What verify checks").
public struct AuditCheck: Sendable {
    /// One thing wrong, located at an audit entry.
    public struct Problem: Sendable, Equatable {
        /// What kind of break.
        public enum Kind: Sendable, Equatable {
            /// An entry whose hash does not match its contents and the hash before it, or out of
            /// sequence: accepted only by an accept entry naming exactly this entry as it is now.
            case link
            /// A stored record (or the clock, units and counters) that does not match the last
            /// entry that sealed it.
            case record
            /// The trail does not reach the head recorded in `PATH.head`.
            case head
        }
        /// The kind.
        public var kind: Kind
        /// The entry it concerns (for a record, the last entry that changed it).
        public var seq: Int
        /// What is wrong, in words.
        public var message: String
        /// For a link break: what an accept entry records to accept it.
        public var token: String = ""
        /// The accept entry that accepted it, if one did.
        public var acceptedAt: Int?
    }

    /// How many entries the trail has.
    public var count = 0
    /// The last entry's seq and hash.
    public var lastSeq = 0
    /// See ``lastSeq``.
    public var lastHash = ""
    /// Everything wrong, in trail order.
    public var problems: [Problem] = []
    /// Entries of an older format version read without migrating, checked in the old form.
    public var legacy = 0
    /// Keyed entries that could not be checked because there is no key.
    public var keyedUnchecked = 0
    /// The number of records whose content the chain seals.
    public var sealedRecords = 0
    /// Whether a head file was there to compare with.
    public var hadHead = false
    /// The hashes of the entries, by position, for ``entry(withHash:)``.
    var hashes: [(seq: Int, hash: String)] = []

    /// The problems no accept entry accepted.
    public var unaccepted: [Problem] { problems.filter { $0.acceptedAt == nil } }

    /// The first entry whose hash is `hash`, or begins with `hash` (at least 12 hex digits).
    public func entry(withHash hash: String) -> (seq: Int, hash: String)? {
        guard hash.count >= 12 else { return nil }
        return hashes.first { $0.hash == hash || $0.hash.hasPrefix(hash) }
    }

    /// Whether the chain from the first entry to the one numbered `seq` holds with no break,
    /// accepted or not.
    public func intact(through seq: Int) -> Bool {
        !problems.contains { $0.kind == .link && $0.seq <= seq }
    }

    /// The line an accept entry records to accept this problem.
    static func acceptLine(_ p: Problem) -> String {
        p.kind == .link ? "accepted \(p.token): \(p.message)" : "accepted: \(p.message)"
    }

    /// Checks `entries`, the whole trail, against `register` (the records as stored now) and
    /// `head`; keyed entries are checked with `key`. `progress` is told, every 256, how many of
    /// the entries and then the records (their sum the second number) are checked.
    static func run(entries: [AuditEntry], register: Register, head: AuditHead?, key: AuditKey?, headName: String,
                    progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> AuditCheck {
        var check = AuditCheck()
        check.count = entries.count
        check.lastSeq = entries.last?.seq ?? 0
        check.lastHash = entries.last?.hash ?? ""
        check.hadHead = head != nil
        var accepts: [String: Int] = [:]
        for e in entries where e.source == "accept" {
            for line in e.changes where line.hasPrefix("accepted entry ") {
                if let colon = line.firstIndex(of: ":") {
                    accepts[String(line[line.index(line.startIndex, offsetBy: 9)..<colon])] = e.seq
                }
            }
        }
        var previous = ""
        var expected = 1
        var keyedSeen: Int?
        var sealed: [RecordID: (seq: Int, digest: String)] = [:]
        var state: (seq: Int, digest: String)?
        var highest: [RecordKind: (number: Int, seq: Int)] = [:]
        check.hashes.reserveCapacity(entries.count)
        let ids = register.allRecordIDs
        var done = 0
        func tick() {
            done += 1
            if done & 255 == 0, let progress { progress(done, entries.count + ids.count) }
        }
        for e in entries {
            tick()
            check.hashes.append((e.seq, e.hash))
            var wrong: String?
            if e.seq != expected {
                wrong = e.seq > expected
                    ? "audit entry \(expected) is missing: entries \(expected)–\(e.seq - 1) were removed before entry \(e.seq)"
                    : "audit entry \(e.seq) is out of order or repeated (expected \(expected))"
            }
            var computed = ""
            if e.records.isEmpty, e.state.isEmpty, !e.keyed, e.hash.isEmpty || e.legacyChainHash(previous: previous) == e.hash {
                // A version-1 or -2 entry read without migrating (a read-only folder): outside
                // the chain (no hash, which restarts it) or chained in the old form.
                check.legacy += 1
            } else if e.keyed, key == nil {
                check.keyedUnchecked += 1
            } else {
                computed = e.chainHash(previous: previous, key: key) ?? ""
                if wrong == nil, computed != e.hash {
                    wrong = "audit entry \(e.seq) does not match its hash: it was altered, or an entry before it was removed, merged or reordered"
                }
            }
            if wrong == nil, key != nil, !e.keyed, let k = keyedSeen {
                wrong = "audit entry \(e.seq) is not keyed though entry \(k) before it is: the chain was rewritten without the key"
            }
            if e.keyed, keyedSeen == nil { keyedSeen = e.seq }
            if let wrong {
                let token = "entry \(e.seq) stored \(e.hash) computed \(computed)"
                check.problems.append(Problem(kind: .link, seq: e.seq, message: wrong, token: token, acceptedAt: accepts[token]))
            }
            if !e.records.isEmpty || !e.state.isEmpty {
                if e.records.count != e.ids.count {
                    check.problems.append(Problem(kind: .link, seq: e.seq, message: "audit entry \(e.seq) has \(e.records.count) record digests for \(e.ids.count) ids",
                                                  token: "entry \(e.seq) records", acceptedAt: accepts["entry \(e.seq) records"]))
                }
                for (id, digest) in zip(e.ids, e.records) where !digest.isEmpty { sealed[id] = (e.seq, digest) }
                if !e.state.isEmpty { state = (e.seq, e.state) }
            }
            for id in e.ids where id.number > highest[id.kind]?.number ?? 0 { highest[id.kind] = (id.number, e.seq) }
            previous = e.hash
            expected = e.seq + 1
        }
        var stored = Set<RecordID>()
        var writer = JSONWriter(style: .compact, capacity: 1024)
        for id in ids {
            tick()
            stored.insert(id)
            let digest = WorkspaceSeal.digest(of: id, in: register, using: &writer)
            if let last = sealed[id] {
                check.sealedRecords += 1
                if last.digest != digest {
                    check.problems.append(Problem(kind: .record, seq: last.seq,
                                                  message: "record \(id) does not match audit entry \(last.seq), the last that changed it: it was changed outside tcg"))
                }
            } else if !sealed.isEmpty {
                check.problems.append(Problem(kind: .record, seq: check.lastSeq,
                                              message: "record \(id) is in no audit entry that seals records: it was added outside tcg"))
            }
        }
        for (id, last) in sealed where !stored.contains(id) && last.digest != WorkspaceSeal.absentDigest(of: id) {
            check.problems.append(Problem(kind: .record, seq: last.seq,
                                          message: "record \(id) is missing, though audit entry \(last.seq), the last that changed it, left it there: it was removed outside tcg"))
        }
        if let state, state.digest != WorkspaceSeal().stateDigest(of: register) {
            check.problems.append(Problem(kind: .record, seq: state.seq,
                                          message: "the clock, units, marking ceiling or scoring scheme do not match audit entry \(state.seq), the last that changed them: they were changed outside tcg"))
        }
        for kind in RecordKind.allCases {
            guard let named = highest[kind], register.lastNumber[kind] ?? 0 < named.number else { continue }
            check.problems.append(Problem(kind: .record, seq: named.seq,
                                          message: "the id counter last_ids.\(kind.prefix) is \(register.lastNumber[kind] ?? 0), below \(kind.prefix)-\(named.number), which audit entry \(named.seq) names: ids would be given twice; it was changed outside tcg"))
        }
        if let head, head.seq > 0 {
            if let found = check.hashes.first(where: { $0.seq == head.seq }) {
                if found.hash != head.hash {
                    check.problems.append(Problem(kind: .head, seq: head.seq,
                                                  message: "audit entry \(head.seq) is not the one \(headName) records as the head (hash \(head.hash.prefix(12))…): the end of the trail was replaced"))
                }
            } else if head.seq > check.lastSeq {
                check.problems.append(Problem(kind: .head, seq: head.seq,
                                              message: "the trail ends at entry \(check.lastSeq) but \(headName) records entry \(head.seq) as the head: entries \(check.lastSeq + 1)–\(head.seq) were cut off"))
            }
        }
        check.problems.sort { $0.seq < $1.seq }
        return check
    }
}

extension AuditCheck {
    /// Checks `register`'s whole audit trail and the records it seals, with no head file to
    /// compare with (a database store keeps its head in a row of its own); keyed entries are
    /// checked with `key`, and `name` names the store.
    public static func of(_ register: Register, key: AuditKey?, name: String,
                          progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(StoreError) -> AuditCheck {
        run(entries: try register.fullAudit(), register: register, head: nil, key: key, headName: name, progress: progress)
    }

    /// `tcg verify --accept`'s audit entry for `register`, the register this check was run on: by
    /// `user` (source `accept`), listing every break no earlier entry accepted and sealing every
    /// record as it is now; dated `day`, else the register's clock, else today. Nil when there is
    /// nothing to accept.
    public func acceptance(of register: Register, user: String, day: Day?) -> AuditEntry? {
        let open = unaccepted
        guard !open.isEmpty else { return nil }
        let today = Day(iso: String(WorkspaceLock.utcNow().prefix(10)))
        return AuditEntry(seq: register.lastAuditSeq + 1, at: WorkspaceLock.utcNow(),
                          day: day ?? register.clock ?? today ?? Day(number: 0), user: user, source: "accept",
                          statement: "verify --accept", changes: open.map(AuditCheck.acceptLine), ids: register.allRecordIDs)
    }
}
