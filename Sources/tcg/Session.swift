#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGStore

/// One path for every statement, from the REPL, a script, `-c` or stdin: parse → run in a
/// transaction → commit durably → write the files it asked for → print.
///
/// Statements first run on the register as it is, without the lock. The first statement that
/// would change the register stops that run (nothing has been printed or written); the session
/// then takes the writer lock and runs them again on the latest register, and commits. So a
/// query never waits for a writer, and a change is never lost to another writer. An id, a
/// confirmation or a written report appears only after the commit; a failed or dry run leaves
/// no trace. A script is one transaction; at the prompt each statement is.
final class Session {
    let store: RegisterStore
    let console: Console
    let interpreter: Interpreter
    let dryRun: Bool
    /// Where this user's current meeting is kept between runs.
    let userState: UserState?
    /// Set when the process ends with this session's script: `runScript` then exits itself, so
    /// that the parsed script, the register and the session are freed by the kernel all at once
    /// instead of object by object (a tenth of a large build script's time).
    var exitsAfterScript = false
    /// The init file the REPL runs first (`InitFile.path`); nil with `-X`.
    var initFile: String?
    /// At the prompt: the last audit entry the register held after the last statement (nil
    /// before the first), to tell the user what others changed since.
    private var lastSeenAudit: Int?
    /// Whether the user's saved current meeting has been checked against the register.
    private var meetingAdopted = false
    /// `tcg test`: scripts run on a copy of the workspace, and the reports they write are not
    /// written anywhere (their `wrote FILE` lines still count as output).
    var discardsFiles = false
    /// The workspace the command line named. A script, `-c` or stdin that queries it before it
    /// exists, and changes nothing, is refused (exit 3) naming its path; a run that changes the
    /// register creates it, whatever it queried first. The REPL's banner names it. nil (`tcg
    /// test`'s private copies, `tcg demo`): an empty register answers.
    var workspace: WorkspaceFile?
    /// The running script's progress line (``ProgressMeter/onStderr(of:total:label:)``), erased
    /// before anything is printed.
    var progress: ProgressMeter?

    init(store: RegisterStore, console: Console, user: String, format: OutputFormat, todayOverride: Day?, dryRun: Bool,
         userState: UserState? = nil, clock: @escaping @Sendable () -> (today: Day, now: String) = Environment.clock) {
        self.store = store
        self.console = console
        self.dryRun = dryRun
        self.userState = userState
        let scripts = ScriptCache()
        self.scripts = scripts
        let interpreter = Interpreter(register: Register(), format: format, user: user, todayOverride: todayOverride, clock: clock,
                                      readFile: { path in try scripts.read(path) })
        interpreter.auditTrail = { [unowned interpreter] in try interpreter.register.fullAudit() }
        self.interpreter = interpreter
    }

    /// The `run` files read during one ``perform(_:in:origin:reading:)``: each is read once,
    /// in the pass without the lock when it gets that far, and the same bytes are run again
    /// under the lock, so that a file is not read twice (nor differently) and, once read, not
    /// read while the lock is held.
    final class ScriptCache {
        var files: [String: [UInt8]] = [:]

        /// The bytes of `path`, read now (``ScriptInput/read(_:)``) or earlier in this run.
        func read(_ path: String) throws -> [UInt8] {
            if let bytes = files[path] { return bytes }
            let bytes = try ScriptInput.read(path)
            files[path] = bytes
            return bytes
        }
    }

    /// See ``ScriptCache``; emptied at the start and end of every run.
    let scripts: ScriptCache

    /// Runs a whole script as one transaction; returns the exit status.
    func runScript(_ source: SourceFile, origin: Origin, parameters: [String: Value]) -> ExitStatus {
        let parsed = Parser.parse(source)
        let status: ExitStatus
        if !parsed.diagnostics.isEmpty {
            for d in parsed.diagnostics { console.error(d, in: source) }
            status = .statementFailed
        } else {
            interpreter.variables.merge(parameters) { _, new in new }
            interpreter.keepsUndo = parsed.usesUndo
            let started = Session.monotonicMilliseconds()
            if !console.captureOnly {
                progress = .onStderr(of: console.terminal, total: parsed.statements.count, label: "statements")
                interpreter.progress = progress.map { meter in { meter.update($0, ran: $1) } }
            }
            defer { interpreter.progress = nil; progress = nil }
            status = perform(parsed.statements, in: source, origin: origin, reading: { [store] () throws(StoreError) -> Register? in try store.open() },
                             refusingMissing: parsed.readsRegister ? workspace : nil)
            if interpreter.timer {
                console.flush()
                Console.writeError("time: \(Session.format(Session.monotonicMilliseconds() - started)) ms for \(parsed.statements.count) statements\n")
            }
        }
        console.flush()
        // Exiting now, the statements are not freed one by one first (a long script's take a while).
        if exitsAfterScript { withExtendedLifetime(parsed) { status.exit() } }
        return status
    }

