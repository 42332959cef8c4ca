#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGLineEditor
import TCGStore
import TCGText

/// The REPL's `watch [SECONDS] QUERY` (psql's `\watch`): runs one query every SECONDS (default 2)
/// on the latest register, each answer under a line naming the query and the time, until Ctrl-C.
/// Only queries: a change repeated on a timer is never what was meant. A query that fails ends
/// the watch, its error quoting the line as typed.
extension Session {
    /// Runs `line` as a watch when it is one (`watch` then a query); false when it is not a watch.
    func watchIfAsked(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("watch "), !line.contains("\n") else { return false }
        let words = trimmed.dropFirst(6).split(separator: " ", maxSplits: 1)
        var seconds = 2.0
        var prefix = line.count - trimmed.count + 6
        if let first = words.first, let n = Double(first) {
            guard n >= 0.1, n <= 86_400 else {
                console.message("tcg: watch: SECONDS must be between 0.1 and 86400, not \(first) (watch 5 count actions where overdue)")
                return true
            }
            seconds = n
            prefix = line.count - (words.count > 1 ? words[1].count : 0)
        }
        // The query is parsed with what came before it blanked, so that it keeps its columns; its
        // errors are shown on the line as typed (`watch 5` is ASCII: the offsets are the same).
        let blanked = SourceFile(name: "<repl>", text: String(repeating: " ", count: prefix) + String(line.dropFirst(prefix)))
        let source = SourceFile(name: "<repl>", text: line)
        let parsed = Parser.parse(blanked)
        if !parsed.diagnostics.isEmpty {
            for d in parsed.diagnostics { console.error(d, in: source) }
            return true
        }
        guard parsed.statements.count == 1, case .command(let command) = parsed.statements[0], command.spec.effect == .query else {
            console.message("tcg: watch runs one query (list, count, outstanding, …), not changes: watch [SECONDS] QUERY")
            return true
        }
        let query = String(line.dropFirst(prefix)).trimmingSpaces
        let paging = console.interactive
        console.interactive = false
        defer { console.interactive = paging }
        StatementInterrupt.begin()
        defer { StatementInterrupt.end() }
        let every = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        while !StatementInterrupt.requested {
            console.write("\(query)  (every \(every)s, Ctrl-C stops)  \(Environment.clock().now)\n")
            // A failed query would fail the same way every time: the watch ends (as psql's does).
            guard perform(parsed.statements, in: source, origin: .repl, reading: { [store] () throws(StoreError) -> Register? in try store.refresh() })
                    == .success else { return true }
            console.write("\n")
            console.flush()
            var waited = 0.0
            while waited < seconds && !StatementInterrupt.requested {
                usleep(50_000)
                waited += 0.05
            }
        }
        console.write("\n") // the prompt on a line of its own, after the terminal's `^C`
        return true
    }
}
