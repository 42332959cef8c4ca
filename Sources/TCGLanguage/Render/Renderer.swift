import TCGDomain
import TCGJSON
import TCGText

/// Renders what statements print, in one of the output formats. Tables fit `width` when given.
/// The language never writes escape codes: `styled` marks what text means, and the executable
/// decides how that looks.
public struct Renderer: Sendable {
    /// The format.
    public var format: OutputFormat
    /// The terminal's width in columns, or nil when not printing to a terminal.
    public var width: Int?

    /// Creates a renderer.
    public init(format: OutputFormat, width: Int?) {
        self.format = format
        self.width = width
    }

    /// Creates a renderer; colour is no longer the language's to apply, so `color` is ignored.
    @available(*, deprecated, message: "render plain text with render(_:), or style it with styled(_:) and map the styles in the executable")
    public init(format: OutputFormat, width: Int?, color: Bool) {
        self.init(format: format, width: width)
    }

    /// The plain text to print for an output, ending in a newline.
    public func render(_ output: Output) -> String {
        styled(output).plain
    }

    /// The text to print for an output, ending in a newline, with what each part means.
    public func styled(_ output: Output) -> StyledText {
        switch output {
        case .created(let id):
            return StyledText("\(id)\n")
        case .value(let v):
            if format == .json, case .string(let s) = v { return StyledText(JSONRender.safe(JSONRender.string(s)) + "\n") }
            return StyledText("\(v)\n")
        case .text(let s):
            return StyledText(s.hasSuffix("\n") ? s : s + "\n")
        case .document(let doc):
            switch format {
            case .table: return TableRender(width: width).document(doc.forPeople)
            case .json: return StyledText(JSONRender.safe(JSONRender.document(doc)))
            case .csv: return StyledText(CSVRender.document(doc))
            case .markdown: return StyledText(MarkdownRender.document(doc.forPeople))
            }
        }
    }
}

