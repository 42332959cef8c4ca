import TCGDomain
import TCGJSON

/// Values in the workspace's spellings, checked as they are read.
extension WorkspaceDecoder {
    /// An error at `offset` (moved past whitespace to the value itself).
    func problem(_ message: String, at offset: Int) -> JSONError {
        reader.error(message, at: reader.skippingWhitespace(from: offset))
    }

    /// `text` as a JSON string for a message, shortened if long.
    static func quoted(_ text: String) -> String {
        let short = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
        return JSONValue.string(short).description
    }

    /// `a, b or c`.
    static func choices(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The value of a required member, or an error at the record's start.
    func required<T>(_ value: T?, _ name: String, _ start: Int) throws(JSONError) -> T {
        guard let value else { throw problem("missing \"\(name)\"", at: start) }
        return value
    }

    /// A string, or nil for `null`.
    mutating func optionalString() throws(JSONError) -> String? {
        try reader.tryReadNull() ? nil : try reader.readString()
    }

    /// An integer of at least `minimum`.
    mutating func integer(minimum: Int) throws(JSONError) -> Int {
        let start = reader.offset
        let value = try reader.readInt()
        guard value >= minimum else { throw problem("must be at least \(minimum), not \(value)", at: start) }
        return value
    }

    /// The number of an id of `kind`, spelled `PREFIX-n`.
    mutating func id(_ kind: RecordKind) throws(JSONError) -> Int {
        let start = reader.offset
        let text = try reader.readString()
        guard let number = WorkspaceText.number(in: text, kind: kind) else {
            throw problem("expected \(article(kind)) \(kind.prefix)-n id, found \(Self.quoted(text))", at: start)
        }
        return number
    }

    /// The number of an id of `kind`, or nil for `null`.
    mutating func optionalID(_ kind: RecordKind) throws(JSONError) -> Int? {
        try reader.tryReadNull() ? nil : try id(kind)
    }

    /// An id of any kind, spelled `PREFIX-n`.
    mutating func anyID() throws(JSONError) -> RecordID {
        let start = reader.offset, before = reader
        guard let id = try reader.readString({ WorkspaceText.recordID(in: $0) }) else {
            throw problem("expected an id such as A-12, found \(Self.quotedString(before))", at: start)
        }
        return id
    }

    /// The string value `reader` is at, quoted for a message (it was read once already).
    static func quotedString(_ reader: JSONReader) -> String {
        var again = reader
        return quoted((try? again.readString()) ?? "")
    }

    /// A list of ids of any kind.
    mutating func ids() throws(JSONError) -> [RecordID] {
        try reader.beginArray()
        var list: [RecordID] = []
        while try reader.nextElement() { list.append(try anyID()) }
        return list
    }

    /// A list of people, as `PE-n` ids.
    mutating func people() throws(JSONError) -> [Int] {
        try numbers(.person)
    }

    /// A list of ids of `kind`: their numbers.
    mutating func numbers(_ kind: RecordKind) throws(JSONError) -> [Int] {
        try reader.beginArray()
        var list: [Int] = []
        while try reader.nextElement() { list.append(try id(kind)) }
        return list
    }

    /// A list of strings.
    mutating func strings() throws(JSONError) -> [String] {
        try reader.beginArray()
        var list: [String] = []
        while try reader.nextElement() { list.append(try reader.readString()) }
        return list
    }

    /// A date, `YYYY-MM-DD`.
    mutating func day() throws(JSONError) -> Day {
        let start = reader.offset, before = reader
        guard let day = try reader.readString({ WorkspaceText.day(in: $0) }) else {
            throw problem("expected a date YYYY-MM-DD that exists, found \(Self.quotedString(before))", at: start)
        }
        return day
    }

    /// A date, or nil for `null`.
    mutating func optionalDay() throws(JSONError) -> Day? {
        try reader.tryReadNull() ? nil : try day()
    }

    /// A meeting frequency such as `3mo`, `2w`, `14d`, or nil for `null`.
    mutating func optionalDuration() throws(JSONError) -> Duration? {
        if try reader.tryReadNull() { return nil }
        let start = reader.offset
        let text = try reader.readString()
        guard let duration = Duration(Substring(text)) else {
            throw problem("expected a frequency such as 3mo, 2w or 14d, found \(Self.quoted(text))", at: start)
        }
        return duration
    }

    /// One of an enumeration's values by its name in the file; the message names the member being read.
    mutating func value<E: WorkspaceNamed>(_ type: E.Type) throws(JSONError) -> E {
        let start = reader.offset
        let text = try reader.readString()
        guard let value = E(workspaceName: text) else {
            let word = field.isEmpty ? "value" : field.replacingUnderscores
            throw problem("unknown \(word) \(Self.quoted(text)) (expected \(Self.choices(E.workspaceNames)))", at: start)
        }
        return value
    }

    /// A list of enumeration values.
    mutating func values<E: WorkspaceNamed>(_ type: E.Type) throws(JSONError) -> [E] {
        try reader.beginArray()
        var list: [E] = []
        while try reader.nextElement() { list.append(try value(type)) }
        return list
    }

    /// An enumeration value, or nil for `null`.
    mutating func optionalValue<E: WorkspaceNamed>(_ type: E.Type) throws(JSONError) -> E? {
        try reader.tryReadNull() ? nil : try value(type)
    }

    /// Dated notes: `[{"date": …, "text": …, "meeting": …}, …]`.
    mutating func notes() throws(JSONError) -> [Note] {
        try reader.beginArray()
        var list: [Note] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var date: Day?, text: String?, meeting: Int?
            while let key = try reader.nextKey() {
                switch key {
                case "date": date = try day()
                case "text": text = try reader.readString()
                case "meeting": meeting = try optionalID(.meeting)
                default: try reader.skipValue()
                }
            }
            list.append(Note(date: try required(date, "date", start), text: try required(text, "text", start), meeting: meeting))
        }
        return list
    }

