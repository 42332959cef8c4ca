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
}
