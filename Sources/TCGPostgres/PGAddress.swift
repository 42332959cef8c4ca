/// Where a PostgreSQL register is: a `postgresql://` or `postgres://` URL, as given to libpq,
/// and the same with any password taken out, for messages.
public struct PGAddress: Sendable, Equatable, CustomStringConvertible {
    /// What libpq is given (it may hold a password).
    public let conninfo: String
    /// The address without its password: what every message shows.
    public let shown: String

    /// An address from a URL or libpq `key=value` string.
    public init(_ conninfo: String) {
        self.conninfo = conninfo
        shown = PGAddress.withoutPassword(conninfo)
    }

    /// The address as a URL, if `text` is one (`postgresql://…` or `postgres://…`); nil for
    /// anything else, such as a workspace file's path.
    public init?(url text: String) {
        guard PGAddress.isURL(text) else { return nil }
        self.init(text)
    }

    /// Whether `text` is a PostgreSQL URL rather than a file's path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The address without its password.
    public var description: String { shown }

    /// `text` with the password left out: the `:secret` of a URL's `user:secret@`, and any
    /// `password=…` query parameter or `key=value` setting.
    static func withoutPassword(_ text: String) -> String {
        guard let scheme = text.firstRange(of: "://") else { return withoutKeywordPassword(text) }
        var rest = text[scheme.upperBound...]
        var out = String(text[..<scheme.upperBound])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            out += userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            out += authority[at...]
        } else {
            out += authority
        }
        rest = rest[authorityEnd...]
        guard let question = rest.firstIndex(of: "?") else { return out + rest }
        out += rest[...question]
        let kept = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
            .filter { !$0.lowercased().hasPrefix("password=") }
        out += kept.joined(separator: "&")
        if out.hasSuffix("?") { out.removeLast() }
        return out
    }

    /// A libpq `key=value` string without its `password=…` (quoted or not).
    private static func withoutKeywordPassword(_ text: String) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let rest = text[i...]
            let atWordStart = i == text.startIndex || text[text.index(before: i)] == " "
            if atWordStart, rest.lowercased().hasPrefix("password") {
                var j = text.index(i, offsetBy: "password".count)
                while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
                if j < text.endIndex, text[j] == "=" {
                    j = text.index(after: j)
                    while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
                    if j < text.endIndex, text[j] == "'" {
                        j = text.index(after: j)
                        while j < text.endIndex, text[j] != "'" {
                            if text[j] == "\\" { j = text.index(after: j) }
                            if j < text.endIndex { j = text.index(after: j) }
                        }
                        if j < text.endIndex { j = text.index(after: j) }
                    } else {
                        while j < text.endIndex, text[j] != " " { j = text.index(after: j) }
                    }
                    i = j
                    while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
                    continue
                }
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
