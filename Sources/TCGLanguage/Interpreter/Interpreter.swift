import TCGDomain

/// Where statements come from, for the audit trail and for `run`'s relative paths.
public enum Origin: Sendable, Equatable {
    /// The interactive prompt.
    case repl
    /// `tcg -c '…'`.
    case commandLine
    /// A script: a file path, or `<stdin>`.
    case script(String)

    /// The audit trail's "where from" for a line.
    func label(line: Int) -> String {
        switch self {
        case .repl: return "repl"
        case .commandLine: return "-c"
        case .script(let path): return "\(path):\(line)"
        }
    }
}

/// Something a statement printed, held by the interpreter until the session knows whether the
/// statement's transaction committed.
public enum Printed: Sendable {
    /// A query's answer or an `echo`: printed whatever happens.
    case result(Output, OutputFormat)
    /// Says that something was done (an id, `wrote FILE`, `undone: …`): printed only once the
    /// change is durable, dropped when it never is.
    case confirmation(Output, OutputFormat)
    /// `wrote FILE`: printed only once the session has written that file (see ``files``).
    case wrote(path: String, OutputFormat)
    /// A warning about a statement (on stderr).
    case warning(Diagnostic, SourceFile)
}

/// Runs statements against a register held in memory. It knows nothing of files, locks or
/// terminals: the session around it loads the register, commits it, writes the files it asks for
/// and prints what it printed, in that order.
public final class Interpreter {
    /// The register being worked on. Reads go through ``visibleRegister``; this is for changes.
    public var register: Register {
        didSet { generation &+= 1 }
    }
    /// Counts changes to `register`, so that the visible view is made again only after one.
    private var generation = 0
    private var viewCache: (generation: Int, ceiling: Marking, view: Register)?
    /// The output format.
    public var format: OutputFormat
    /// Who the audit trail records.
    public let user: String
    /// `--today` / `$TCG_TODAY`, until `set today` or `advance` in this session.
    public var todayOverride: Day?
    /// The system date and the wall-clock time (ISO 8601, UTC).
    public var clock: @Sendable () -> (today: Day, now: String)
    /// Reads a file for `run`.
    public var readFile: (String) throws -> [UInt8]
    /// The audit trail, handed over by the session from the store that keeps it (the register
    /// holds only its latest entries); by default, those.
    public var auditTrail: () throws -> [AuditEntry] = { [] }
    /// `$variables` (script parameters, `let`, loop variables).
    public var variables: [String: Value] = [:]
    /// This user's current meeting: session state, never stored in the shared register.
    public var currentMeeting: Int?
    /// Set by `quit`.
    public internal(set) var quitRequested = false
    /// The deepest `run` nesting accepted.
    public static let maxRunDepth = 16
    /// The most statements a script may run (loops included) before it is stopped.
    public static let maxSteps = 50_000_000

    /// `--max-marking`: records marked above it are left out of every answer.
    public var maxMarking: Marking?

    /// The highest marking this session may see: the lower of `--max-marking` and the workspace's
    /// own (`set max-marking`), so the flag can lower the workspace's ceiling but never raise it.
    public var ceiling: Marking? {
        guard let flag = maxMarking else { return register.maxMarking }
        guard let own = register.maxMarking else { return flag }
        return min(flag, own)
    }

    /// The register as this session may see it: the one place `--max-marking` is enforced.
    /// Every query, report, reader, suggestion, error message and Tab completion reads this;
    /// records above the ceiling, and everything under them, are not in it
    /// (`Register.visible(under:)`). Made once per change of the register.
    public var visibleRegister: Register {
        guard let ceiling else { return register }
        if let cached = viewCache, cached.generation == generation, cached.ceiling == ceiling { return cached.view }
        let view = register.visible(under: ceiling)
        viewCache = (generation, ceiling, view)
        return view
    }
    /// `set timer on`: the session prints each statement's time.
    public var timer = false
    /// `set expanded`: how tables show records from now on.
    public var expanded: Expanded = .off
    /// `--quiet`, `set quiet on`: no confirmations (created ids, `A-3 done`, `wrote FILE`);
    /// query answers, echo, warnings and errors still print.
    public var quietConfirmations = false
    /// Asked between statements: true stops the running statement (Ctrl-C at the prompt).
    public var interrupted: () -> Bool = { false }
    /// Asked before each statement that changes the register: false when the session must first
    /// take the writer lock (it then runs the script again under the lock; nothing has been printed).
    public var mayWrite: () -> Bool = { true }
    /// Whether to keep what `undo` needs (the REPL, or a script that uses undo).
    public var keepsUndo = false
    /// Told, every 64 statements run, how many of the statements given to
    /// ``execute(_:in:origin:)`` are done, and how many statements have run in all (a loop's
    /// body and a `run` file's statements too), for a progress line and its rate.
    public var progress: ((_ done: Int, _ ran: Int) -> Void)?
    /// Called after each of the statements ``execute(_:in:origin:)`` was given (not those
    /// inside them) with the audit trail's length and the register (not copied unless asked
    /// for): a store may start writing what changed so far.
    public var statementDone: ((_ entries: Int, _ register: () -> Register) -> Void)?
    /// The statements of the running ``execute(_:in:origin:)`` done so far.
    var statementsDone = 0

