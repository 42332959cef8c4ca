import TCGDomain
import TCGJSON

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
            // Machine formats print only what queries answer, so a script's output parses as one document.
            if format == .json || format == .csv { return StyledText() }
            return StyledText("\(id)\n")
        case .value(let v):
            if format == .json, case .string(let s) = v { return StyledText(JSONRender.string(s) + "\n") }
            return StyledText("\(v)\n")
        case .text(let s):
            return StyledText(s.hasSuffix("\n") ? s : s + "\n")
        case .document(let doc):
            switch format {
            case .table: return TableRender(width: width).document(doc)
            case .json: return StyledText(JSONRender.document(doc))
            case .csv: return StyledText(CSVRender.document(doc))
            case .markdown: return StyledText(MarkdownRender.document(doc))
            }
        }
    }
}

/// JSON output: lists as arrays of objects, reports as one object (LANGUAGE.md).
enum JSONRender {
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
        var w = JSONWriter(style: .pretty(indent: 2))
        switch doc.shape {
        case .list:
            w.beginArray()
            for s in doc.sections { rows(s, &w) }
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
enum CSVRender {
    static func cell(_ v: FieldValue?) -> String {
        guard let v else { return "" }
        let s: String
        if case .list(let items) = v { s = items.map(\.display).joined(separator: "; ") } else { s = v.display }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    static func table(_ s: Section) -> String {
        let cols = s.columns.enumerated().filter { !s.displayOnly.contains($0.element) }
        var out = cols.map { $0.element }.joined(separator: ",") + "\n"
        for row in s.rows {
            out += cols.map { cell($0.offset < row.count ? row[$0.offset] : nil) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func document(_ doc: Document) -> String {
        switch doc.shape {
        case .list:
            if doc.sections.count == 1 { return table(doc.sections[0]) }
            return doc.sections.map(table).joined(separator: "\n")
        case .object:
            var blocks: [String] = []
            if !doc.fields.isEmpty {
                blocks.append("field,value\n" + doc.fields.map { "\(cell(.text($0.0))),\(cell($0.1))\n" }.joined())
            }
            blocks += doc.sections.map(table)
            return blocks.joined(separator: "\n")
        }
    }
}

/// Markdown output: a heading, the fields as a list, each section as a pipe table.
enum MarkdownRender {
    static func cell(_ v: FieldValue?) -> String {
        (v?.display ?? "").replacingAll("|", with: "\\|").replacingAll("\n", with: "<br>")
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
        if let title = doc.title, doc.shape == .object || doc.alwaysTitled { out += "## \(title)\n\n" }
        if !doc.fields.isEmpty {
            out += doc.fields.map { "- **\($0.0)**: \(cell($0.1))\n" }.joined() + "\n"
        }
        let titled = doc.shape == .object || doc.alwaysTitled || doc.sections.count > 1
        for (n, s) in doc.sections.enumerated() {
            if titled { out += "### \(s.title)\n\n" }
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
