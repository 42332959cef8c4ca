import TCGDomain

/// What a command's `run` works with: its arguments, typed (`try call(owner)`), the register, the
/// clock, the current meeting, and where its output goes.
public struct Call {
    let interpreter: Interpreter
    /// The parsed command.
    public let command: Command
    let frame: Interpreter.Frame

    /// The statement's span, for diagnostics about it as a whole.
    public var range: SourceRange { command.range }

    /// The register's clock.
    public var today: Day { interpreter.today }

    /// The register as it is now, as the session may see it (`--max-marking`): for reading.
    public var register: Register { interpreter.visibleRegister }

    /// A required argument's value. The parser has checked it is there.
    public func callAsFunction<T>(_ argument: Arg<T>) throws(Diagnostic) -> T {
        guard let given = command.args[argument.name] else {
            throw Diagnostic(.error, "`\(command.spec.name)` needs its \(argument.name)", range: range,
                             help: "write \(command.spec.synopsis)")
        }
        return try argument.reader.read(given, self)
    }

    /// An optional argument's value, or nil when it was left out.
    public func callAsFunction<T>(_ argument: Opt<T>) throws(Diagnostic) -> T? {
        guard let given = command.args[argument.name] else { return nil }
        return try argument.reader.read(given, self)
    }

    /// Whether a flag was given.
    public func callAsFunction(_ flag: FlagClause) -> Bool { command.flag(flag.name) }

    /// The meeting the command belongs to: `at M-n`, else the session's current meeting.
    public func meeting() throws(Diagnostic) -> Int {
        if let given = command.args["at"] { return try Reader.record(.meeting).read(given, self) }
        if let n = interpreter.currentMeeting, interpreter.visibleRegister.meetings.index(ofNumber: n) != nil { return n }
        throw Diagnostic(.error, "`\(command.spec.name)` belongs to a meeting, and no meeting is open",
                         range: range, help: "`open M-n` first, or add `at M-n`")
    }

    /// Runs a change on the register; a refusal becomes a diagnostic on the statement.
    /// The register's clock is set on it first, for the rules that compare dates with today (R10).
    /// `blame` may point the diagnostic at the part of the statement at fault (the value out of
    /// scale) rather than at the whole statement.
    public func change<T>(blaming blame: (DomainError) -> SourceRange? = { _ in nil },
                          _ body: (inout Register) throws(DomainError) -> T) throws(Diagnostic) -> T {
        let day = today
        do {
            return try interpreter.inPlace { (r: inout Register) throws(DomainError) -> T in
                r.today = day
                return try body(&r)
            }
        } catch { throw Diagnostic(error, range: blame(error) ?? range, register: interpreter.visibleRegister) }
    }

    /// Reports built over the register as the session may see it (`--max-marking`).
    public var reports: Reports {
        Reports(register: interpreter.visibleRegister, today: interpreter.today)
    }

    /// The whole audit trail, as the store holds it (read from disk where the store left it).
    public func auditTrail() throws(Diagnostic) -> [AuditEntry] {
        do { return try interpreter.auditTrail() } catch {
            throw Diagnostic(.error, "cannot read the audit trail: \(error)", range: range)
        }
    }

    /// Reports as `reports`, that also have the audit trail (`trail` when the caller has read it
    /// already, else read here), with the entries that name a record or person the session may
    /// not see left out: for the reports that say when things happened.
    public func reportsWithTrail(_ trail: [AuditEntry]? = nil) throws(Diagnostic) -> Reports {
        let view = interpreter.visibleRegister
        let entries: [AuditEntry]
        if let trail { entries = trail } else { entries = try auditTrail() }
        return Reports(register: view, today: interpreter.today, trail: entries.filter { view.shows($0) })
    }

    /// Prints a query's answer (held until the statement's transaction ends).
    public func show(_ output: Output) { interpreter.print(output, confirms: false) }

    /// Prints that something was done: held until the change is durable, dropped if it never is.
    public func confirm(_ output: Output) { interpreter.print(output, confirms: true) }

    /// Raises the domain's warning about the statement.
    public func warn(_ warning: DomainWarning) {
        interpreter.warn(Diagnostic(warning, range: range, register: register), frame.source)
    }

    /// Whether output is wanted (false when the command runs as a value: `(count …)`, `let x = …`).
    public var printing: Bool { !quiet }
    let quiet: Bool
}