    /// What statements printed since the session last took it.
    public private(set) var printed: [Printed] = []
    /// Files `report` wrote, for the session to write once the script has committed.
    public private(set) var files: [(path: String, bytes: [UInt8])] = []

    var runDepth = 0
    var steps = 0
    var undoStack: [UndoPoint] = []
    /// The audit entries this session committed (its own, for `undo`'s check on other writers).
    var ownEntries: Set<Int> = []

    /// The state before a committed statement, for `undo`.
    struct UndoPoint {
        var before: Register
        var after: Register
        var afterSeq: Int
        var statement: String
        var ids: [RecordID]
        /// The session's current meeting before the statement (an undone `open` moves it back).
        var meetingBefore: Int?
        /// The session's current meeting after it.
        var meetingAfter: Int?
    }

    /// Creates an interpreter over a register.
    public init(register: Register, format: OutputFormat, user: String, todayOverride: Day?,
                clock: @escaping @Sendable () -> (today: Day, now: String), readFile: @escaping (String) throws -> [UInt8]) {
        self.register = register
        self.format = format
        self.user = user
        self.todayOverride = todayOverride
        self.clock = clock
        self.readFile = readFile
        self.auditTrail = { [unowned self] in Array(self.register.audit) }
    }

    /// The register's clock: `--today`, else the saved clock, else the system date.
    public var today: Day { todayOverride ?? register.clock ?? clock().today }

    /// The current meeting, if any.
    public var meeting: Meeting? {
        let view = visibleRegister
        return currentMeeting.flatMap { n in view.meetings.index(ofNumber: n).map { view.meetings[$0] } }
    }

    /// A failed statement: the diagnostic and the source it is in.
    public struct Failure: Error {
        /// What went wrong, and where.
        public var diagnostic: Diagnostic
        /// The source it points into.
        public var source: SourceFile
        /// Set when the statements must run again under the writer lock (see ``mayWrite``).
        public var needsWriter: Bool { diagnostic.needsWriter }
    }

    /// What belongs to the session rather than to the register: kept before a run, put back when
    /// the session runs the statements again under the writer lock.
    public struct SessionState {
        var variables: [String: Value]
        /// The current meeting.
        public internal(set) var currentMeeting: Int?
        var format: OutputFormat
        var todayOverride: Day?
        var timer: Bool
        var expanded: Expanded
        var quietConfirmations: Bool
        var undoStack: [UndoPoint]
        var ownEntries: Set<Int>
        var keepsUndo: Bool
    }

    /// The session state now.
    public var sessionState: SessionState {
        get {
            SessionState(variables: variables, currentMeeting: currentMeeting, format: format, todayOverride: todayOverride, timer: timer,
                         expanded: expanded, quietConfirmations: quietConfirmations,
                         undoStack: undoStack, ownEntries: ownEntries, keepsUndo: keepsUndo)
        }
        set {
            variables = newValue.variables
            currentMeeting = newValue.currentMeeting
            format = newValue.format
            todayOverride = newValue.todayOverride
            timer = newValue.timer
            expanded = newValue.expanded
            quietConfirmations = newValue.quietConfirmations
            undoStack = newValue.undoStack
            ownEntries = newValue.ownEntries
            keepsUndo = newValue.keepsUndo
            quitRequested = false
            printed = []
            files = []
        }
    }

    /// Hands over what was printed since the last call.
    public func takePrinted() -> [Printed] {
        defer { printed = [] }
        return printed
    }

    /// Hands over the files `report` asked for since the last call.
    public func takeFiles() -> [(path: String, bytes: [UInt8])] {
        defer { files = [] }
        return files
    }

    /// Runs parsed statements in order, stopping at the first failure.
    public func execute(_ statements: [Statement], in source: SourceFile, origin: Origin) throws(Failure) {
        let frame = Frame(source: source, origin: origin)
        for (done, s) in statements.enumerated() {
            if quitRequested { return }
            statementsDone = done
            do {
                _ = try run(s, frame, quiet: false)
            } catch let d {
                throw Failure(diagnostic: d, source: d.source ?? source)
            }
            statementDone?(register.auditCount) { register }
        }
    }

