#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibPQ

/// libpq's functions, loaded from the shared library at first use rather than linked.
///
/// tcg is built as a static executable (scripts/tcg): linking libpq would bring in its thirty
/// shared libraries (Kerberos, LDAP, OpenSSL…) and make every run of tcg, with or without a
/// database, start in 7 ms instead of 2. Only a run that names a `postgresql://` URL loads it.
struct LibPQ: @unchecked Sendable {
    typealias Strings = UnsafePointer<UnsafePointer<CChar>?>?
    let connectdbParams: @convention(c) (Strings, Strings, Int32) -> OpaquePointer?
    let status: @convention(c) (OpaquePointer?) -> ConnStatusType
    let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (OpaquePointer?) -> Void
    let setNoticeProcessor: @convention(c) (OpaquePointer?, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?
    let execParams: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings,
                                     UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> OpaquePointer?
    let exec: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType
    let resultErrorField: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let nfields: @convention(c) (OpaquePointer?) -> Int32
    let ntuples: @convention(c) (OpaquePointer?) -> Int32
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getlength: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let cmdTuples: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (OpaquePointer?) -> Void
    let getResult: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let putCopyData: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    let putCopyEnd: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let sendQueryParams: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings,
                                          UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Int32
    let setnonblocking: @convention(c) (OpaquePointer?, Int32) -> Int32
    let flush: @convention(c) (OpaquePointer?) -> Int32
    let consumeInput: @convention(c) (OpaquePointer?) -> Int32
    let isBusy: @convention(c) (OpaquePointer?) -> Int32
    let socket: @convention(c) (OpaquePointer?) -> Int32

    /// The library, loaded once; or why it could not be.
    static let shared: Result<LibPQ, PGError> = load()

    /// The file names tried, in order.
    static let names = ["libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"]

    /// Loads the library and looks up every function.
    private static func load() -> Result<LibPQ, PGError> {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(PGError(address: "", sqlState: nil,
                                    message: "PostgreSQL's client library (libpq.so.5) is not installed: apt-get install libpq5"))
        }
        struct Missing: Error { let name: String }
        func function<F>(_ name: String) throws(Missing) -> F {
            guard let symbol = dlsym(handle, name) else { throw Missing(name: name) }
            return unsafeBitCast(symbol, to: F.self)
        }
        do {
            return .success(LibPQ(
                connectdbParams: try function("PQconnectdbParams"), status: try function("PQstatus"),
                errorMessage: try function("PQerrorMessage"), finish: try function("PQfinish"),
                setNoticeProcessor: try function("PQsetNoticeProcessor"), execParams: try function("PQexecParams"),
                exec: try function("PQexec"), resultStatus: try function("PQresultStatus"),
                resultErrorField: try function("PQresultErrorField"), nfields: try function("PQnfields"),
                ntuples: try function("PQntuples"), getisnull: try function("PQgetisnull"), getlength: try function("PQgetlength"),
                getvalue: try function("PQgetvalue"), cmdTuples: try function("PQcmdTuples"), clear: try function("PQclear"),
                getResult: try function("PQgetResult"), putCopyData: try function("PQputCopyData"),
                putCopyEnd: try function("PQputCopyEnd"), sendQueryParams: try function("PQsendQueryParams"),
                setnonblocking: try function("PQsetnonblocking"), flush: try function("PQflush"), consumeInput: try function("PQconsumeInput"), isBusy: try function("PQisBusy"),
                socket: try function("PQsocket")))
        } catch {
            return .failure(PGError(address: "", sqlState: nil,
                                    message: "PostgreSQL's client library has no \(error.name): install libpq5 from PostgreSQL 10 or later"))
        }
    }
}
