import TCGDomain
import TCGJSON

/// Reads a workspace document straight from its bytes into a register, with the pull reader
/// and no intermediate tree.
///
/// It keeps track of where it is (`actions[3].status`) so that every error, from the JSON
/// reader or from its own checks, says where the problem is as well as what it is. The checks
/// that need the whole register (id order, references) are WorkspaceValidator's.
struct WorkspaceDecoder {
    /// The pull reader over the document.
    var reader: JSONReader
    /// The top-level member being read (`actions`), or empty.
    var section = ""
    /// The index of the element being read in the section's array, or -1.
    var index = -1
    /// The member of the record being read (`status`), or empty.
    var field = ""
    /// Whether the `audit` array's entries are checked and counted but left undecoded, their
    /// place kept in ``auditExtent`` (all but the last, which is decoded).
    var leavesAuditOnDisk = false
    /// Where the audit entries are, when left undecoded; nil when there are none.
    var auditExtent: AuditExtent?
    /// The format version of the document being read (the workspace's, for a journal line).
    var version = WorkspaceFormat.version
    /// Whether every audit entry must carry its `hash` (format version 2 and later).
    var requiresHash: Bool { version >= 2 }
    /// The mapped file being read, whose pages the decoder gives back as it passes them.
    var mapping: SnapshotMapping?
    /// How far the reader moves between giving back pages of ``mapping``.
    var dropInterval = 4 << 20 {
        didSet { nextDrop = dropInterval }
    }
    /// The offset past which pages are next given back.
    private var nextDrop = 4 << 20

    /// Advice for a file that is not a workspace at all.
    static let notWorkspaceHelp = "a tcg workspace is a JSON object beginning {\"format\": \"tcg-workspace\", \"version\": \(WorkspaceFormat.version), …}; "
        + "check --workspace or $TCG_WORKSPACE"
    /// Advice for a workspace that is damaged.
    static let damagedHelp = "the workspace is damaged; restore it from a backup, or correct it by hand (docs/workspace.md)"

    /// A decoder at the start of `bytes`.
    init(_ bytes: [UInt8]) {
        self.reader = JSONReader(bytes: bytes, maxDepth: 64)
    }

    /// A decoder reading with `reader`.
    init(reader: JSONReader) {
        self.reader = reader
    }

    /// Decodes a whole workspace, all of it, and its `journal_seq` (0 when absent) and format
    /// version; `path` names the file in errors.
    static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> (register: Register, journalSeq: Int, version: Int) {
        var decoder = WorkspaceDecoder(bytes)
        return try decoder.decodeWorkspace(isEmpty: bytes.isEmpty, path: path)
    }

    /// Decodes a whole workspace, its `journal_seq` (0 when absent in version 1) and its format
    /// version from where the reader is; `path` names the file in errors. Reads every version
    /// from ``WorkspaceFormat/oldestVersion`` to ``WorkspaceFormat/version``.
    mutating func decodeWorkspace(isEmpty: Bool, path: String) throws(StoreError) -> (register: Register, journalSeq: Int, version: Int) {
        guard !isEmpty else {
            throw StoreError(path: path, message: "is empty, not a tcg workspace", help: Self.notWorkspaceHelp)
        }
        let notWorkspace: String?
        do {
            notWorkspace = try readFormat()
        } catch {
            notWorkspace = error.description
        }
        if let notWorkspace {
            throw StoreError(path: path, message: "is not a tcg workspace (\(notWorkspace))", help: Self.notWorkspaceHelp)
        }
        do {
            version = try readVersion()
        } catch {
            throw damaged(error, path: path)
        }
        let readable = "this tcg reads versions \(WorkspaceFormat.oldestVersion) to \(WorkspaceFormat.version)"
        if version > WorkspaceFormat.version {
            throw StoreError(path: path, message: "was written by a newer tcg (format version \(version)); \(readable)",
                             help: "use a newer tcg to open it; the file was not changed")
        }
        if version < WorkspaceFormat.oldestVersion {
            throw StoreError(path: path, message: "has format version \(version); \(readable)", help: Self.damagedHelp)
        }
        do {
            let (register, journalSeq) = try readBody()
            return (register, journalSeq, version)
        } catch {
            throw damaged(error, path: path)
        }
    }

    /// The error for a damaged workspace: position, location and what is wrong.
    func damaged(_ error: JSONError, path: String) -> StoreError {
        StoreError(path: path, message: "line \(error.line), column \(error.column): \(located(error.message))", help: Self.damagedHelp)
    }

    /// `message` prefixed with where the decoder is, e.g. `actions[3].status: …`.
    func located(_ message: String) -> String {
        guard !section.isEmpty else { return message }
        var place = section
        if index >= 0 { place += "[\(index)]" }
        if !field.isEmpty { place += "." + field }
        return place + ": " + message
    }

