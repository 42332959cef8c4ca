import CEditShim

/// Ctrl-C while a statement runs at the prompt: it stops the statement, never the REPL.
public enum StatementInterrupt {
    /// Starts catching Ctrl-C into a flag.
    public static func begin() { tcg_interrupt_begin() }
    /// Whether Ctrl-C was pressed since `begin()`.
    public static var requested: Bool { tcg_interrupt_requested() != 0 }
    /// Stops catching Ctrl-C.
    public static func end() { tcg_interrupt_end() }
}
