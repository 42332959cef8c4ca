import Foundation
import TCGPostgres

/// Databases for tests on the PostgreSQL server that `scripts/test` starts (`TCG_TEST_PG`,
/// a URL for a role that may create databases and roles); each test gets a new database.
public enum TestDatabase {
    /// Why a test that needs the server is skipped when there is none.
    public static let skipReason = "TCG_TEST_PG is not set: PostgreSQL tests need the server scripts/test starts "
        + "(or: . scripts/lib/pg.sh && tcg_pg_start, then swift test)"

    /// The server's URL, or nil when tests run without one.
    public static var server: String? {
        ProcessInfo.processInfo.environment["TCG_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new, empty database on the server; its URL. Nil when there is no server.
    public static func fresh() throws -> String? {
        guard let server else { return nil }
        let name = "tcg_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PGConnection(PGAddress(server))
        try admin.exec("CREATE DATABASE \(name)")
        return url(server, database: name)
    }

    /// `server` with its database replaced by `database` and, when given, its `user` parameter by `user`.
    public static func url(_ server: String, database: String, user: String? = nil) -> String {
        var query = server.firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        let base = String(server.prefix(server.count - query.count))
        let root = base.hasSuffix("/") ? base : String(base[...(base.lastIndex(of: "/") ?? base.startIndex)])
        if let user {
            let kept = query.dropFirst().split(separator: "&").filter { !$0.hasPrefix("user=") }
            query = "?" + (kept + ["user=\(user)"]).joined(separator: "&")
        }
        return root + database + query
    }

    /// `url` as the login role `name` (any name, `dmm-chair` too), made (on the server `url` names)
    /// with membership of `roles` when it does not exist yet; roles are the cluster's, shared by
    /// every database.
    public static func login(_ name: String, in roles: [String], at url: String) throws -> String {
        guard let server else { return url }
        let admin = try PGConnection(PGAddress(url))
        // Made unless it exists, in one statement: tests in other processes may make it at the same time.
        try admin.exec("""
            DO $$ BEGIN CREATE ROLE "\(name)" LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
            """)
        for role in roles { try admin.exec("GRANT \(role) TO \"\(name)\"") }
        return self.url(server, database: self.name(of: url), user: name)
    }

    /// The database named in `url` (its path), for ``url(_:database:user:)``.
    public static func name(of url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init) ?? ""
    }
}
