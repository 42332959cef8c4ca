#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGPostgres
import TCGStore
import TCGLanguage

/// Each user's current meeting for each workspace, kept between runs in a file of the account's own:
/// `$XDG_STATE_HOME/tcg/current-meetings` (else `~/.local/state/tcg/current-meetings`), mode 0600.
/// It is used only while it is the user's own regular file, not a link nor writable by others.
///
/// The current meeting is where a user is working, not a fact of the register: two users of one
/// workspace each have their own (also two tcg users, `--user`, of one account), and setting it
/// needs neither the writer lock nor an audit entry. Each line is
/// `USER<TAB>WORKSPACE<TAB>M-n<TAB>KIND<TAB>DATE`, the workspace by its real path (a database by
/// its URL, without a password); a saved meeting whose kind or date no longer match (the
/// workspace was replaced) is ignored.
final class UserState {
    /// The state file.
    let file: String
    /// The workspace's real path (its folder's, when the file does not exist yet), or a database's URL.
    let workspace: String
    /// Who: the name the audit trail records.
    let user: String

    /// The state for a workspace, or nil when the user has no home or state folder.
    init?(workspace path: String, user: String, environment: [String: String]) {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.local/state"
        } else {
            return nil
        }
        file = base + "/tcg/current-meetings"
        workspace = PGAddress.isURL(path) ? path : UserState.realPath(path)
        self.user = user
        if (workspace + user).contains(where: { $0 == "\t" || $0 == "\n" }) { return nil }
    }

    /// The saved current meeting, if it is still that meeting in `register`.
    func currentMeeting(in register: Register) -> Int? {
        guard let bytes = try? FileIO.readOwned(file), let line = mine(in: bytes) else { return nil }
        let fields = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 5, let id = RecordID(String(fields[2])), id.kind == .meeting,
              let i = register.meetings.index(ofNumber: id.number) else { return nil }
        let m = register.meetings[i]
        return m.kind.keyword == fields[3] && m.date.description == fields[4] && m.status != .closed ? id.number : nil
    }

    /// Saves the current meeting (nil: none); returns what went wrong, or nil. Lines of workspace
    /// files that no longer exist are dropped (a database's are kept: it is not looked up), and
    /// only the latest `limit` lines are kept.
    func keep(_ meeting: Int?, in register: Register, limit: Int = 200) -> String? {
        var kept: [[UInt8]] = []
        let existing: [UInt8]?
        do { existing = try FileIO.readOwned(file) } catch { return "\(file) \(error.message), so tcg does not use it" }
        if let bytes = existing {
            for line in bytes.split(separator: 10) where !isMine(line) {
                let fields = line.split(separator: 9, omittingEmptySubsequences: false)
                guard fields.count == 5 else { continue }
                let workspace = String(decoding: fields[1], as: UTF8.self)
                if PGAddress.isURL(workspace) || access(workspace, F_OK) == 0 { kept.append(Array(line)) }
            }
        }
        if let meeting, let i = register.meetings.index(ofNumber: meeting) {
            let m = register.meetings[i]
            kept.append(Array([user, workspace, m.id.description, m.kind.keyword, m.date.description].joined(separator: "\t").utf8))
        }
        let folder = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
        guard UserState.makeFolders(folder) else { return "cannot create \(folder): \(String(cString: strerror(errno)))" }
        var text: [UInt8] = []
        for line in kept.suffix(limit) { text += line + [10] }
        do { try DurableFile.write(file, text) } catch { return error.message }
        return nil
    }

    /// This user's line for this workspace, found without splitting the file.
    private func mine(in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            let line = bytes[start..<end]
            if isMine(line) { return line }
            start = end + 1
        }
        return nil
    }

    private func isMine(_ line: ArraySlice<UInt8>) -> Bool {
        line.starts(with: key)
    }

    /// `USER<TAB>WORKSPACE<TAB>`, how this user's line for this workspace starts.
    private var key: [UInt8] { Array((user + "\t" + workspace + "\t").utf8) }

    /// `mkdir -p` with mode 0700.
    static func makeFolders(_ path: String) -> Bool {
        var built = ""
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0, errno != EEXIST { return false }
        }
        return true
    }

    /// The real path of a file, or of its folder joined with its name when it does not exist.
    static func realPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolved = realpath(folder, nil) else { return path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + name
    }
}
