/// Word wrapping for table cells and field values (psql's `wrapped` format).
enum TextWrap {
    /// `s` as lines of at most `width` characters, broken between words; a word longer than a
    /// line is broken after a hyphen in it, else where the line ends. Every character but the
    /// spaces between words is kept, in order.
    static func lines(_ s: String, width: Int?) -> [String] {
        guard let width, width > 0, s.count > width else { return [s] }
        var lines: [String] = []
        var line = ""
        for w in s.split(separator: " ") {
            var word = w
            if !line.isEmpty {
                if line.count + 1 + word.count <= width {
                    line += " " + word
                    continue
                }
                lines.append(line)
                line = ""
            }
            while word.count > width {
                let head = word.prefix(width)
                let cut = head.dropLast().lastIndex(of: "-").map { word.index(after: $0) } ?? head.endIndex
                lines.append(String(word[..<cut]))
                word = word[cut...]
            }
            line = String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
