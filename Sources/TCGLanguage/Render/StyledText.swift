/// What a piece of output means. The language marks its output with these; the executable decides
/// how each looks (colour on a terminal, nothing otherwise).
public enum Style: Sendable, Hashable, CaseIterable {
    /// Ordinary text.
    case plain
    /// A document's title, a section's title or a table's header row.
    case heading
    /// How late an overdue record is (a table's `late` column).
    case late
    /// A diagnostic's `error:` label.
    case error
    /// A diagnostic's `warning:` label.
    case warning
    /// A diagnostic's `note:` label.
    case note
    /// A diagnostic's `FILE:LINE:COL:`.
    case location
    /// A diagnostic's message.
    case message
    /// The caret and tildes under the place a diagnostic is about.
    case caret
    /// A diagnostic's `help:` label.
    case help
}

/// Text as runs of one style each: what the renderers produce, before any escape code.
public struct StyledText: Sendable, Equatable, CustomStringConvertible {
    /// A stretch of text in one style.
    public struct Run: Sendable, Equatable {
        /// The text.
        public var text: String
        /// What it means.
        public var style: Style

        /// Creates a run.
        public init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    /// The runs, in order; never empty ones, never two neighbours of the same style.
    public private(set) var runs: [Run] = []

    /// Empty text.
    public init() {}

    /// Text in one style.
    public init(_ text: String, _ style: Style = .plain) {
        append(text, style)
    }

    /// Adds text at the end (joined to the last run when it has the same style).
    public mutating func append(_ text: String, _ style: Style = .plain) {
        guard !text.isEmpty else { return }
        if let last = runs.indices.last, runs[last].style == style {
            runs[last].text += text
        } else {
            runs.append(Run(text, style))
        }
    }

    /// Adds styled text at the end.
    public mutating func append(_ other: StyledText) {
        for run in other.runs { append(run.text, run.style) }
    }

    /// The text without its styles.
    public var plain: String {
        if runs.count == 1 { return runs[0].text }
        var out = ""
        for run in runs { out += run.text }
        return out
    }

    /// The plain text.
    public var description: String { plain }

    /// Whether there is no text.
    public var isEmpty: Bool { runs.isEmpty }

    /// Removes spaces at the end, whatever their style.
    public mutating func trimTrailingSpaces() {
        while let last = runs.indices.last {
            let trimmed = runs[last].text.trimmingTrailing
            if trimmed.isEmpty {
                runs.removeLast()
                continue
            }
            runs[last].text = trimmed
            return
        }
    }

    /// The runs of one style, for tests and tools.
    public func texts(in style: Style) -> [String] {
        runs.filter { $0.style == style }.map(\.text)
    }
}