    /// Reads `{"format": "tcg-workspace"`; returns why this is not a workspace, or nil if it is one.
    private mutating func readFormat() throws(JSONError) -> String? {
        let kind = try reader.peekKind()
        guard kind == .object else { return "the document is \(kind), not an object" }
        try reader.beginObject()
        guard let first = try reader.nextKey() else { return "the document is an empty object" }
        guard first == "format" else { return "it does not begin with \"format\": \"\(WorkspaceFormat.name)\"" }
        guard try reader.peekKind() == .string else { return "its \"format\" is not a string" }
        let format = try reader.readString()
        guard format == WorkspaceFormat.name else { return "its format is \(Self.quoted(format))" }
        return nil
    }

    /// Reads the `"version": N` member that must follow `format`.
    private mutating func readVersion() throws(JSONError) -> Int {
        let start = reader.offset
        guard try reader.nextKey() == "version" else {
            throw problem("expected \"version\" right after \"format\"", at: start)
        }
        section = "version"
        let version = try reader.readInt()
        section = ""
        return version
    }

    /// Reads the members after `format` and `version` up to the closing brace and the end.
    private mutating func readBody() throws(JSONError) -> (register: Register, journalSeq: Int) {
        var register = Register()
        var journalSeq = 0
        var seen: Set<String> = ["format", "version"]
        let start = reader.offset
        while let key = try reader.nextKey() {
            let start = reader.offset
            section = key
            index = -1
            field = ""
            guard seen.insert(key).inserted else { throw problem("\"\(key)\" appears twice", at: start) }
            switch key {
            case "journal_seq": journalSeq = try integer(minimum: 0)
            case "clock": register.clock = try optionalDay()
            case "max_marking": register.maxMarking = try optionalValue(Marking.self)
            case "scoring_schemes": register.schemes = try schemes()
            case "current_meeting": _ = try optionalID(.meeting)
            case "last_ids": register.lastNumber = try lastIDs()
            case "units": register.units = try records { (d) throws(JSONError) in try d.unit() }
            case "people": register.people = try records { (d) throws(JSONError) in try d.person() }
            case "meetings": register.meetings = try records { (d) throws(JSONError) in try d.meeting() }
            case "products": register.products = try records { (d) throws(JSONError) in try d.product() }
            case "priorities": register.priorities = try records { (d) throws(JSONError) in try d.priority() }
            case "candidates": register.candidates = try records { (d) throws(JSONError) in try d.candidate() }
            case "requirements": register.requirements = try records { (d) throws(JSONError) in try d.requirement() }
            case "commissions": register.commissions = try records { (d) throws(JSONError) in try d.commission() }
            case "plans": register.plans = try records { (d) throws(JSONError) in try d.plan() }
            case "actions": register.actions = try records { (d) throws(JSONError) in try d.action() }
            case "decisions": register.decisions = try records { (d) throws(JSONError) in try d.decision() }
            case "escalations": register.escalations = try records { (d) throws(JSONError) in try d.escalation() }
            case "reviews": register.reviews = try records { (d) throws(JSONError) in try d.review() }
            case "audit":
                if leavesAuditOnDisk {
                    auditExtent = try skipAudit()
                } else {
                    register.audit = try records { (d) throws(JSONError) in try d.auditEntry() }
                }
            default: try reader.skipValue()
            }
        }
        section = ""
        index = -1
        field = ""
        if version >= 2, !seen.contains("journal_seq") {
            throw problem("missing \"journal_seq\" (required from format version 2)", at: start)
        }
        try reader.finish()
        return (register, journalSeq)
    }

    /// Reads an array of records, one `read` per element, tracking the element index.
    mutating func records<T>(_ read: (inout WorkspaceDecoder) throws(JSONError) -> T) throws(JSONError) -> RecordList<T> {
        try reader.beginArray()
        var list = RecordList<T>()
        while try reader.nextElement() {
            index += 1
            field = ""
            list.append(try read(&self))
            field = ""
            if reader.offset >= nextDrop { dropPassedPages() }
        }
        return list
    }

    /// Checks the audit entries' JSON (as strictly as reading them) and counts them without
    /// decoding them, except the last, which is decoded and checked; returns where they are,
    /// or nil when the array is empty.
    ///
    /// Each entry is also skimmed (``skimAuditEntry(after:)``) for its members and their types,
    /// and for a `seq` above the previous entry's, so that a damaged trail is refused when the
    /// workspace is opened, though the entries are built only when read (`history`, `verify`).
    mutating func skipAudit() throws(JSONError) -> AuditExtent? {
        let open = reader.skippingWhitespace(from: reader.offset)
        try reader.beginArray()
        var count = 0
        var first = 0, end = 0
        var last = reader
        var previous = 0
        while try reader.nextElement() {
            index += 1
            if count == 0 { first = reader.offset }
            last = reader
            previous = try skimAuditEntry(after: previous)
            end = reader.offset
            count += 1
            if reader.offset >= nextDrop { dropPassedPages() }
        }
        guard count > 0 else { return nil }
        let close = reader.offset
        swap(&last, &reader)
        index = count - 1
        field = ""
        let entry = try auditEntry()
        swap(&last, &reader)
        field = ""
        return AuditExtent(count: count, last: entry, array: open..<close, entries: first..<end)
    }

