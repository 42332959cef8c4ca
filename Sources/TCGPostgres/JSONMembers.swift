import TCGJSON

/// Values read from a JSON object as PostgreSQL's `->>` reads them — a string unescaped, a
/// number or `true`/`false` as written, `null` or a missing member as nil — by the streaming
/// ``JSONReader``, without building a document: the members wanted are read, the rest skipped.
///
/// For the records tcg itself writes (``RegisterRows``), so that their columns go to the
/// server with them instead of the server parsing each record's JSON again (migration 8). The
/// text is tcg's own JSON; should it not be JSON, what was not read before the fault is nil.
enum JSONMembers {
    /// The values at `paths` in the object `json`; a path is a member's key, or the keys down
    /// through objects inside it (`["subject", "record"]`).
    static func values(in json: String, at paths: [[String]]) -> [String?] {
        var found = [String?](repeating: nil, count: paths.count)
        let bytes = Array(json.utf8)
        var reader = JSONReader(bytes: bytes)
        try? object(&reader, bytes, paths: paths.indices.map { ($0, paths[$0][...]) }, into: &found)
        return found
    }

    /// Reads the object at the reader (or skips a value that is not one), storing the values
    /// `paths` (index into `found`, keys left) name.
    private static func object(_ reader: inout JSONReader, _ bytes: [UInt8], paths: [(index: Int, keys: ArraySlice<String>)],
                               into found: inout [String?]) throws(JSONError) {
        guard try reader.peekKind() == .object else { return try reader.skipValue() }
        var keys: [String] = []
        for path in paths where !keys.contains(path.keys.first ?? "") { keys.append(path.keys.first ?? "") }
        let names = keys.map { Array($0.utf8) }
        try reader.beginObject()
        while let n = try reader.nextKey(among: names) {
            guard n < keys.count else {
                try reader.skipValue()
                continue
            }
            var leaf: Int?, inside: [(index: Int, keys: ArraySlice<String>)] = []
            for path in paths where path.keys.first == keys[n] {
                if path.keys.count == 1 { leaf = path.index } else { inside.append((path.index, path.keys.dropFirst())) }
            }
            if let leaf {
                found[leaf] = try scalar(&reader, bytes)
            } else {
                try object(&reader, bytes, paths: inside, into: &found)
            }
        }
    }

    /// The value at the reader as `->>` gives it: a string unescaped, nil for `null`, anything
    /// else as written.
    private static func scalar(_ reader: inout JSONReader, _ bytes: [UInt8]) throws(JSONError) -> String? {
        switch try reader.peekKind() {
        case .string:
            return try reader.readString()
        case .null:
            try reader.readNull()
            return nil
        default:
            let start = reader.skippingWhitespace(from: reader.offset)
            try reader.skipValue()
            return String(decoding: bytes[start..<reader.offset], as: UTF8.self)
        }
    }
}
