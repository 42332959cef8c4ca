import TCGDomain
import XCTest
@testable import TCGLanguage

/// Runs statements on an interpreter in memory, for the language tests: what they printed,
/// rendered in a format, and the error that stopped them. The system clock says 2027-03-20.
enum ScriptHarness {
    static let clock: @Sendable () -> (today: Day, now: String) = { (Day(iso: "2027-03-20") ?? Day(number: 0), "2027-03-20T09:00:00Z") }

    /// An interpreter over a register, seeing it under a ceiling if one is given.
    static func interpreter(_ register: Register = Register(), ceiling: Marking? = nil) -> Interpreter {
        let i = Interpreter(register: register, format: .table, user: "t", todayOverride: nil, clock: clock, readFile: { _ in [] })
        i.maxMarking = ceiling
        i.auditTrail = { [unowned i] in Array(i.register.audit) }
        return i
    }

    /// Runs statements (which must parse); what they printed (results and confirmations, rendered,
    /// then the files they wrote) and the error, if any.
    @discardableResult
    static func run(_ i: Interpreter, _ text: String, format: OutputFormat = .table,
                    file: StaticString = #filePath, line: UInt = #line) -> (out: String, error: Diagnostic?) {
        i.format = format
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [], text, file: file, line: line)
        var failure: Diagnostic?
        do { try i.execute(parsed.statements, in: source, origin: .repl) } catch { failure = error.diagnostic }
        var out = ""
        for p in i.takePrinted() {
            switch p {
            case .result(let o, let f), .confirmation(let o, let f): out += Renderer(format: f, width: nil).render(o)
            case .wrote(let path, _): out += "wrote \(path)\n"
            case .warning(let d, _): out += d.message + "\n"
            }
        }
        for f in i.takeFiles() { out += String(decoding: f.bytes, as: UTF8.self) }
        return (out, failure)
    }
}