    /// Where the running statements come from.
    struct Frame {
        var source: SourceFile
        var origin: Origin
    }

    func print(_ output: Output, confirms: Bool) {
        if confirms, quietConfirmations { return }
        var output = output
        if case .document(var doc) = output {
            doc.expanded = expanded
            output = .document(doc)
        }
        printed.append(confirms ? .confirmation(output, format) : .result(output, format))
    }

    func warn(_ diagnostic: Diagnostic, _ source: SourceFile) {
        printed.append(.warning(diagnostic, source))
    }

    /// Leaves a file for the session to write once the statements have committed; it says
    /// `wrote PATH` in its place among the output, if and when it has.
    func fileToWrite(_ path: String, _ bytes: [UInt8]) {
        files.removeAll { $0.path == path }
        files.append((path, bytes))
        if !quietConfirmations { printed.append(.wrote(path: path, format)) }
    }

    func run(_ s: Statement, _ frame: Frame, quiet: Bool) throws(Diagnostic) -> Value {
        steps += 1
        if steps & 63 == 0 || steps < 64, interrupted() {
            throw Diagnostic(.error, "interrupted (Ctrl-C): nothing of this statement was saved", range: s.range)
        }
        if steps & 63 == 0, let progress { progress(statementsDone, steps) }
        if steps > Interpreter.maxSteps {
            throw Diagnostic(.error, "the script ran more than \(Interpreter.maxSteps) statements; stopping", range: s.range,
                             help: "check the loops")
        }
        switch s {
        case .command(let c):
            return try runCommand(c, frame, quiet: quiet)
        case .assign(let name, let value, _):
            let v = try letValue(value, frame)
            variables[name] = v
            return v
        case .echo(let exprs, _):
            var parts: [String] = []
            for e in exprs { parts.append(try eval(e, frame).description) }
            if !quiet { print(.text(parts.joined(separator: " ")), confirms: false) }
            return .none
        case .loop(let name, let source, let body, _):
            let items: [Value]
            switch try letValue(source, frame) {
            case .list(let l): items = l
            case .none: items = []
            case let other: items = [other]
            }
            for item in items {
                variables[name] = item
                for b in body {
                    _ = try run(b, frame, quiet: quiet)
                    if quitRequested { return .none }
                }
            }
            return .none
        case .branch(let condition, let then, let otherwise, _):
            let body = try truth(condition, frame) ? then : (otherwise ?? [])
            for b in body {
                _ = try run(b, frame, quiet: quiet)
                if quitRequested { return .none }
            }
            return .none
        case .check(let condition, let message, let range):
            if try !truth(condition, frame) {
                let text = try message.map { (m) throws(Diagnostic) in try eval(m, frame).description }
                throw Diagnostic(.error, "assertion failed" + (text.map { ": \($0)" } ?? ""), range: range,
                                 help: try assertionHelp(condition, frame))
            }
            return .none
        case .include(let pathExpr, let parameters, let range):
            return try include(pathExpr, parameters, range, frame)
        }
    }

    /// Runs one command from the table: a change first makes sure the session may write, then is
    /// audited (and kept for `undo`); the id it creates is a confirmation, printed once durable.
    func runCommand(_ c: Command, _ frame: Frame, quiet: Bool) throws(Diagnostic) -> Value {
        guard let execute = c.spec.execute else {
            throw Diagnostic(.error, "`\(c.spec.name)` is a statement form of its own here", range: c.range)
        }
        let changes = c.spec.changes
        if changes, !mayWrite() { throw Diagnostic.needsWriter(at: c.range) }
        // Keeping the state before each change costs a copy of what the change touches, so it is
        // kept only where `undo` can use it (the REPL, or a script that says undo).
        let before: Register? = keepsUndo && changes ? register : nil
        let meetingBefore = currentMeeting
        let heldBefore = printed.count
        let result: Value
        do {
            result = try execute(Call(interpreter: self, command: c, frame: frame, quiet: quiet))
        } catch let d {
            _ = register.takePending()
            throw d
        }
        var logged: [String] = []
        if changes {
            let entriesBefore = register.audit.count
            logged = register.pendingChanges
            audit(c, frame)
            if register.audit.count != entriesBefore {
                let seq = register.lastAuditSeq
                if keepsUndo { ownEntries.insert(seq) }
                if let before, c.spec.name != "undo" {
                    undoStack.append(UndoPoint(before: before, after: register, afterSeq: seq, statement: statementText(c, frame.source),
                                               ids: register.audit.last?.ids ?? [], meetingBefore: meetingBefore, meetingAfter: currentMeeting))
                    if undoStack.count > 1000 { undoStack.removeFirst() }
                }
            }
        }
        if changes, !quiet { confirmChange(c, result: result, logged: logged, heldBefore: heldBefore) }
        return result
    }

