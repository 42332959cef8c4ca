import TCGDomain

/// The one line a changing statement prints once its change is durable (`A-3 done`, `A-5
/// assigned to PC Tom Dale`). A statement that creates a record prints its id instead, and one
/// that says what it did in its own words (`amend`, `undo`, `handover`, `schedule`) keeps them.
/// Every other change is worded here, from the spec's `confirms` phrase or else from what it
/// logged to the audit trail, so that a new verb confirms with no code of its own.
extension Interpreter {
    /// Prints the confirmation of a change command that has just run and been audited, unless it
    /// created a record (its id is its confirmation) or printed one of its own.
    /// `heldBefore`: how many printed items were held before it ran.
    func confirmChange(_ c: Command, result: Value, logged: [String], heldBefore: Int) {
        if case .id(let id) = result {
            print(.created(id), confirms: true)
            return
        }
        // Worded once per statement of a long script: nothing is worded that would not be printed.
        guard !quietConfirmations else { return }
        let own = printed.dropFirst(heldBefore).contains { if case .confirmation = $0 { return true } else { return false } }
        guard !own else { return }
        // Under a ceiling, a change that names a record the session may not see is left out.
        var shown = logged
        if ceiling != nil {
            let view = visibleRegister
            shown = logged.filter {
                view.shows(AuditEntry(seq: 0, at: "", day: today, user: "", source: "", statement: "", changes: [$0], ids: []))
            }
        }
        print(.text(shown.isEmpty && !logged.isEmpty ? "done" : Confirmation.line(logged: shown, phrase: c.spec.confirms)), confirms: true)
    }
}

/// Words a confirmation from the changes a statement logged.
enum Confirmation {
    /// One short line: each record the changes name, then what happened to it, with no free text
    /// (a rationale or note after `: ` is left out), worded by ``what(_:)``. With a `phrase`, the
    /// records then the phrase (`A-1 updated`). Nothing logged reads `nothing changed`.
    static func line(logged: [String], phrase: String?) -> String {
        guard !logged.isEmpty else { return "nothing changed" }
        var subjects: [String] = []
        var said: [String: [String]] = [:]
        var others: [String] = []
        for change in logged {
            let text = change.firstASCIIRange(of: ": ").map { String(change[..<$0.lowerBound]) } ?? change
            let words = text.split(separator: " ", maxSplits: 1)
            guard let first = words.first, RecordID(first) != nil, words.count == 2 else {
                others.append(newValue(text))
                continue
            }
            let subject = String(first)
            if said[subject] == nil { subjects.append(subject) }
            said[subject, default: []].append(what(String(words[1])))
        }
        if let phrase, !subjects.isEmpty { return subjects.joined(separator: ", ") + " " + phrase }
        // Several records that had the same done to them read as one: `A-2, C-1 marking OFFICIAL`.
        if subjects.count > 1, others.isEmpty, let first = said[subjects[0]], subjects.allSatisfy({ said[$0] == first }) {
            return subjects.joined(separator: ", ") + " " + first.joined(separator: ", ")
        }
        let lines = subjects.map { "\($0) \(said[$0, default: []].joined(separator: ", "))" } + others
        return lines.joined(separator: "; ")
    }

    /// What a change did to its record, from the audit's wording after the id: `status open ->
    /// done` reads `done`, `owner A -> B` reads `assigned to B`, another `FIELD OLD -> NEW` reads
    /// `FIELD NEW`; anything else as logged.
    static func what(_ rest: String) -> String {
        guard let arrow = rest.firstASCIIRange(of: " -> "), let space = rest.firstIndex(of: " ") else { return rest }
        let field = rest[..<space], new = rest[arrow.upperBound...]
        switch field {
        case "status": return String(new)
        case "owner": return "assigned to " + new
        default: return field + " " + new
        }
    }

    /// A change that names no record (`policy East ttcg every - -> 2w`): the new value in place of
    /// the old (`policy East ttcg every 2w`) when the old is one word, else as logged.
    static func newValue(_ text: String) -> String {
        guard let arrow = text.firstASCIIRange(of: " -> "), let space = text[..<arrow.lowerBound].lastIndex(of: " ") else { return text }
        return text[..<space] + " " + text[arrow.upperBound...]
    }
}

extension StringProtocol {
    /// Where `pattern` (ASCII) first occurs, found byte by byte: `firstRange(of:)` compares
    /// characters, which costs a sixth of a long script's time when every statement confirms.
    func firstASCIIRange(of pattern: StaticString) -> Range<Index>? {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard let first = needle.first else { return nil }
        let bytes = utf8
        var i = bytes.startIndex
        while let start = bytes[i...].firstIndex(of: first) {
            var end = start, k = 0
            while k < needle.count, end < bytes.endIndex, bytes[end] == needle[k] {
                end = bytes.index(after: end)
                k += 1
            }
            if k == needle.count { return start..<end }
            i = bytes.index(after: start)
        }
        return nil
    }
}
