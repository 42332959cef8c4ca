#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One job at a time on a second thread, so that a long script's rows travel to the server
/// while its next statements run (``PostgresStore/sendAhead(_:)``). Whoever starts a job waits
/// for it (``wait()``) before using what the job uses — the connection — again.
final class BackgroundJob {
    /// A job and, once it ended, what it threw.
    private final class Work {
        let body: () throws(PGError) -> Void
        var failure: PGError?

        init(_ body: @escaping () throws(PGError) -> Void) { self.body = body }

        func run() {
            do { try body() } catch { failure = error }
        }
    }

    private var running: (thread: pthread_t, work: Work)?

    /// Starts `body` on a new thread once the job before it has ended (throwing what that job
    /// threw, and then not starting `body`). Runs `body` here when no thread can be made.
    func start(_ body: @escaping () throws(PGError) -> Void) throws(PGError) {
        try wait()
        let work = Work(body)
        var thread = pthread_t()
        let made = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeUnretainedValue().run()
            return nil
        }, Unmanaged.passUnretained(work).toOpaque())
        guard made == 0 else {
            work.run()
            if let failure = work.failure { throw failure }
            return
        }
        running = (thread, work)
    }

    /// Waits for the job running, if any; throws what it threw.
    func wait() throws(PGError) {
        guard let (thread, work) = running else { return }
        running = nil
        pthread_join(thread, nil)
        if let failure = work.failure { throw failure }
    }
}
