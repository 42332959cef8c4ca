#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore

/// One loop for scripts and the REPL: where statements come from, how they commit, how errors end them.
///
/// A script (file, stdin, `-c`) is one transaction under the writer lock: the first failing
/// statement ends it and nothing is saved. At the prompt each statement commits on its own and is
/// durable before the next prompt.
final class Session {
    let store: RegisterStore
    let console: Console
    let interpreter: Interpreter
    let dryRun: Bool
    /// Set when the process ends with this session's script: `runScript` then exits itself, so
    /// that the parsed script, the register and the session are freed by the kernel all at once
    /// instead of object by object (a tenth of a large build script's time).
    var exitsAfterScript = false

    init(store: RegisterStore, console: Console, user: String, format: OutputFormat, todayOverride: Day?, dryRun: Bool,
         clock: @escaping @Sendable () -> (today: Day, now: String) = Environment.clock) {
        self.store = store
        self.console = console
        self.dryRun = dryRun
        self.interpreter = Interpreter(register: Register(), format: format, user: user, todayOverride: todayOverride,
                                       sink: console, clock: clock,
                                       readFile: { path in
                                           guard let bytes = FileIO.read(path) else { throw ReadError(reason: FileIO.lastError()) }
                                           return bytes
                                       })
        interpreter.writeFile = { path, bytes in try DurableFile.write(path, bytes) }
    }

    struct ReadError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Runs a whole script as one transaction; returns the exit status.
    func runScript(_ source: SourceFile, origin: Origin, parameters: [String: Value]) -> Int32 {
        let parsed = Parser.parse(source)
        let status = run(parsed, source, origin: origin, parameters: parameters)
        if exitsAfterScript {
            console.flush()
            exit(status)
        }
        return status
    }

    /// Runs a parsed script as one transaction; returns the exit status.
    private func run(_ parsed: ParseResult, _ source: SourceFile, origin: Origin, parameters: [String: Value]) -> Int32 {
        if !parsed.diagnostics.isEmpty {
            for d in parsed.diagnostics { console.error(d, in: source) }
            return 1
        }
        interpreter.variables.merge(parameters) { _, new in new }
        interpreter.keepsUndo = Session.uses(.undo, parsed.statements)
        let started = Session.monotonicMilliseconds()
        defer {
            console.flush()
            if interpreter.timer {
                Console.writeError("time: \(Session.format(Session.monotonicMilliseconds() - started)) ms for \(parsed.statements.count) statements\n")
            }
        }
        do {
            if dryRun || !Session.changes(parsed.statements) {
                interpreter.register = try store.open()
                try interpreter.execute(parsed.statements, in: source, origin: origin)
                if dryRun, interpreter.register.auditCount != (try? store.open())?.auditCount {
                    console.message("dry run: nothing was saved")
                }
                return 0
            }
            try store.transaction { (register: inout Register) throws in
                interpreter.register = register
                try interpreter.execute(parsed.statements, in: source, origin: origin)
                register = interpreter.register
            }
            return 0
        } catch let failure as Interpreter.Failure {
            console.error(failure.diagnostic, in: failure.source)
            return 1
        } catch let error as StoreError {
            console.message(storeMessage(error))
            return 3
        } catch {
            console.message("tcg: \(error)")
            return 1
        }
    }

    func storeMessage(_ error: StoreError) -> String {
        "\(error)" + (error.help.map { "\nhelp: \($0)" } ?? "")
    }

    /// A monotonic clock in milliseconds.
    static func monotonicMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
    }

    /// Milliseconds with three decimals.
    static func format(_ ms: Double) -> String {
        let micro = Int((ms * 1000).rounded())
        let frac = micro % 1000
        return "\(micro / 1000).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)"
    }

    /// Whether a verb appears anywhere in the statements.
    static func uses(_ verb: Verb, _ statements: [Statement]) -> Bool {
        statements.contains { s in
            switch s {
            case .command(let c): return c.spec.verb == verb
            case .loop(_, _, let body, _): return uses(verb, body)
            case .branch(_, let then, let otherwise, _): return uses(verb, then) || uses(verb, otherwise ?? [])
            case .include: return true
            default: return false
            }
        }
    }

    /// Whether any statement (or a script it runs) can change the register.
    static func changes(_ statements: [Statement]) -> Bool {
        statements.contains { s in
            switch s {
            case .command(let c): return c.spec.changes
            case .assign(_, let v, _): return letChanges(v)
            case .echo(let exprs, _): return exprs.contains(where: exprChanges)
            case .loop(_, let source, let body, _): return letChanges(source) || changes(body)
            case .branch(let cond, let then, let otherwise, _): return exprChanges(cond) || changes(then) || changes(otherwise ?? [])
            case .check(let cond, _, _): return exprChanges(cond)
            case .include: return true
            }
        }
    }

    static func letChanges(_ v: LetValue) -> Bool {
        switch v {
        case .statement(let s): return changes([s])
        case .value(let e): return exprChanges(e)
        }
    }

    static func exprChanges(_ e: Expr) -> Bool {
        switch e {
        case .query(let s, _): return changes([s])
        case .compare(_, let a, let b, _), .member(let a, let b, _), .contains(let a, let b, _), .and(let a, let b), .or(let a, let b):
            return exprChanges(a) || exprChanges(b)
        case .not(let a, _): return exprChanges(a)
        case .list(let items, _): return items.contains(where: exprChanges)
        default: return false
        }
    }

    /// Runs one statement at the prompt as its own transaction. Returns false when the session should end.
    func runInteractive(_ statement: Statement, source: SourceFile) -> Bool {
        let started = Session.monotonicMilliseconds()
        defer {
            if interpreter.timer {
                console.flush()
                let ms = Session.monotonicMilliseconds() - started
                Console.writeError("time: \(Session.format(ms)) ms\n")
            }
        }
        do {
            if dryRun || !Session.changes([statement]) {
                if let fresh = try store.refresh() { interpreter.register = fresh }
                try interpreter.execute([statement], in: source, origin: .repl)
            } else {
                try store.transaction { (register: inout Register) throws in
                    interpreter.register = register
                    try interpreter.execute([statement], in: source, origin: .repl)
                    register = interpreter.register
                }
            }
        } catch let failure as Interpreter.Failure {
            console.error(failure.diagnostic, in: failure.source)
        } catch let error as StoreError {
            console.message(storeMessage(error))
        } catch {
            console.message("tcg: \(error)")
        }
        console.flush()
        return !interpreter.quitRequested
    }

    /// The prompt: the current meeting and its kind, and the clock when it is not today.
    var prompt: String {
        var parts = ["tcg"]
        if interpreter.todayOverride != nil || interpreter.register.clock != nil, interpreter.today != Environment.clock().today {
            parts.append("[\(interpreter.today)]")
        }
        if let m = interpreter.currentMeeting { parts.append("\(m.id) \(m.kind.keyword)") }
        return parts.joined(separator: " ") + "> "
    }
}