    /// Skims one audit entry without building it: an object with the required members, each
    /// of its type (`at`, `user`, `source`, `statement` strings; `day` a date; `hash`, from
    /// version 2, 64 hex digits; `changes` strings; `ids` record ids) and a `seq` above
    /// `previous`; returns its `seq`.
    private mutating func skimAuditEntry(after previous: Int) throws(JSONError) -> Int {
        let start = reader.offset
        try reader.beginObject()
        var seq: Int?
        var found = 0
        while let key = try reader.nextKey(among: Self.auditMembers) {
            field = key < Self.auditMemberNames.count ? Self.auditMemberNames[key] : ""
            switch key {
            case 0: seq = try integer(minimum: 1)
            case 2: _ = try day()
            case 6: try skimAuditHash()
            case 7: try skimStrings()
            case 8: _ = try ids()
            case 9: try skimHashes()
            case 10: try skimAuditHash()
            case 11: _ = try reader.readBool()
            case Self.auditMembers.count: try reader.skipValue()
            default: try skimString()
            }
            field = ""
            if key < Self.auditMembers.count { found |= 1 << key }
        }
        guard let seq else { throw problem("missing \"seq\"", at: start) }
        let required = requiresHash ? Self.requiredAuditMembers : Self.requiredAuditMembers - 1
        for i in 1..<required where found & (1 << i) == 0 {
            let name = Self.auditMemberNames[i]
            throw problem("missing \"\(name)\"" + (name == "hash" ? " (required from format version 2)" : ""), at: start)
        }
        if seq <= previous {
            throw problem("seq \(seq) does not follow \(previous); entries are in ascending seq order", at: start)
        }
        return seq
    }

    /// Checks an audit entry's `hash` without keeping it: from version 2, 64 lower-case hex
    /// digits (or, in `records`, "" for a meeting the entry names without changing it).
    private mutating func skimAuditHash(orEmpty: Bool = false) throws(JSONError) {
        let start = reader.offset
        let valid = try reader.readString { WorkspaceText.isHash($0) || (orEmpty && $0.isEmpty) }
        if requiresHash, !valid { throw problem("expected 64 lower-case hex digits (a SHA-256)", at: start) }
    }

    /// Skips a string, refusing any other kind of value.
    private mutating func skimString() throws(JSONError) {
        let kind = try reader.peekKind()
        guard kind == .string else { throw problem("expected a string, found \(kind)", at: reader.offset) }
        try reader.skipValue()
    }

    /// Checks an array of hashes (an entry's `records`).
    private mutating func skimHashes() throws(JSONError) {
        try reader.beginArray()
        while try reader.nextElement() { try skimAuditHash(orEmpty: true) }
    }

    /// Skips an array of strings, refusing anything else.
    private mutating func skimStrings() throws(JSONError) {
        try reader.beginArray()
        while try reader.nextElement() { try skimString() }
    }

    /// The members an audit entry may have: the required ones first (`seq` first, `hash`, from
    /// version 2, last of them), then `changes` and `ids`, and from version 3 `records`, `state`
    /// and `keyed`.
    private static let auditMemberNames = ["seq", "at", "day", "user", "source", "statement", "hash", "changes", "ids",
                                           "records", "state", "keyed"]
    /// ``auditMemberNames`` as bytes, for ``JSONReader/nextKey(among:)``.
    private static let auditMembers = auditMemberNames.map { Array($0.utf8) }
    /// How many of ``auditMembers`` every entry must have (with `hash`).
    private static let requiredAuditMembers = 7

    /// Gives back the pages of the mapped file that the reader has passed.
    private mutating func dropPassedPages() {
        mapping?.drop(before: reader.offset)
        nextDrop = reader.offset + dropInterval
    }

    /// Reads `last_ids`: id prefix → the last number used. Unknown prefixes are skipped.
    mutating func lastIDs() throws(JSONError) -> [RecordKind: Int] {
        try reader.beginObject()
        var last: [RecordKind: Int] = [:]
        while let key = try reader.nextKey() {
            field = key
            guard let kind = RecordKind(lastIDKey: key) else {
                try reader.skipValue()
                continue
            }
            last[kind] = try integer(minimum: 0)
        }
        field = ""
        return last
    }
}
