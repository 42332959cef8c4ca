/// What one call to `LineEditor.readLine(prompt:)` produced.
public enum LineResult: Sendable, Equatable {
    /// A line as typed, without its newline (a recalled multi-line history entry keeps its inner newlines).
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfFile
}