/// JSON output: lists as arrays of objects, reports as one object (LANGUAGE.md); each document
/// on one line, so that a script's output is JSON Lines (one value per query answer).
enum JSONRender {
    /// JSON text with the characters a terminal or a reader could be fooled by (DEL, C1 and bidi
    /// controls, zero-width characters, line separators) written as `\uXXXX`: the same JSON value,
    /// but never those characters raw. The writer already escapes C0 controls; structure is ASCII,
    /// so every such character is inside a string.
    static func safe(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 >= 0x7F }) else { return json }
        guard json.unicodeScalars.contains(where: UnsafeScalar.isUnsafe) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, UnsafeScalar.isUnsafe(scalar) {
                out += "\\u" + TerminalText.hex(scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func string(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return w.text()
    }

    static func write(_ v: FieldValue, _ w: inout JSONWriter) {
        switch v {
        case .text(let s), .word(let s): w.string(s)
        case .int(let n): w.int(n)
        case .date(let d): w.string(d.description)
        case .id(let id): w.string(id.description)
        case .person(_, let name): w.string(name)
        case .bool(let b): w.bool(b)
        case .list(let items):
            w.beginArray()
            for i in items { write(i, &w) }
            w.endArray()
        }
    }

    static func rows(_ s: Section, _ w: inout JSONWriter) {
        for row in s.rows {
            w.beginObject()
            for (k, col) in s.columns.enumerated() where !s.displayOnly.contains(col) {
                guard k < row.count, let v = row[k] else { continue }
                w.key(col)
                write(v, &w)
            }
            w.endObject()
        }
    }

    static func document(_ doc: Document) -> String {
        var w = JSONWriter(style: .compact)
        switch doc.shape {
        case .list:
            w.beginArray()
            for s in doc.sections { rows(s, &w) }
            w.endArray()
        case .groups(let field):
            w.beginArray()
            for s in doc.sections where !s.rows.isEmpty {
                w.beginObject()
                if let value = s.group {
                    w.key(field)
                    write(value, &w)
                }
                w.key("count")
                w.int(s.rows.count)
                w.key(s.key)
                w.beginArray()
                rows(s, &w)
                w.endArray()
                w.endObject()
            }
            w.endArray()
        case .object:
            w.beginObject()
            for (k, v) in doc.fields {
                w.key(k)
                write(v, &w)
            }
            for s in doc.sections {
                w.key(s.key)
                w.beginArray()
                rows(s, &w)
                w.endArray()
            }
            w.endObject()
        }
        return w.text() + "\n"
    }
}

/// CSV output (RFC 4180): a header row, then one row per record; lists joined with "; ".
///
/// A cell a spreadsheet would take as a formula (text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return) is quoted and starts with `'`, the OWASP rule. Numbers, dates, ids and
/// yes/no values are never prefixed, nor is text that is a plain decimal number (`-12`, `-0.5`):
/// a spreadsheet reads those as the value they are, and no formula can hide in them.
enum CSVRender {
    static func cell(_ v: FieldValue?) -> String {
        guard let v else { return "" }
        let s: String
        if case .list(let items) = v { s = items.map(\.display).joined(separator: "; ") } else { s = v.display }
        if mayBeFormula(v), startsFormula(s) {
            return "\"'" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Whether a value of this kind can hold text of the user's (not a number, date, id or yes/no).
    static func mayBeFormula(_ v: FieldValue) -> Bool {
        switch v {
        case .int, .date, .id, .bool: return false
        case .text, .word, .person, .list: return true
        }
    }

    /// Whether a spreadsheet would read `s` as a formula: it starts with `=`, `+`, `-`, `@`, tab
    /// or CR, and is not a plain decimal number.
    static func startsFormula(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        switch first {
        case "=", "@", "\t", "\r": return true
        case "+", "-": return !isPlainNumber(s)
        default: return false
        }
    }

    /// A sign, digits, and at most one decimal point followed by digits: `-12`, `+3.5`.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = Substring(s).utf8.dropFirst()
        guard let firstDigit = digits.first, (0x30...0x39).contains(firstDigit) else { return false }
        var seenPoint = false
        while let b = digits.first {
            digits = digits.dropFirst()
            if (0x30...0x39).contains(b) { continue }
            guard b == UInt8(ascii: "."), !seenPoint, let next = digits.first, (0x30...0x39).contains(next) else { return false }
            seenPoint = true
        }
        return true
    }

    /// The columns CSV shows, with their places in a row.
    static func columns(_ s: Section) -> [(offset: Int, element: String)] {
        s.columns.enumerated().filter { !s.displayOnly.contains($0.element) }
    }

    /// One row's cells in those columns.
    static func cells(_ row: [FieldValue?], _ cols: [(offset: Int, element: String)]) -> [String] {
        cols.map { cell($0.offset < row.count ? row[$0.offset] : nil) }
    }

    static func line(_ cells: [String]) -> String { cells.joined(separator: ",") + "\n" }

    static func table(_ s: Section) -> String {
        let cols = columns(s)
        return line(cols.map(\.element)) + s.rows.map { line(cells($0, cols)) }.joined()
    }

    /// Grouped sections as one table whose first column, `group`, is each row's group value.
    static func groups(_ sections: [Section]) -> String {
        guard let first = sections.first else { return "" }
        let cols = columns(first)
        var out = line(["group"] + cols.map(\.element))
        for s in sections {
            for row in s.rows { out += line([cell(s.group)] + cells(row, cols)) }
        }
        return out
    }

    /// A report of several parts (`show`, `agenda`, `minutes`, `strategy`, or `outstanding` of
    /// several kinds) as ONE table, so that a CSV reader reads it whole: the first column,
    /// `section`, is the part's key (`fields` for the report's own fields, which make one row);
    /// then the union of every part's columns, in the order they first appear. A row leaves the
    /// columns its part does not have empty, so every row has the same cells.
    static func sectioned(_ doc: Document) -> String {
        var header: [String] = []
        var seen: Set<String> = []
        func add(_ name: String) { if seen.insert(name).inserted { header.append(name) } }
        for (name, _) in doc.fields { add(name) }
        for s in doc.sections { for c in columns(s) { add(c.element) } }
        let place = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset) })
        var out = line(["section"] + header)
        func row(_ key: String, _ values: [(String, FieldValue?)]) {
            var cells = Array(repeating: "", count: header.count)
            for (name, value) in values { if let k = place[name] { cells[k] = cell(value) } }
            out += line([cell(.text(key))] + cells)
        }
        if !doc.fields.isEmpty { row("fields", doc.fields.map { ($0.0, $0.1) }) }
        for s in doc.sections {
            let cols = columns(s)
            for r in s.rows { row(s.key, cols.map { ($0.element, $0.offset < r.count ? r[$0.offset] : nil) }) }
        }
        return out
    }

    static func document(_ doc: Document) -> String {
        switch doc.shape {
        case .list:
            if doc.sections.count == 1 { return table(doc.sections[0]) }
            return sectioned(doc)
        case .groups:
            return groups(doc.sections)
        case .object:
            return sectioned(doc)
        }
    }
}

/// Markdown output: a heading, the fields as a list, each section as a pipe table. Text from the
/// register goes through `MarkdownText`, so it can add no heading, row or tag.
enum MarkdownRender {
    static func cell(_ v: FieldValue?) -> String {
        MarkdownText.inline(v?.display ?? "")
    }

    static func table(_ s: Section) -> String {
        let cols = s.columns.enumerated().filter { !s.displayOnly.contains($0.element) }
        guard !s.rows.isEmpty else { return "_none_\n" }
        var out = "| " + cols.map { $0.element }.joined(separator: " | ") + " |\n"
        out += "|" + cols.map { _ in " --- |" }.joined() + "\n"
        for row in s.rows {
            out += "| " + cols.map { cell($0.offset < row.count ? row[$0.offset] : nil) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func document(_ doc: Document) -> String {
        var out = ""
        if let title = doc.title, doc.shape == .object || doc.alwaysTitled { out += "## \(MarkdownText.heading(title))\n\n" }
        if !doc.fields.isEmpty {
            out += doc.fields.map { "- **\(MarkdownText.inline($0.0))**: \(cell($0.1))\n" }.joined() + "\n"
        }
        let titled = doc.shape == .object || doc.alwaysTitled || doc.sections.count > 1
        for (n, s) in doc.sections.enumerated() {
            if titled { out += "### \(MarkdownText.heading(s.title))\n\n" }
            out += table(s)
            if n < doc.sections.count - 1 { out += "\n" }
        }
        return out
    }
}

extension String {
    /// Replaces every occurrence of a string (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
