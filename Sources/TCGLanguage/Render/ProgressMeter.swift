/// A progress line for long work, for a terminal's stderr: `\r  41,000/100,000 statements  88,000/s`.
///
/// Nothing is drawn until the work has run `delay` seconds (a short run never flickers); then the
/// line is redrawn at most once every `interval` seconds, however often ``update(_:)`` is called;
/// ``finish()`` erases it (`\r\e[K`) when one was drawn, so that output which follows starts
/// on a clean line. The clock and the writer are given, so it is pure (and tested with a clock
/// of its own); whether stderr is a terminal is for the caller to decide.
public final class ProgressMeter {
    /// The work's size, known before it starts.
    public private(set) var total: Int
    /// What is counted: `statements`, `entries and records`.
    public private(set) var label: String
    private let clock: () -> Double
    private let write: (String) -> Void
    private let interval: Double
    /// No line before this time.
    private var nextDraw: Double
    /// The first report of the pass, from which the rate counts (what came before it, such as
    /// reading the workspace, is not the work counted).
    private var base: (time: Double, ran: Int)?
    /// Whether a line is on the screen now.
    public private(set) var shown = false

    /// A meter whose first line may appear `delay` seconds from now. `clock` answers seconds
    /// on a monotonic clock; `write` puts text on the terminal.
    public init(total: Int, label: String, delay: Double = 1, interval: Double = 0.1,
                clock: @escaping () -> Double, write: @escaping (String) -> Void) {
        self.total = total
        self.label = label
        self.clock = clock
        self.write = write
        self.interval = interval
        nextDraw = clock() + delay
    }

    /// `done` of ``total`` (or of `size`, when the work learns its size late) are done:
    /// redraws the line when it is time. `ran`: the steps taken in all, when a step counted in
    /// `done` may hold many (a script's loop); the rate counts them, else `done`.
    public func update(_ done: Int, of size: Int? = nil, ran: Int? = nil) {
        if let size { total = size }
        let now = clock()
        let ran = ran ?? done
        guard let base else {
            base = (now, ran)
            return
        }
        guard now >= nextDraw else { return }
        nextDraw = now + interval
        let rate = now - base.time >= 0.25 ? Int((Double(ran - base.ran) / (now - base.time)).rounded()) : nil
        write("\r" + ProgressMeter.line(done: done, total: total, label: label, rate: rate) + "\u{1b}[K")
        shown = true
    }

    /// The work starts again from nothing (a script's second pass, under the writer lock): the
    /// count and rate start over under a new label; the first-second rule still counts from the start.
    public func restart(total: Int, label: String) {
        self.total = total
        self.label = label
        base = nil
    }

    /// Erases the line, if one is shown.
    public func finish() {
        guard shown else { return }
        write("\r\u{1b}[K")
        shown = false
    }

    /// `  41,000/100,000 statements  88,000/s`.
    static func line(done: Int, total: Int, label: String, rate: Int?) -> String {
        "  \(grouped(done))/\(grouped(total)) \(label)" + (rate.map { "  \(grouped($0))/s" } ?? "")
    }

    /// 41000 → `41,000`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
