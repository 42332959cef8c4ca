import TCGDomain
import TCGJSON

extension JournalEntry {
    /// The entry as one line of compact JSON, members in the order docs/workspace.md lists
    /// them, ending in a newline (JSON strings escape newlines, so the line has no other).
    func encoded() -> [UInt8] {
        var w = JSONWriter(style: .compact, capacity: 1024)
        w.beginObject()
        w.field("seq", seq)
        w.field("base", base)
        w.field("clock", day: clock)
        w.field("max_marking", maxMarking?.workspaceName)
        w.field("scoring_schemes", schemes: schemes)
        w.lastIDs(lastNumber)
        w.key("units"); w.beginArray(); for u in units { w.record(u) }; w.endArray()
        w.key("upsert")
        w.beginObject()
        var upserts = UpsertWriter(entry: self)
        swap(&upserts.writer, &w)
        upserts.visitAll()
        swap(&upserts.writer, &w)
        w.endObject()
        w.field("delete", ids: deleted)
        w.key("audit"); w.beginArray(); for a in audit { w.record(a) }; w.endArray()
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Writes `"actions": […]` for each kind with records.
    private struct UpsertWriter: RecordKindVisitor {
        let entry: JournalEntry
        var writer = JSONWriter(style: .compact, capacity: 0)

        init(entry: JournalEntry) { self.entry = entry }

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            let records = entry[keyPath: T.inEntry]
            guard !records.isEmpty else { return }
            writer.key(T.arrayName)
            writer.beginArray()
            for record in records { record.write(to: &writer) }
            writer.endArray()
        }
    }
}

extension JSONWriter {
    /// `"last_ids": {"PE": 5, …}`, kinds in declaration order, unused kinds omitted.
    mutating func lastIDs(_ lastNumber: [RecordKind: Int]) {
        key("last_ids")
        beginObject()
        for kind in RecordKind.allCases {
            if let last = lastNumber[kind] {
                key(kind.lastIDKey)
                int(last)
            }
        }
        endObject()
    }
}

extension WorkspaceDecoder {
    /// Reads one journal line (without its newline) as an entry.
    ///
    /// Members may come in any order and unknown ones are skipped, as in the snapshot; `seq`,
    /// `base`, `last_ids`, `units` and a non-empty `audit` are required; records of each kind
    /// must be in strictly ascending id order. `version` is the snapshot's format version: from
    /// 2, every audit entry must carry its `hash`.
    static func journalEntry(_ line: [UInt8], version: Int = WorkspaceFormat.version) throws(JSONError) -> JournalEntry {
        var decoder = WorkspaceDecoder(line)
        decoder.version = version
        do {
            return try decoder.readEntry()
        } catch {
            var located = error
            located.message = decoder.located(error.message)
            throw located
        }
    }

    private mutating func readEntry() throws(JSONError) -> JournalEntry {
        let start = reader.offset
        try reader.beginObject()
        var entry = JournalEntry(seq: 0, base: 0, state: Register())
        var seen: Set<String> = []
        while let key = try reader.nextKey() {
            let at = reader.offset
            section = key
            index = -1
            field = ""
            guard seen.insert(key).inserted else { throw problem("\"\(key)\" appears twice", at: at) }
            switch key {
            case "seq": entry.seq = try integer(minimum: 1)
            case "base": entry.base = try integer(minimum: 0)
            case "clock": entry.clock = try optionalDay()
            case "max_marking": entry.maxMarking = try optionalValue(Marking.self)
            case "scoring_schemes": entry.schemes = try schemes()
            case "current_meeting": _ = try optionalID(.meeting)
            case "last_ids": entry.lastNumber = try lastIDs()
            case "units": entry.units = Array(try records { (d) throws(JSONError) in try d.unit() })
            case "upsert": try readUpserts(into: &entry)
            case "delete": entry.deleted = try readDeleted()
            case "audit": entry.audit = try readAudit()
            default: try reader.skipValue()
            }
        }
        section = ""
        index = -1
        field = ""
        try reader.finish()
        for required in ["seq", "base", "last_ids", "units", "audit"] where !seen.contains(required) {
            throw problem("missing \"\(required)\"", at: start)
        }
        return entry
    }

    /// Reads `upsert`: array name → records of that kind.
    private mutating func readUpserts(into entry: inout JournalEntry) throws(JSONError) {
        try reader.beginObject()
        var seen: Set<String> = []
        while let key = try reader.nextKey() {
            let at = reader.offset
            section = "upsert." + key
            index = -1
            guard seen.insert(key).inserted else { throw problem("\"\(key)\" appears twice", at: at) }
            switch key {
            case "people": entry.people = try upserts()
            case "meetings": entry.meetings = try upserts()
            case "products": entry.products = try upserts()
            case "priorities": entry.priorities = try upserts()
            case "candidates": entry.candidates = try upserts()
            case "requirements": entry.requirements = try upserts()
            case "commissions": entry.commissions = try upserts()
            case "plans": entry.plans = try upserts()
            case "actions": entry.actions = try upserts()
            case "decisions": entry.decisions = try upserts()
            case "escalations": entry.escalations = try upserts()
            case "reviews": entry.reviews = try upserts()
            default: try reader.skipValue()
            }
        }
    }

    /// Reads an array of records of one kind in strictly ascending id order.
    private mutating func upserts<T: StoredRecord>() throws(JSONError) -> [T] {
        try reader.beginArray()
        var list: [T] = []
        while try reader.nextElement() {
            index += 1
            field = ""
            let at = reader.offset
            let record = try T.read(&self)
            field = ""
            if let previous = list.last?.number, record.number <= previous {
                throw problem("\(record.recordID) comes after \(T.recordKind.prefix)-\(previous); records are in ascending id order, each once", at: at)
            }
            list.append(record)
        }
        return list
    }

    /// Reads `delete`: ids, each once.
    private mutating func readDeleted() throws(JSONError) -> [RecordID] {
        let at = reader.offset
        let list = try ids()
        if Set(list).count != list.count { throw problem("an id is listed twice", at: at) }
        return list
    }

    /// Reads `audit`: at least one entry, in ascending seq order.
    private mutating func readAudit() throws(JSONError) -> [AuditEntry] {
        let at = reader.offset
        try reader.beginArray()
        var list: [AuditEntry] = []
        while try reader.nextElement() {
            index += 1
            field = ""
            let entryStart = reader.offset
            let entry = try auditEntry()
            field = ""
            if let previous = list.last?.seq, entry.seq <= previous {
                throw problem("seq \(entry.seq) does not follow \(previous); entries are in ascending seq order", at: entryStart)
            }
            list.append(entry)
        }
        index = -1
        if list.isEmpty { throw problem("a journal line appends at least one audit entry", at: at) }
        return list
    }
}
