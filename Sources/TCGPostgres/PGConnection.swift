#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibPQ

/// One synchronous connection to a PostgreSQL server through libpq (loaded at first use: ``LibPQ``).
///
/// Used from one thread at a time. Every failure is a ``PGError`` naming the server by its
/// address without any password.
public final class PGConnection {
    /// The address as given (it may hold a password: never shown).
    let address: PGAddress
    let handle: OpaquePointer
    let pq: LibPQ
    /// Statements sent without waiting (``enqueue(_:)``), while any are queued or running.
    var queue: Queue?

    /// Connects to `address` (a `postgresql://` URL or a libpq `key=value` string); throws
    /// when the server refuses or cannot be reached, after `connectTimeout` seconds at most
    /// unless the address sets its own `connect_timeout`. Notices (`… already exists,
    /// skipping`) are dropped rather than printed on stderr.
    public init(_ address: PGAddress, connectTimeout: Int = 10) throws(PGError) {
        self.address = address
        let pq: LibPQ
        switch LibPQ.shared {
        case .success(let loaded): pq = loaded
        case .failure(var error):
            error.address = address.shown
            throw error
        }
        self.pq = pq
        // The address is expanded in place of `dbname`, so its own settings override the default timeout before it.
        let keywords = ["connect_timeout", "dbname"], values = [String(connectTimeout), address.conninfo]
        let connected = keywords.withCStrings { k in values.withCStrings { v in pq.connectdbParams(k, v, 1) } }
        guard let handle = connected else {
            throw PGError(address: address.shown, sqlState: nil, message: "out of memory connecting")
        }
        guard pq.status(handle) == CONNECTION_OK else {
            let message = PGConnection.text(pq.errorMessage(handle))
            pq.finish(handle)
            throw PGError(address: address.shown, sqlState: nil, message: "cannot connect: \(message)")
        }
        self.handle = handle
        _ = pq.setNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { pq.finish(handle) }

    /// Whether the connection is still usable (false once the server went away).
    public var isOpen: Bool { pq.status(handle) == CONNECTION_OK }

    /// Runs one statement with `$1`, `$2`… bound to `parameters` (text; nil is NULL) and
    /// returns its rows as text.
    @discardableResult
    public func exec(_ sql: String, _ parameters: [String?] = []) throws(PGError) -> PGRows {
        let result = with(parameters) { count, values in pq.execParams(handle, sql, count, nil, values, nil, nil, 0) }
        return try rows(of: result)
    }

    /// Calls `body` with `parameters` (nil is NULL) as libpq takes them: a count and C strings.
    func with<R>(_ parameters: [String?], _ body: (Int32, LibPQ.Strings) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { value in value.flatMap { $0.withCString { strdup($0) } } }
        defer { for copy in copies { free(copy) } }
        return copies.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { body(Int32($0.count), $0.baseAddress) }
        }
    }

    /// Runs several statements separated by semicolons (no parameters), as a migration does.
    public func execScript(_ sql: String) throws(PGError) {
        _ = try rows(of: pq.exec(handle, sql))
    }

    /// Runs `COPY … FROM STDIN` (`sql`, in `data`'s format: ``PGCopyRows/options``) with `data` as its rows (``PGCopyRows``);
    /// returns how many rows it loaded. Much cheaper for the server than an INSERT with as many
    /// parameters: nothing to plan, nothing to bind.
    @discardableResult
    public func copy(_ sql: String, _ data: PGCopyRows) throws(PGError) -> Int {
        guard let started = pq.exec(handle, sql) else { return try rows(of: nil).affected }
        guard pq.resultStatus(started) == PGRES_COPY_IN else { return try rows(of: started).affected }
        pq.clear(started)
        // Blocking: libpq takes every chunk, or the connection is broken.
        let sent = putCopyData(data, from: 0) == data.bytes.count
        // Ended either way: a failed send ends the COPY with an error, which the result reports.
        _ = pq.putCopyEnd(handle, sent ? nil : "tcg could not send the rows")
        var loaded = 0, failure: PGError?
        while let result = pq.getResult(handle) {
            do throws(PGError) { loaded += try rows(of: result).affected } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return loaded
    }

    /// The rows of `result`, which it frees; or the error it reports.
    func rows(of result: OpaquePointer?) throws(PGError) -> PGRows {
        guard let result else {
            throw PGError(address: address.shown, sqlState: nil, message: PGConnection.text(pq.errorMessage(handle)))
        }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY else {
            let state = pq.resultErrorField(result, Int32(UInt8(ascii: "C")))
            let primary = pq.resultErrorField(result, Int32(UInt8(ascii: "M")))
            let message = primary.map { PGConnection.text($0) } ?? PGConnection.text(pq.errorMessage(handle))
            throw PGError(address: address.shown, sqlState: state.map { PGConnection.text($0) }, message: message)
        }
        let columns = Int(pq.nfields(result)), count = Int(pq.ntuples(result))
        var rows: [[String?]] = []
        rows.reserveCapacity(count)
        for r in 0..<count {
            var row: [String?] = []
            row.reserveCapacity(columns)
            for c in 0..<columns {
                if pq.getisnull(result, Int32(r), Int32(c)) != 0 {
                    row.append(nil)
                } else if let value = pq.getvalue(result, Int32(r), Int32(c)) {
                    let length = Int(pq.getlength(result, Int32(r), Int32(c)))
                    row.append(String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self))
                } else {
                    row.append(nil)
                }
            }
            rows.append(row)
        }
        let affected = Int(PGConnection.text(pq.cmdTuples(result))) ?? 0
        return PGRows(rows: rows, affected: affected)
    }

    /// A C string from libpq as text, without its trailing newline.
    static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        let length = strlen(pointer)
        var s = String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
        while s.last == "\n" || s.last == " " { s.removeLast() }
        return s
    }

    /// A C string from libpq as text.
    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { text(UnsafePointer(pointer)) }
}

/// The rows a statement returned, as text (nil for NULL), and how many rows it changed.
public struct PGRows: Sendable {
    /// Each row's columns.
    public var rows: [[String?]]
    /// The rows an INSERT, UPDATE or DELETE changed (0 otherwise).
    public var affected: Int

    /// The first column of the first row, if any.
    public var scalar: String? { rows.first?.first ?? nil }
}

/// A failure talking to PostgreSQL: the server's SQLSTATE (when it answered) and message.
public struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server's address, without its password.
    public var address: String
    /// The SQLSTATE code, e.g. `40001` for a serialization failure; nil when the server did
    /// not answer (cannot connect, connection lost).
    public var sqlState: String?
    /// The server's or libpq's message.
    public var message: String

    /// `MESSAGE (SQLSTATE 23505)`.
    public var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }

    /// SQLSTATE 40001 or 40P01: the transaction may succeed if run again.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
}

extension Array where Element == String {
    /// Calls `body` with the strings as a NULL-terminated array of C strings.
    func withCStrings<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = map { $0.withCString { strdup($0) } } + [nil]
        defer { for copy in copies { free(copy) } }
        return copies.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { body($0.baseAddress) }
        }
    }
}
