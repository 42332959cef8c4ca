import TCGDomain
import TCGLanguage

/// libFuzzer target `parse`: the input is a script. It is lexed and parsed, every diagnostic
/// is rendered, and a script that parses is run by an interpreter over a fresh register and
/// over a small populated one, its output rendered in one of the four formats.
///
/// A crash, a trap (force unwrap, overflow, index out of range), an ASan report or a hang
/// is a finding; a syntax or domain error is not.

/// Prints nothing: renders each output so that the renderers are fuzzed too.
final class RenderingSink {
    var format: OutputFormat = .table
    var rendered = 0

    /// Renders what the interpreter printed, as a session would once the run ended.
    func take(_ interpreter: Interpreter) {
        for item in interpreter.takePrinted() {
            switch item {
            case .result(let output, _), .confirmation(let output, _):
                rendered &+= Renderer(format: format, width: 80).render(output).utf8.count
            case .wrote(let path, _):
                rendered &+= path.utf8.count
            case .warning(let diagnostic, let source):
                rendered &+= diagnostic.render(in: source).utf8.count
            }
        }
    }
}

/// The fixed clock of every run.
let fuzzClock: @Sendable () -> (today: Day, now: String) = {
    (Day(iso: "2027-03-15") ?? Day(number: 0), "2027-03-15T09:00:00Z")
}

/// How often a run may ask whether it is interrupted (about every 64 statements) before it is
/// stopped: bounds loops so that one input takes milliseconds, not minutes.
let interruptBudget = 400

/// A register holding units, people, meetings, a plan and actions, built once.
nonisolated(unsafe) var populated: Register?

/// Builds ``populated`` by running a setup script.
func makePopulated() -> Register {
    let setup = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add person "Ch Supt Leo Hart" role director-of-intelligence unit East
        add person "Sgt Bea Cole" unit East
        add person "Ann Analyst" role analyst unit East agency "Council"
        let s = create meeting stcg on 2027-03-01 unit Westshire
        open $s
        attend "Ch Supt Leo Hart", "Sgt Bea Cole"
        add priority "Town-centre ASB" owner "Ch Supt Leo Hart" rationale "Highest harm"
        reject candidate "Cycle theft" rationale "Low harm"
        add requirement strategic "Who drives ASB?" priority P-1 owner "Ann Analyst"
        close meeting
        let t = create meeting ttcg on 2027-03-10 unit East
        open $t
        let plan = create plan "Op Lantern" for P-1 owner "Sgt Bea Cole"
        add action enforcement "Dispersal patrols" to $plan owner "Sgt Bea Cole" due 2027-03-31
        add action prevention "Lighting" to $plan owner "Ann Analyst" due 2027-03-12
        commission analysis "ASB profile" product problem-profile to "Ann Analyst" due 2027-04-01
        decide "Extend patrols" rationale "Calls fell"
        escalate A-1 to Westshire rationale "Needs force resources"
        """
    let source = SourceFile(name: "setup", text: setup)
    let interpreter = Interpreter(register: Register(), format: .table, user: "fuzz", todayOverride: nil,
                                  clock: fuzzClock, readFile: { _ in throw RefusedRead() })
    let parsed = Parser.parse(source)
    try? interpreter.execute(parsed.statements, in: source, origin: .script("setup"))
    return interpreter.register
}

/// The error a refused `run` gets.
struct RefusedRead: Error {}

/// Runs parsed statements over `register`, as a session would.
func execute(_ parsed: ParseResult, _ source: SourceFile, over register: Register, format: OutputFormat) -> Int {
    let sink = RenderingSink()
    sink.format = format
    let interpreter = Interpreter(register: register, format: format, user: "fuzz", todayOverride: nil,
                                  clock: fuzzClock,
                                  // `run` of any path reads the input itself: a script that runs itself.
                                  readFile: { _ in source.bytes })
    var asked = 0
    interpreter.interrupted = {
        asked += 1
        return asked > interruptBudget
    }
    do {
        try interpreter.execute(parsed.statements, in: source, origin: .script("fuzz.tcg"))
    } catch {
        sink.rendered &+= error.diagnostic.render(in: error.source).utf8.count
    }
    sink.take(interpreter)
    return sink.rendered
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let source = SourceFile(name: "fuzz.tcg", bytes: bytes)
    let parsed = Parser.parse(source)
    var total = 0
    for d in parsed.diagnostics { total &+= d.render(in: source).utf8.count }
    _ = parsed.incomplete?.waitingFor
    guard parsed.diagnostics.isEmpty, !parsed.statements.isEmpty else { return 0 }
    let format = OutputFormat.allCases[bytes.count % OutputFormat.allCases.count]
    total &+= execute(parsed, source, over: Register(), format: format)
    if populated == nil { populated = makePopulated() }
    if let register = populated {
        total &+= execute(parsed, source, over: register, format: format)
    }
    return total == -1 ? 1 : 0
}