    func letValue(_ v: LetValue, _ frame: Frame) throws(Diagnostic) -> Value {
        switch v {
        case .statement(let s): return try run(s, frame, quiet: true)
        case .value(let e):
            switch e {
            case .compare, .member, .contains, .and, .or, .not: return .bool(try truth(e, frame))
            default: return try eval(e, frame)
            }
        }
    }

    func include(_ pathExpr: Expr, _ parameters: [(name: String, value: Expr)], _ range: SourceRange, _ frame: Frame) throws(Diagnostic) -> Value {
        let path = try eval(pathExpr, frame).description
        guard runDepth < Interpreter.maxRunDepth else {
            throw Diagnostic(.error, "`run` is nested more than \(Interpreter.maxRunDepth) deep", range: range,
                             help: "a script probably runs itself; check the run statements")
        }
        var resolved = path
        if !path.hasPrefix("/"), case .script(let current) = frame.origin, let slash = current.lastIndex(of: "/") {
            resolved = String(current[...slash]) + path
        }
        for (name, value) in parameters { variables[name] = try eval(value, frame) }
        let bytes: [UInt8]
        do { bytes = try readFile(resolved) } catch {
            throw Diagnostic(.error, "cannot read \(resolved): \(error)", range: range,
                             help: "paths are relative to the running script (at the prompt and after -c, to the current folder)")
        }
        let source = SourceFile(name: resolved, bytes: bytes)
        let parsed = Parser.parse(source)
        if var first = parsed.diagnostics.first {
            first.source = source
            throw first
        }
        if parsed.usesUndo { keepsUndo = true }
        runDepth += 1
        defer { runDepth -= 1 }
        let inner = Frame(source: source, origin: .script(resolved))
        for s in parsed.statements {
            if quitRequested { break }
            do { _ = try run(s, inner, quiet: false) } catch var d {
                if d.source == nil { d.source = source }
                throw d
            }
        }
        return .none
    }

    /// Records the last command's changes in the audit trail.
    func audit(_ c: Command, _ frame: Frame) {
        let pending = register.takePending()
        guard !pending.changes.isEmpty else { return }
        let line = frame.source.location(of: c.range.start).line
        let (_, now) = clock()
        let lastSeq = inPlace { r in r.lastAuditSeq }
        let entry = AuditEntry(seq: lastSeq + 1, at: now, day: today, user: user, source: frame.origin.label(line: line),
                               statement: statementText(c, frame.source), changes: pending.changes, ids: pending.ids)
        inPlace { r in r.appendAudit(entry, unchanged: pending.unchanged) }
    }

    /// Runs a register query or change through an inout access. Calling a `Register` method on
    /// the stored property directly copies the whole register first (a retain and a release per
    /// record list), since the property could change under the call; an inout access cannot.
    @inline(__always)
    func inPlace<T, E: Error>(_ body: (inout Register) throws(E) -> T) throws(E) -> T {
        try body(&register)
    }

    /// The statement as the audit trail and `undo` name it: on one line, its `$variables` resolved.
    func statementText(_ c: Command, _ source: SourceFile) -> String {
        let lo = max(0, min(c.range.start, source.bytes.count)), hi = max(lo, min(c.range.end, source.bytes.count))
        let slice = resolvingVariables(of: c, in: source.bytes[lo..<min(hi, lo + 2000)])
        var text: String
        if slice.contains(10) {
            text = String(decoding: slice, as: UTF8.self).split(separator: "\n").map { line in
                let t = String(line).trimmingSpaces
                return t.hasSuffix("\\") ? String(t.dropLast()).trimmingSpaces : t
            }.joined(separator: " ")
        } else {
            text = String(decoding: slice, as: UTF8.self)
        }
        if hi - lo > 2000 { text += "…" }
        return text
    }

    /// Explains a failed comparison: what each side was.
    func assertionHelp(_ condition: Expr, _ frame: Frame) throws(Diagnostic) -> String? {
        if case .compare(let op, let l, let r, _) = condition {
            let lv = try eval(l, frame), rv = try eval(r, frame)
            return "the left side is \(show(lv)) and the right side is \(show(rv)); \(op) does not hold"
        }
        return nil
    }

    func show(_ v: Value) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        default: return v.description.isEmpty ? "nothing" : v.description
        }
    }
}
