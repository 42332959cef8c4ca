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
/// makes the next ones: the two take about the same time (0.3 s each for a 100,000-action
/// script), so a script starts running in about half the time. Runs are parsed one after
/// another in the order they were added, so the result is the one parsing them in turn gives.
///
/// The thread only parses: it touches nothing but the tokens handed to it and the source.
final class RunParser: @unchecked Sendable {
    private let source: SourceFile
    #if canImport(Glibc)
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let added = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread = pthread_t()
    #endif
    /// Runs added and not yet taken by the thread (under `lock`).
    private var waiting: [[Token]] = []
    /// Set when the last run has been added (under `lock`).
    private var closed = false
    /// What the thread parsed; read only after it has ended.
    private var parsed = ParsedRuns()
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
            Unmanaged<RunParser>.fromOpaque(argument!).takeRetainedValue().work()
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

    /// Hands the thread the next run.
    func add(_ tokens: [Token]) {
        guard threaded else { return parsed.parse(tokens, in: source) }
        #if canImport(Glibc)
        pthread_mutex_lock(lock)
        waiting.append(tokens)
        pthread_cond_signal(added)
        pthread_mutex_unlock(lock)
        #endif
    }

    /// Waits until every run added is parsed; what they parsed into.
    func finish() -> ParsedRuns {
        guard threaded else { return parsed }
        #if canImport(Glibc)
        pthread_mutex_lock(lock)
        closed = true
        pthread_cond_signal(added)
        pthread_mutex_unlock(lock)
        pthread_join(thread, nil)
        threaded = false
        #endif
        return parsed
    }

    /// The thread: parses runs as they come until the last has been added and parsed.
    private func work() {
        #if canImport(Glibc)
        while true {
            pthread_mutex_lock(lock)
            while waiting.isEmpty && !closed { pthread_cond_wait(added, lock) }
            let runs = waiting
            waiting = []
            pthread_mutex_unlock(lock)
            if runs.isEmpty { return }
            for tokens in runs { parsed.parse(tokens, in: source) }
        }
        #endif
    }
}
