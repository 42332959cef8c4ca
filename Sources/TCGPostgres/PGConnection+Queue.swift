#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibPQ

/// Statements run one after another without tcg waiting for them, on a non-blocking
/// connection: a long script's rows are written while its next statements run
/// (``PostgresStore/sendAhead(entries:_:)``). One thread: ``pump()`` moves on what can move without
/// waiting — sends what the socket takes, takes the results that came, starts the next
/// statement — and ``drain()`` waits for the rest. (A second thread cannot call libpq here:
/// tcg is a static executable and libpq a library loaded into it, whose C library knows
/// nothing of the threads the executable makes.)
extension PGConnection {
    /// A statement to run: SQL with its parameters, or a `COPY … FROM STDIN` with its rows.
    public enum Queued {
        case exec(String, [String?])
        case copy(String, PGCopyRows)
    }

    /// The statements waiting, the one running and the first error.
    struct Queue {
        enum Running {
            /// Its results are coming.
            case results
            /// A COPY: waiting for the server to ask for its rows.
            case copyStarting(PGCopyRows)
            /// A COPY: its rows from `sent` bytes on are still to be queued.
            case copySending(PGCopyRows, sent: Int)
        }
        var waiting: [Queued] = []
        var running: Running?
        var failure: PGError?
    }

    /// Queues `statements` after those already queued and starts what can start.
    public func enqueue(_ statements: [Queued]) throws(PGError) {
        if queue == nil {
            guard pq.setnonblocking(handle, 1) == 0 else { throw failure() }
            // Room in the socket for a good part of a statement's rows: the server reads on while tcg works.
            var size: Int32 = 4 << 20
            _ = setsockopt(pq.socket(handle), SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            queue = Queue()
        }
        queue?.waiting += statements
        try pump()
    }

    /// The first error a queued statement met (those after it are not run: the transaction is
    /// lost anyway); thrown by ``drain()``.
    public var queueFailure: PGError? { queue?.failure }

    /// Moves on without waiting; throws only when the connection is lost.
    public func pump() throws(PGError) {
        guard queue?.running != nil || (queue?.failure == nil && queue?.waiting.isEmpty == false) else { return }
        var moved = true
        while moved {
            moved = false
            guard pq.flush(handle) >= 0, pq.consumeInput(handle) == 1 else { throw failure() }
            switch queue?.running {
            case .results?:
                while pq.isBusy(handle) == 0 {
                    guard let result = pq.getResult(handle) else {
                        queue?.running = nil
                        moved = true
                        break
                    }
                    do throws(PGError) { _ = try rows(of: result) } catch { keep(error) }
                }
            case .copyStarting(let data)?:
                guard pq.isBusy(handle) == 0, let result = pq.getResult(handle) else { break }
                if pq.resultStatus(result) == PGRES_COPY_IN {
                    pq.clear(result)
                    queue?.running = .copySending(data, sent: 0)
                } else {
                    do throws(PGError) { _ = try rows(of: result) } catch { keep(error) }
                    queue?.running = .results
                }
                moved = true
            case .copySending(let data, let sent)?:
                let now = putCopyData(data, from: sent)
                if now < 0 { throw failure() }
                if now < data.bytes.count {
                    queue?.running = .copySending(data, sent: now)
                } else if pq.putCopyEnd(handle, nil) == 1 {
                    queue?.running = .results
                    moved = true
                }
            case nil:
                guard queue?.failure == nil, let next = queue?.waiting.first else { break }
                queue?.waiting.removeFirst()
                let (sql, parameters, copied): (String, [String?], PGCopyRows?) = switch next {
                case .exec(let sql, let parameters): (sql, parameters, nil)
                case .copy(let sql, let rows): (sql, [], rows)
                }
                try start(sql, parameters)
                queue?.running = copied.map { .copyStarting($0) } ?? .results
                moved = true
            }
        }
    }

    /// Waits until every statement queued has run (those after a failed one are dropped), and
    /// makes the connection blocking again; throws the first error.
    public func drain() throws(PGError) {
        guard queue != nil else { return }
        defer {
            queue = nil
            _ = pq.setnonblocking(handle, 0)
        }
        while true {
            try pump()
            guard let queue, queue.running != nil || (queue.failure == nil && !queue.waiting.isEmpty) else {
                if let failure = queue?.failure { throw failure }
                return
            }
            let unsent = pq.flush(handle)
            var socket = pollfd(fd: pq.socket(handle), events: Int16(POLLIN) | (unsent == 1 ? Int16(POLLOUT) : 0), revents: 0)
            _ = poll(&socket, 1, 1000)
        }
    }

    /// Sends `sql` (with `parameters`) without waiting for it.
    private func start(_ sql: String, _ parameters: [String?]) throws(PGError) {
        let sent = with(parameters) { count, values in pq.sendQueryParams(handle, sql, count, nil, values, nil, nil, 0) }
        guard sent == 1 else { throw failure() }
    }

    /// Queues `rows`' bytes from `sent` on, a chunk at a time, until libpq takes no more (on a
    /// blocking connection: all of them); how far it got (-1 on a broken connection).
    func putCopyData(_ rows: PGCopyRows, from sent: Int) -> Int {
        rows.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { bytes in
                var at = sent
                while at < bytes.count {
                    let end = min(at + (1 << 18), bytes.count)
                    switch pq.putCopyData(handle, bytes.baseAddress! + at, Int32(end - at)) {
                    case 1: at = end
                    case 0: return at
                    default: return -1
                    }
                }
                return at
            }
        }
    }

    /// Keeps the first error a statement met.
    private func keep(_ error: PGError) {
        if queue?.failure == nil { queue?.failure = error }
    }

    /// The connection's last error.
    private func failure() -> PGError {
        PGError(address: address.shown, sqlState: nil, message: PGConnection.text(pq.errorMessage(handle)))
    }
}