    /// A record's amendments: `[{"field": …, "old": …, "new": …, "user": …, "day": …,
    /// "rationale": …, "meeting": …}, …]`; `old` and `new` are read as the field stores them
    /// (text, a date, a person's id).
    mutating func amendments() throws(JSONError) -> [Amendment] {
        try reader.beginArray()
        var list: [Amendment] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var field: Amendment.Field?, old: (String, Int)?, new: (String, Int)?, user: String?, day: Day?, rationale: String?, meeting: Int?
            while let key = try reader.nextKey() {
                switch key {
                case "field": field = try value(Amendment.Field.self)
                case "old": old = (try reader.readString(), reader.offset)
                case "new": new = (try reader.readString(), reader.offset)
                case "user": user = try reader.readString()
                case "day": day = try self.day()
                case "rationale": rationale = try reader.readString()
                case "meeting": meeting = try optionalID(.meeting)
                default: try reader.skipValue()
                }
            }
            let f = try required(field, "field", start), after = try required(new, "new", start)
            list.append(Amendment(field: f, old: try old.map { (o) throws(JSONError) in try amendedValue(o, of: f) },
                                  new: try amendedValue(after, of: f), user: try required(user, "user", start),
                                  day: try required(day, "day", start), rationale: try required(rationale, "rationale", start),
                                  meeting: meeting))
        }
        return list
    }

    /// An amended field's value read as `text` (ending at `end`) for `field`: a date for `due`
    /// and `review`, a person's id for `owner` and `assignee`, else text.
    private func amendedValue(_ given: (text: String, end: Int), of field: Amendment.Field) throws(JSONError) -> Amendment.Value {
        switch field {
        case .due, .review:
            guard let d = WorkspaceText.day(in: given.text) else {
                throw problem("expected a date YYYY-MM-DD that exists, found \(Self.quoted(given.text))", at: given.end)
            }
            return .day(d)
        case .owner, .assignee:
            guard let n = WorkspaceText.number(in: given.text, kind: .person) else {
                throw problem("expected a PE-n id, found \(Self.quoted(given.text))", at: given.end)
            }
            return .person(n)
        default:
            return .text(given.text)
        }
    }

    /// A plan's reviews: `[{"date": …, "meeting": …, "outcome": …, "note": …, "next": …}, …]`.
    mutating func planReviews() throws(JSONError) -> [PlanReview] {
        try reader.beginArray()
        var list: [PlanReview] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var date: Day?, meeting: Int?, outcome: PlanReview.Outcome?, note: String?, next: Day?
            while let key = try reader.nextKey() {
                switch key {
                case "date": date = try day()
                case "meeting": meeting = try id(.meeting)
                case "outcome": outcome = try value(PlanReview.Outcome.self)
                case "note": note = try reader.readString()
                case "next": next = try optionalDay()
                default: try reader.skipValue()
                }
            }
            list.append(PlanReview(date: try required(date, "date", start), meeting: try required(meeting, "meeting", start),
                                   outcome: try required(outcome, "outcome", start), note: try required(note, "note", start), next: next))
        }
        return list
    }

    /// "a" or "an" before an id prefix read aloud (`an A-n id`, `a DP-n id`).
    private func article(_ kind: RecordKind) -> String {
        switch kind {
        case .action, .product, .escalation, .meeting, .requirement, .candidate, .review: return "an"
        default: return "a"
        }
    }
}

extension String {
    /// The string with `_` read as a space (`presented_at` → `presented at`).
    fileprivate var replacingUnderscores: String {
        String(unicodeScalars.map { $0 == "_" ? " " : Character($0) })
    }
}
