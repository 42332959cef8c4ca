/// A source of input lines for the REPL: libedit at a terminal, plain lines otherwise.
///
/// Used from one thread at a time (the REPL's); implementations are not `Sendable`.
public protocol LineEditor: AnyObject {
    /// Reads one line (without its newline). Ctrl-C → `.interrupted` (the typed line is dropped);
    /// Ctrl-D on an empty line → `.endOfFile`.
    func readLine(prompt: String) -> LineResult
    /// Adds an entry to the history (unless it equals the previous one) and saves the history file at once.
    func addHistory(_ entry: String)
    /// Tab completion: given the whole buffer text before the cursor, what may follow.
    var completer: ((String) -> Completion)? { get set }
}
