import TCGDomain

/// Adding and subtracting values: whole numbers with whole numbers, a date with a duration or a
/// number of days (as PostgreSQL adds an integer to a date), and a date from a date, which gives
/// the days between them. It knows no source; the interpreter turns a failure into words.
enum Arithmetic {
    /// Why two values do not add or subtract.
    enum Failure: Error, Equatable {
        /// The operands' types do not go together (a date plus a date, text plus a number).
        case types
        /// The whole number is beyond what tcg counts (±9223372036854775807).
        case overflow
        /// The date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31).
        case outOfCalendar
    }

    /// `a + b` or `a - b`. Text that spells a date, a whole number or a duration counts as one
    /// (a script parameter may arrive as text).
    static func apply(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
        switch (operand(a), operand(b)) {
        case (.int(let x), .int(let y)):
            let (result, overflow) = op == .plus ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            guard !overflow else { throw .overflow }
            return .int(result)
        case (.date(let day), .int(let n)):
            return .date(try shift(day, days: n, op))
        case (.int(let n), .date(let day)) where op == .plus:
            return .date(try shift(day, days: n, op))
        case (.date(let day), .duration(let d)):
            return .date(try shift(day, d, op))
        case (.duration(let d), .date(let day)) where op == .plus:
            return .date(try shift(day, d, op))
        case (.date(let x), .date(let y)) where op == .minus:
            return .int(x.number - y.number)
        default:
            throw .types
        }
    }

    /// The value itself, or the date, number or duration its text spells.
    static func operand(_ v: Value) -> Value {
        switch v {
        case .string(let s), .word(let s):
            if let day = Day(iso: s) { return .date(day) }
            if let n = Int(s) { return .int(n) }
            if let d = Duration(Substring(s)) { return .duration(d) }
            return v
        default:
            return v
        }
    }

    /// A date moved by a number of days, forwards (`+`) or back (`-`).
    static func shift(_ day: Day, days: Int, _ op: ArithmeticOperator) throws(Failure) -> Day {
        let (step, overflow) = op == .plus ? (days, false) : 0.subtractingReportingOverflow(days)
        guard !overflow, let moved = day.adding(checkedDays: step) else { throw .outOfCalendar }
        return moved
    }

    /// A date moved by a duration, forwards (`+`) or back (`-`); months keep the day of the month
    /// where they can (2027-01-31 + 1mo = 2027-02-28).
    static func shift(_ day: Day, _ duration: Duration, _ op: ArithmeticOperator) throws(Failure) -> Day {
        // A date outside the calendar (`today+999999mo`) goes no further: its arithmetic could overflow.
        guard Day.calendar.contains(day) else { throw .outOfCalendar }
        var step = duration
        if op == .minus { step.count = -step.count }
        let moved = day.adding(step)
        guard Day.calendar.contains(moved) else { throw .outOfCalendar }
        return moved
    }
}

extension Interpreter {
    /// `a + b` or `a - b` at a place in a script; a failure is a statement error there. `shown`
    /// names the operands in the message (by default their type and value).
    func arithmetic(_ op: ArithmeticOperator, _ a: Value, _ b: Value, _ range: SourceRange,
                    shown: (String, String)? = nil) throws(Diagnostic) -> Value {
        do {
            return try Arithmetic.apply(op, a, b)
        } catch {
            throw arithmeticFailure(error, op, shown ?? (described(a), described(b)), range)
        }
    }

    /// A value for messages with its type: `date 2027-03-20`, `text "East"`.
    func described(_ v: Value) -> String { "\(v.typeName) \(show(v))" }

    /// The statement error for arithmetic that failed, saying what does add up.
    func arithmeticFailure(_ failure: Arithmetic.Failure, _ op: ArithmeticOperator, _ shown: (String, String),
                           _ range: SourceRange) -> Diagnostic {
        switch failure {
        case .types:
            let message = op == .plus ? "cannot add \(shown.0) and \(shown.1)" : "cannot subtract \(shown.1) from \(shown.0)"
            return Diagnostic(.error, message, range: range,
                              help: "whole numbers add and subtract ($n + 1); a date takes a duration or a number of days "
                                  + "(today + 14d, 2027-01-10 - 2w); a date minus a date is the days between them (due - today)")
        case .overflow:
            return Diagnostic(.error, "the \(op == .plus ? "sum" : "difference") is too large a number (beyond ±\(Int.max))",
                              range: range)
        case .outOfCalendar:
            return Diagnostic(.error, "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)",
                              range: range, help: "use a date in the years 1 to 9999")
        }
    }
}
