import TCGDomain
import TCGJSON

/// Members in the workspace's spellings: ids as `PREFIX-n`, dates as `YYYY-MM-DD`.
extension JSONWriter {
    /// `key: "PREFIX-n"`, or nothing when `number` is nil.
    mutating func field(_ key: StaticString, _ kind: RecordKind, _ number: Int?) {
        guard let number else { return }
        self.key(key)
        plainString { RecordID(kind, number).append(to: &$0) }
    }

    /// `key: "YYYY-MM-DD"`, or nothing when `day` is nil.
    mutating func field(_ key: StaticString, day: Day?) {
        guard let day else { return }
        self.key(key)
        plainString { day.appendISO(to: &$0) }
    }

    /// `key: "3mo"`, or nothing when `duration` is nil.
    mutating func field(_ key: StaticString, duration: Duration?) {
        guard let duration else { return }
        self.key(key)
        string(duration.description)
    }

    /// `key: ["PE-1", …]`, the numbers written as ids of `kind`.
    mutating func field(_ key: StaticString, _ kind: RecordKind, numbers: [Int]) {
        self.key(key)
        beginArray()
        for number in numbers { plainString { RecordID(kind, number).append(to: &$0) } }
        endArray()
    }

    /// `key: ["A-3", "DP-1", …]`.
    mutating func field(_ key: StaticString, ids: [RecordID]) {
        self.key(key)
        beginArray()
        for id in ids { plainString { id.append(to: &$0) } }
        endArray()
    }

    /// `key: [{"date": …, "text": …, "meeting": …}, …]`.
    mutating func field(_ key: StaticString, notes: [Note]) {
        self.key(key)
        beginArray()
        for note in notes {
            beginObject()
            field("date", day: note.date)
            field("text", note.text)
            field("meeting", .meeting, note.meeting)
            endObject()
        }
        endArray()
    }

    /// `key: [{"field": …, "old": …, "new": …, "user": …, "day": …, "rationale": …, "meeting": …}, …]`,
    /// or nothing when there are none. Values are written as the field stores them: text, a date,
    /// a person's id.
    mutating func field(_ key: StaticString, amendments: [Amendment]) {
        guard !amendments.isEmpty else { return }
        self.key(key)
        beginArray()
        for a in amendments {
            beginObject()
            field("field", a.field.workspaceName)
            if let old = a.old { field("old", amendment: old) }
            field("new", amendment: a.new)
            field("user", a.user)
            field("day", day: a.day)
            field("rationale", a.rationale)
            field("meeting", .meeting, a.meeting)
            endObject()
        }
        endArray()
    }

    /// `key: VALUE`, an amended field's value.
    private mutating func field(_ key: StaticString, amendment value: Amendment.Value) {
        switch value {
        case .text(let s): field(key, s)
        case .day(let d): field(key, day: d)
        case .person(let n): field(key, .person, n)
        }
    }

    /// `key: [{"date": …, "meeting": …, "outcome": …, "note": …, "next": …}, …]`.
    mutating func field(_ key: StaticString, planReviews: [PlanReview]) {
        self.key(key)
        beginArray()
        for r in planReviews {
            beginObject()
            field("date", day: r.date)
            field("meeting", .meeting, r.meeting)
            field("outcome", r.outcome.workspaceName)
            field("note", r.note)
            field("next", day: r.next)
            endObject()
        }
        endArray()
    }
}