    /// Runs statements as one transaction and prints what they printed; returns the exit status.
    /// `reading` gives the register to start from without the lock. `refusingMissing`: a run
    /// that succeeds without the writer fails with ``WorkspaceFile/missing`` when this
    /// workspace does not exist (its answers would come from an empty register); a statement's
    /// own error (file:line:col) stands.
    func perform(_ statements: [Statement], in source: SourceFile, origin: Origin,
                 reading: () throws(StoreError) -> Register?, refusingMissing: WorkspaceFile? = nil) -> ExitStatus {
        scripts.files = [:]
        defer { scripts.files = [:] }
        do {
            if let fresh = try reading() { interpreter.register = fresh }
        } catch {
            console.message(error.report)
            return ExitStatus(for: error)
        }
        adoptSavedMeeting()
        let saved = interpreter.sessionState
        let clean = interpreter.register
        do {
            var needsWriter = false
            do {
                interpreter.mayWrite = { [dryRun] in dryRun }
                try interpreter.execute(statements, in: source, origin: origin)
            } catch {
                guard error.needsWriter else { throw error }
                needsWriter = true
            }
            if !needsWriter, let absent = refusingMissing?.absent { throw absent }
            if needsWriter {
                // A second count from 0 is named as such only when the first one was seen. The line
                // is erased meanwhile: the store may print (a migration) before the count goes on.
                let again = progress?.shown == true
                progress?.finish()
                progress?.restart(total: statements.count, label: again ? "statements, again under the writer lock" : "statements")
                interpreter.sessionState = saved
                interpreter.mayWrite = { true }
                try store.transaction { (register: inout Register) throws in
                    interpreter.register = register
                    interpreter.statementDone = { [store] in store.sendAhead(entries: $0, $1) }
                    defer { interpreter.statementDone = nil }
                    try interpreter.execute(statements, in: source, origin: origin)
                    register = interpreter.register
                }
            }
        } catch {
            progress?.finish()
            interpreter.register = clean
            let printed = interpreter.takePrinted()
            _ = interpreter.takeFiles()
            interpreter.sessionState = saved
            switch error {
            case let failure as Interpreter.Failure:
                printNow(printed, confirmed: false)
                console.error(failure.diagnostic, in: failure.source)
            case let error as StoreError:
                console.message(error.report)
            default:
                console.message("tcg: \(error)")
            }
            return ExitStatus(for: error)
        }
        progress?.finish()
        return finish(changed: interpreter.register.auditCount != clean.auditCount, saved: saved)
    }

    /// Takes the user's saved current meeting, once the register has been read.
    func adoptSavedMeeting() {
        guard !meetingAdopted else { return }
        meetingAdopted = true
        if let state = userState { interpreter.currentMeeting = state.currentMeeting(in: interpreter.register) }
    }

    /// After a successful run: writes the files the statements asked for (never in a dry run),
    /// prints everything in order (`wrote FILE` only for a file written), then keeps the user's
    /// current meeting. `changed`: the run changed the register (a dry run says it saved nothing).
    private func finish(changed: Bool, saved: Interpreter.SessionState) -> ExitStatus {
        var status = ExitStatus.success
        var written: Set<String> = []
        var failures: [String] = []
        for file in interpreter.takeFiles() {
            if dryRun {
                console.message("dry run: \(file.path) was not written")
            } else if discardsFiles {
                written.insert(file.path)
            } else {
                do {
                    try DurableFile.write(file.path, file.bytes)
                    written.insert(file.path)
                } catch {
                    failures.append("tcg: cannot write the report to \(file.path): \(error.message)")
                    status = .statementFailed
                }
            }
        }
        printNow(interpreter.takePrinted(), confirmed: true, written: written)
        for failure in failures { console.message(failure) }
        if dryRun, changed { console.message("dry run: nothing was saved") }
        if !dryRun, interpreter.currentMeeting != saved.currentMeeting {
            if let problem = userState?.keep(interpreter.currentMeeting, in: interpreter.register) {
                console.message("warning: your current meeting is not kept for the next command: \(problem)")
            }
        }
        return status
    }

    /// Prints what statements printed; confirmations only when `confirmed` (the change is
    /// durable), and `wrote FILE` only for the files `written`.
    func printNow(_ items: [Printed], confirmed: Bool, written: Set<String> = []) {
        for item in items {
            switch item {
            case .result(let output, let format): console.emit(output, format: format)
            case .confirmation(let output, let format): if confirmed { console.emit(output, format: format, confirms: true) }
            case .wrote(let path, let format):
                if confirmed, written.contains(path) { console.emit(.text("wrote \(path)"), format: format, confirms: true) }
            case .warning(let diagnostic, let source): console.warn(diagnostic, in: source)
            }
        }
    }

    /// A monotonic clock in milliseconds.
    static func monotonicMilliseconds() -> Double { MonotonicClock.seconds() * 1000 }

    /// Milliseconds with three decimals.
    static func format(_ ms: Double) -> String {
        let micro = Int((ms * 1000).rounded())
        let frac = micro % 1000
        return "\(micro / 1000).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)"
    }

    /// Runs one statement at the prompt as its own transaction, first saying what other sessions
    /// changed since the last one (``OthersChanges``). Returns false when the session should end.
    func runInteractive(_ statement: Statement, source: SourceFile) -> Bool {
        let started = Session.monotonicMilliseconds()
        let seen = lastSeenAudit
        _ = perform([statement], in: source, origin: .repl, reading: { [store, console, interpreter] () throws(StoreError) -> Register? in
            let fresh = try store.refresh()
            if let fresh, let seen, let note = OthersChanges.note(in: fresh, since: seen, flag: interpreter.maxMarking) { console.message(note) }
            return fresh
        })
        lastSeenAudit = interpreter.register.lastAuditSeq
        console.flush()
        if interpreter.timer {
            Console.writeError("time: \(Session.format(Session.monotonicMilliseconds() - started)) ms\n")
        }
        return !interpreter.quitRequested
    }

    /// The prompt: the current meeting and its kind, and the clock when it is not today.
    var prompt: String {
        var parts = ["tcg"]
        if interpreter.todayOverride != nil || interpreter.register.clock != nil, interpreter.today != Environment.clock().today {
            parts.append("[\(interpreter.today)]")
        }
        if let m = interpreter.meeting { parts.append("\(m.id) \(m.kind.keyword)") }
        return parts.joined(separator: " ") + "> "
    }
}
