import TCGDomain

/// The output formats of `--format` and `set format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown

    /// JSON and CSV: stdout carries only query answers, so that other tools can parse it; the
    /// rest (echo, help, confirmations, notices) goes to stderr.
    public var isMachine: Bool { self == .json || self == .csv }
}

/// How tables show records (`set expanded`, psql's `\x`): as rows, as one block per record, or
/// as blocks only when the rows would not fit the terminal even with their text wrapped.
public enum Expanded: String, Sendable, CaseIterable {
    case off, on, auto
}

/// A block of rows of one kind, as a query answers.
public struct Section: Sendable {
    /// The key in JSON (`actions`).
    public var key: String
    /// The heading in a table (`Overdue and due actions by owner`).
    public var title: String
    /// Column names, in order.
    public var columns: [String]
    /// Rows: one value (or nil) per column.
    public var rows: [[FieldValue?]]
    /// The columns a table shows (default: all).
    public var tableColumns: [String]?
    /// Columns shown in tables only, never in JSON, CSV or Markdown (e.g. `late`).
    public var displayOnly: Set<String> = []
    /// Columns for other programs only, in JSON and CSV, never in tables or Markdown (e.g.
    /// `overdue` and `late_days`, which a table shows as `late`).
    public var machineOnly: Set<String> = []
    /// In a grouped document, the value the section's rows share (nil: they have none).
    public var group: FieldValue?

    /// Creates a section.
    public init(key: String, title: String, columns: [String], rows: [[FieldValue?]], tableColumns: [String]? = nil, displayOnly: Set<String> = []) {
        self.key = key
        self.title = title
        self.columns = columns
        self.rows = rows
        self.tableColumns = tableColumns
        self.displayOnly = displayOnly
    }
}

/// What a query prints: a list of rows, or one object with fields and sections.
public struct Document: Sendable {
    /// How JSON shows it.
    public enum Shape: Sendable, Equatable {
        /// A JSON array of every section's rows (`list`, `outstanding`, `calendar`, `history`).
        case list
        /// A JSON object of the fields, with each section as an array (`show`, `agenda`, `minutes`, `strategy`).
        case object
        /// One section per value of a field (`list … group by FIELD`): in JSON an array of objects,
        /// each with the field's value, the count and the rows; in CSV a first column `group`.
        case groups(by: String)
    }
    /// The JSON shape.
    public var shape: Shape
    /// A heading for tables and Markdown.
    public var title: String?
    /// Named values shown before the sections.
    public var fields: [(String, FieldValue)]
    /// Sections of rows.
    public var sections: [Section]
    /// Show a section's title in tables even when it is the only one.
    public var alwaysTitled: Bool = false
    /// How a table shows its sections' records (the session's `set expanded`).
    public var expanded: Expanded = .off
    /// Fields for other programs only, in JSON and CSV, never in tables or Markdown.
    public var machineOnly: Set<String> = []

    /// The document as people read it (tables, Markdown): without what is for programs only.
    public var forPeople: Document {
        guard !machineOnly.isEmpty || sections.contains(where: { !$0.machineOnly.isEmpty }) else { return self }
        var doc = self
        doc.fields = fields.filter { !machineOnly.contains($0.0) }
        doc.machineOnly = []
        doc.sections = sections.map { s in
            guard !s.machineOnly.isEmpty else { return s }
            var out = s
            let keep = s.columns.indices.filter { !s.machineOnly.contains(s.columns[$0]) }
            out.columns = keep.map { s.columns[$0] }
            out.rows = s.rows.map { row in keep.map { $0 < row.count ? row[$0] : nil } }
            out.tableColumns = s.tableColumns?.filter { !s.machineOnly.contains($0) }
            out.machineOnly = []
            return out
        }
        return doc
    }

    /// Creates a document.
    public init(shape: Shape, title: String? = nil, fields: [(String, FieldValue)] = [], sections: [Section] = [], alwaysTitled: Bool = false) {
        self.shape = shape
        self.title = title
        self.fields = fields
        self.sections = sections
        self.alwaysTitled = alwaysTitled
    }
}

/// Something a statement prints.
public enum Output: Sendable {
    /// The id of a record just created.
    case created(RecordID)
    /// A bare value: `count`'s integer.
    case value(Value)
    /// A line of text (`echo`, help, notices).
    case text(String)
    /// A query's answer.
    case document(Document)

    /// Whether it answers a query (a document or a value): what stdout carries in JSON and CSV.
    public var isAnswer: Bool {
        switch self {
        case .document, .value: return true
        case .created, .text: return false
        }
    }
}
