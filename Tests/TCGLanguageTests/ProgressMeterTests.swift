import TCGDomain
import XCTest
@testable import TCGLanguage

/// The progress line on long work: nothing in the first second, at most ten lines a second, the
/// count and the rate, erased at the end; and the interpreter tells it how far a script is.
final class ProgressMeterTests: XCTestCase {
    /// A clock the test moves, and what the meter wrote.
    final class Screen {
        var now = 100.0
        var written: [String] = []
    }

    func meter(_ screen: Screen, total: Int = 100_000) -> ProgressMeter {
        ProgressMeter(total: total, label: "statements", clock: { screen.now }, write: { screen.written.append($0) })
    }

    func testNothingInTheFirstSecondSoShortRunsNeverFlicker() {
        let screen = Screen()
        let m = meter(screen)
        for done in stride(from: 0, to: 90_000, by: 1000) {
            screen.now += 0.0099
            m.update(done)
        }
        m.finish()
        XCTAssertEqual(screen.written, [], "0.9 s of work draws nothing, and has nothing to erase")
    }

    func testTheLineShowsDoneOfTotalAndTheRateThenIsErased() {
        let screen = Screen()
        let m = meter(screen)
        screen.now += 0.5
        m.update(41_000) // the rate counts from the first report: what came before it is not the work
        screen.now += 0.5
        m.update(88_000)
        XCTAssertEqual(screen.written, ["\r  88,000/100,000 statements  94,000/s\u{1b}[K"])
        m.finish()
        XCTAssertEqual(screen.written.last, "\r\u{1b}[K")
        m.finish()
        XCTAssertEqual(screen.written.count, 2, "erased once")
    }

    func testRedrawnAtMostTenTimesASecond() {
        let screen = Screen()
        let m = meter(screen)
        screen.now += 1
        for done in 0..<10_000 {
            screen.now += 0.0002 // 2 s in all, updated 10,000 times
            m.update(done)
        }
        XCTAssertEqual(screen.written.count, 20, "one line a tenth of a second")
    }

    func testASecondPassCountsAfreshWithoutWaitingAnotherSecond() {
        let screen = Screen()
        let m = meter(screen)
        screen.now += 2
        m.update(50_000)
        m.restart(total: 100_000, label: "statements, again under the writer lock")
        m.update(0)
        screen.now += 0.5
        m.update(10_000)
        XCTAssertEqual(screen.written.last, "\r  10,000/100,000 statements, again under the writer lock  20,000/s\u{1b}[K")
    }

    func testASizeLearntLateIsShown() {
        let screen = Screen()
        let m = ProgressMeter(total: 0, label: "entries and records checked", clock: { screen.now }, write: { screen.written.append($0) })
        screen.now += 1.5 // reading the workspace
        m.update(256, of: 2_000_000)
        screen.now += 0.5
        m.update(1_536, of: 2_000_000)
        XCTAssertEqual(screen.written, ["\r  1,536/2,000,000 entries and records checked  2,560/s\u{1b}[K"])
    }

    func testGrouping() {
        XCTAssertEqual([0, 7, 999, 1000, 12_345, 1_234_567].map(ProgressMeter.grouped), ["0", "7", "999", "1,000", "12,345", "1,234,567"])
    }

    /// The interpreter reports the statements done, every 64 statements run.
    func testTheInterpreterReportsTheStatementsDone() throws {
        let i = Interpreter(register: Register(), format: .table, user: "t", todayOverride: nil,
                            clock: { (Day(iso: "2027-03-12") ?? Day(number: 0), "2027-03-12T09:00:00Z") }, readFile: { _ in [] })
        var told: [Int] = []
        i.progress = { done, _ in told.append(done) }
        let text = Array(repeating: "let x = 1", count: 200).joined(separator: "\n")
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [])
        try i.execute(parsed.statements, in: source, origin: .repl)
        XCTAssertEqual(told, [63, 127, 191])
    }

    /// A script's loop is one statement of the count, but the rate counts every statement it runs.
    func testTheRateCountsTheStatementsRunInALoop() {
        let screen = Screen()
        let m = meter(screen, total: 2)
        m.update(0, ran: 64)
        screen.now += 1.5
        m.update(0, ran: 30_064)
        XCTAssertEqual(screen.written, ["\r  0/2 statements  20,000/s\u{1b}[K"])
    }
}
