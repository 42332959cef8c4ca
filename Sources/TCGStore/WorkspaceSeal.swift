import TCGDomain
import TCGJSON

/// The workspace's ``RecordSeal``: a record's digest is SHA-256 over its stored form (the
/// compact JSON tcg writes for it, markings included), so that any change to a stored record
/// changes it (docs/workspace.md, "What the chain covers").
///
/// Record digest: SHA-256 of `"tcg-record-v3"`, the id, a presence byte (1, or 0 for a record
/// that is not in the register) and the JSON, each string preceded by its length as 4 bytes
/// big-endian. State digest: the same over `"tcg-state-v3"` and the JSON object
/// `{"clock":…,"last_ids":{…},"units":"…"}`, the last the SHA-256 of the units' JSON array.
public struct WorkspaceSeal: RecordSeal {
    /// The audit key, when the chain is keyed.
    public let key: AuditKey?
    /// The units last sealed and their digest: units change seldom, and a register may have many.
    private let cache = Cache()

    /// A seal, keyed or not.
    public init(key: AuditKey? = nil) { self.key = key }

    /// What ``stateDigest(of:)`` keeps between calls. A store and its sessions are used from one
    /// thread at a time.
    private final class Cache: @unchecked Sendable {
        var units: RecordList<Unit>?
        var unitsDigest = ""
    }

    public func digest(of id: RecordID, in register: Register) -> String {
        Self.digest(of: id, json: Self.json(of: id, in: register))
    }

    /// SHA-256 over `{"clock":…,"last_ids":{…},"units":"DIGEST"}`, the units' digest being that
    /// of the JSON array of the units as stored.
    public func stateDigest(of register: Register) -> String {
        if cache.units != register.units {
            var w = JSONWriter(style: .compact, capacity: 64 + 64 * register.units.count)
            w.beginArray()
            for unit in register.units { w.record(unit) }
            w.endArray()
            cache.unitsDigest = w.bytes.withUnsafeBytes { SHA256.hex($0) }
            cache.units = register.units
        }
        var w = JSONWriter(style: .compact, capacity: 256)
        w.beginObject()
        w.field("clock", day: register.clock)
        w.lastIDs(register.lastNumber)
        w.field("units", cache.unitsDigest)
        w.endObject()
        return Self.hash(tag: "tcg-state-v3", [], present: true, w.bytes)
    }

    /// The digest of record `id` whose stored JSON is `json` (nil: absent).
    static func digest(of id: RecordID, json: [UInt8]?) -> String {
        var name: [UInt8] = []
        id.append(to: &name)
        return hash(tag: "tcg-record-v3", name, present: json != nil, json ?? [])
    }

    /// The compact JSON of the record `id` in `register`, or nil when it has none.
    static func json(of id: RecordID, in register: Register) -> [UInt8]? {
        func encode<T: StoredRecord>(_ list: RecordList<T>) -> [UInt8]? {
            guard let i = list.index(ofNumber: id.number) else { return nil }
            var w = JSONWriter(style: .compact, capacity: 512)
            list[i].write(to: &w)
            return w.bytes
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
        func length(_ n: Int) {
            out.append(UInt8(truncatingIfNeeded: n >> 24))
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            out.append(UInt8(truncatingIfNeeded: n >> 8))
            out.append(UInt8(truncatingIfNeeded: n))
        }
        length(tag.utf8CodeUnitCount)
        out.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
        length(name.count)
        out.append(contentsOf: name)
        out.append(present ? 1 : 0)
        length(body.count)
        out.append(contentsOf: body)
        return out.withUnsafeBytes { SHA256.hex($0) }
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
