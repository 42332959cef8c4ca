import TCGDomain
import TCGJSON

/// The workspace's ``RecordSeal``: a record's digest is SHA-256 over its stored form (the
/// compact JSON tcg writes for it, markings included), so that any change to a stored record
/// changes it (docs/workspace.md, "What the chain covers").
///
/// Record digest: SHA-256 of `"tcg-record-v3"`, the id, a presence byte (1, or 0 for a record
/// that is not in the register) and the JSON, each string preceded by its length as 4 bytes
/// big-endian. State digest: the same over `"tcg-state-v3"` and the JSON object
/// `{"clock":…,"max_marking":…,"scoring_schemes":[…],"units":"…"}` (`scoring_schemes` only when a force has set one), the last the SHA-256 of the units' JSON array.
/// The id counters are not in it: verify checks them against the ids the trail names.
public struct WorkspaceSeal: RecordSeal {
    /// The audit key, when the chain is keyed.
    public let key: AuditKey?
    /// What the seal reuses between statements.
    private let cache = Cache()

    /// A seal, keyed or not.
    public init(key: AuditKey? = nil) { self.key = key }

    /// What the seal keeps between calls: the last state sealed and its digest (the state
    /// changes seldom), and one buffer for the bytes it hashes. A store and its sessions are
    /// used from one thread at a time.
    private final class Cache: @unchecked Sendable {
        var units: RecordList<Unit>?
        var clock: Day?
        var maxMarking: Marking?
        var schemes: [ScoringScheme] = []
        var stateDigest = ""
        var writer = JSONWriter(style: .compact, capacity: 1024)
    }

    public func digest(of id: RecordID, in register: Register) -> String {
        Self.digest(of: id, in: register, using: &cache.writer)
    }

    public func stateDigest(of register: Register) -> String {
        if let units = cache.units, units.isIdentical(to: register.units) || units == register.units,
           cache.clock == register.clock, cache.maxMarking == register.maxMarking, cache.schemes == register.schemes {
            return cache.stateDigest
        }
        var units = JSONWriter(style: .compact, capacity: 64 + 64 * register.units.count)
        units.beginArray()
        for unit in register.units { units.record(unit) }
        units.endArray()
        var w = JSONWriter(style: .compact, capacity: 256)
        w.beginObject()
        w.field("clock", day: register.clock)
        w.field("max_marking", register.maxMarking?.workspaceName)
        w.field("scoring_schemes", schemes: register.schemes)
        w.field("units", units.bytes.withUnsafeBytes { SHA256.hex($0) })
        w.endObject()
        cache.units = register.units
        cache.clock = register.clock
        cache.maxMarking = register.maxMarking
        cache.schemes = register.schemes
        cache.stateDigest = Self.hash(tag: "tcg-state-v3", [], present: true, w.bytes)
        return cache.stateDigest
    }

    /// The digest of record `id` as `register` holds it now (or of its absence), the bytes
    /// hashed being gathered in `w` (emptied first), the JSON written in place after its header.
    static func digest(of id: RecordID, in register: Register, using w: inout JSONWriter) -> String {
        w.bytes.removeAll(keepingCapacity: true)
        let tag: StaticString = "tcg-record-v3"
        appendLength(tag.utf8CodeUnitCount, to: &w.bytes)
        w.bytes.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
        let nameAt = w.bytes.count
        appendLength(0, to: &w.bytes)
        id.append(to: &w.bytes)
        setLength(w.bytes.count - nameAt - 4, at: nameAt, in: &w.bytes)
        let presentAt = w.bytes.count
        w.bytes.append(0)
        appendLength(0, to: &w.bytes)
        if write(id, in: register, to: &w) { w.bytes[presentAt] = 1 }
        setLength(w.bytes.count - presentAt - 5, at: presentAt + 1, in: &w.bytes)
        return w.bytes.withUnsafeBytes { SHA256.hex($0) }
    }

    /// The digest of the absence of record `id` (one that is not in the register).
    static func absentDigest(of id: RecordID) -> String {
        digest(of: id, in: Register())
    }

    /// See ``digest(of:in:using:)``.
    static func digest(of id: RecordID, in register: Register) -> String {
        var w = JSONWriter(style: .compact, capacity: 512)
        return digest(of: id, in: register, using: &w)
    }

    /// Writes the compact JSON of the record `id` in `register`; false when it has none.
    private static func write(_ id: RecordID, in register: Register, to w: inout JSONWriter) -> Bool {
        func encode<T: StoredRecord>(_ list: RecordList<T>) -> Bool {
            guard let i = list.index(ofNumber: id.number) else { return false }
            list[i].write(to: &w)
            return true
        }
        switch id.kind {
        case .person: return encode(register.people)
        case .meeting: return encode(register.meetings)
        case .product: return encode(register.products)
        case .priority: return encode(register.priorities)
        case .candidate: return encode(register.candidates)
        case .requirement: return encode(register.requirements)
        case .commission: return encode(register.commissions)
        case .plan: return encode(register.plans)
        case .action: return encode(register.actions)
        case .decision: return encode(register.decisions)
        case .escalation: return encode(register.escalations)
        case .review: return encode(register.reviews)
        }
    }

    /// SHA-256 of the length-prefixed tag and name, the presence byte and the length-prefixed body.
    private static func hash(tag: StaticString, _ name: [UInt8], present: Bool, _ body: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32 + name.count + body.count)
        appendLength(tag.utf8CodeUnitCount, to: &out)
        out.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
        appendLength(name.count, to: &out)
        out.append(contentsOf: name)
        out.append(present ? 1 : 0)
        appendLength(body.count, to: &out)
        out.append(contentsOf: body)
        return out.withUnsafeBytes { SHA256.hex($0) }
    }

    /// Appends `n` as 4 bytes, big-endian.
    private static func appendLength(_ n: Int, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: n >> 24))
        out.append(UInt8(truncatingIfNeeded: n >> 16))
        out.append(UInt8(truncatingIfNeeded: n >> 8))
        out.append(UInt8(truncatingIfNeeded: n))
    }

    /// Overwrites the 4 bytes at `at` with `n`, big-endian.
    private static func setLength(_ n: Int, at: Int, in out: inout [UInt8]) {
        out[at] = UInt8(truncatingIfNeeded: n >> 24)
        out[at + 1] = UInt8(truncatingIfNeeded: n >> 16)
        out[at + 2] = UInt8(truncatingIfNeeded: n >> 8)
        out[at + 3] = UInt8(truncatingIfNeeded: n)
    }
}

extension Register {
    /// Every record's id, kind by kind in workspace order, each kind in id order.
    var allRecordIDs: [RecordID] {
        var ids: [RecordID] = []
        for kind in RecordKind.allCases { ids += numbers(of: kind).map { RecordID(kind, $0) } }
        return ids
    }
}
