#if canImport(Glibc)
import Glibc
#endif

/// What the runs of a source parsed into so far, in source order.
struct ParsedRuns {
    var statements: [Statement] = []
    var diagnostics: [Diagnostic] = []
    /// The spans of statements that failed to parse.
    var failed: [SourceRange] = []
    var usesUndo = false
    var readsRegister = false

    /// Parses one run of tokens (``Lexer/nextRun(minimum:)``) and adds what it holds.
    mutating func parse(_ tokens: [Token], in source: SourceFile) {
        var parser = Parser(source: source, tokens: tokens)
        statements += parser.parseStatements(inBlock: false)
        diagnostics += parser.diagnostics
        failed += parser.failed
        usesUndo = usesUndo || parser.usesUndo
        readsRegister = readsRegister || parser.readsRegister
    }
}

/// Parses a long source's runs of tokens on a second thread while the lexer, on the caller's,
/// makes the next ones; once the lexer is done, the caller parses runs too. Lexing and parsing
/// take about the same time (0.3 s each for a 100,000-action script), so a script starts
/// running in about half the time. Each run is parsed on its own (a fresh ``Parser``) and the
/// results are joined in the order the runs were added: the same result as parsing them in turn.
///
/// The thread only parses: it touches nothing but the tokens handed to it and the source.
final class RunParser: @unchecked Sendable {
    private let source: SourceFile
    #if canImport(Glibc)
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let added = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread = pthread_t()
    #endif
    /// Runs added and not yet taken, with their places (under `lock`).
    private var waiting: [(place: Int, tokens: [Token])] = []
    /// Where the next run of `waiting` to take is (under `lock`).
    private var next = 0
    /// Set when the last run has been added (under `lock`).
    private var closed = false
    /// What each run parsed into, by place (under `lock`).
    private var parsed: [ParsedRuns?] = []
    /// Whether the thread started; when it could not, runs are parsed as they are added.
    private var threaded = false

    init(source: SourceFile) {
        self.source = source
        #if canImport(Glibc)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(added, nil)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // The parser recurses once per nesting level (at most Parser.maxDepth): ample room.
        pthread_attr_setstacksize(&attributes, 16 << 20)
        let this = Unmanaged.passRetained(self)
        threaded = pthread_create(&thread, &attributes, { argument in
            let parser = Unmanaged<RunParser>.fromOpaque(argument!).takeRetainedValue()
            while parser.parseOne(waiting: true) {}
            return nil
        }, this.toOpaque()) == 0
        if !threaded { this.release() }
        pthread_attr_destroy(&attributes)
        #endif
    }

    deinit {
        #if canImport(Glibc)
        pthread_cond_destroy(added)
        pthread_mutex_destroy(lock)
        added.deallocate()
        lock.deallocate()
        #endif
    }

    /// Hands the next run over to be parsed.
    func add(_ tokens: [Token]) {
        guard threaded else {
            var run = ParsedRuns()
            run.parse(tokens, in: source)
            parsed.append(run)
            return
        }
        #if canImport(Glibc)
        pthread_mutex_lock(lock)
        waiting.append((parsed.count, tokens))
        parsed.append(nil)
        pthread_cond_signal(added)
        pthread_mutex_unlock(lock)
        #endif
    }

    /// Parses the runs not yet taken beside the thread, waits for it, and returns what all
    /// the runs parsed into, in order.
    func finish() -> ParsedRuns {
        #if canImport(Glibc)
        if threaded {
            pthread_mutex_lock(lock)
            closed = true
            pthread_cond_signal(added)
            pthread_mutex_unlock(lock)
            while parseOne(waiting: false) {}
            pthread_join(thread, nil)
            threaded = false
        }
        #endif
        var all = ParsedRuns()
        for run in parsed {
            guard let run else { continue }
            all.statements += run.statements
            all.diagnostics += run.diagnostics
            all.failed += run.failed
            all.usesUndo = all.usesUndo || run.usesUndo
            all.readsRegister = all.readsRegister || run.readsRegister
        }
        return all
    }

    /// Takes the next run added and parses it; false when there is none left to take (at
    /// once, or, `waiting`, once the last run was added).
    private func parseOne(waiting wait: Bool) -> Bool {
        #if canImport(Glibc)
        pthread_mutex_lock(lock)
        while wait && next == waiting.count && !closed { pthread_cond_wait(added, lock) }
        guard next < waiting.count else {
            pthread_mutex_unlock(lock)
            return false
        }
        let (place, tokens) = waiting[next]
        waiting[next].tokens = []
        next += 1
        pthread_mutex_unlock(lock)
        var run = ParsedRuns()
        run.parse(tokens, in: source)
        pthread_mutex_lock(lock)
        parsed[place] = run
        pthread_mutex_unlock(lock)
        return true
        #else
        return false
        #endif
    }
}
