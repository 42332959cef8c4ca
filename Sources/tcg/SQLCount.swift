import TCGDomain
import TCGLanguage
import TCGPostgres
import TCGStore

/// `tcg -c 'count KIND [where EXPR]'` against PostgreSQL, answered by one `SELECT count(*)` over
/// the kind's table and its generated columns instead of reading the whole register
/// (docs/postgresql.md, "Queries answered in SQL").
///
/// Only what it can answer exactly as the interpreter would is translated: `overdue`,
/// `outstanding`, `status` (= and !=), `due` (any comparison with a date), `owner` (a person by
/// exact name or id), `unit` (by name, for actions and plans), `in [...]` of those, and `and`,
/// `or`, `not`. Anything else, and any session in which a marking ceiling could hide a record,
/// gives nil: the statement then runs the ordinary way, with its ordinary errors.
enum SQLCount {
    /// What the translation cannot answer exactly: the statement runs the ordinary way.
    struct Untranslatable: Error {}

    /// How a kind's table answers the conditions that are not plain columns.
    struct Kind {
        let table: String
        /// The status values of an outstanding record (nil: the kind has no such notion).
        let outstanding: String?
        let hasDue: Bool
        let hasOwner: Bool
        /// The unit comes from the meeting the record was recorded at.
        let unitByMeeting: Bool
        /// The table has a `status` column (a candidate's status is worked out, not stored).
        var hasStatus = true
    }

    static let kinds: [String: Kind] = [
        "actions": Kind(table: "actions", outstanding: "open", hasDue: true, hasOwner: true, unitByMeeting: true),
        "commissions": Kind(table: "commissions", outstanding: "commissioned", hasDue: true, hasOwner: false, unitByMeeting: false),
        "requirements": Kind(table: "requirements", outstanding: "open", hasDue: false, hasOwner: true, unitByMeeting: false),
        "escalations": Kind(table: "escalations", outstanding: "open", hasDue: false, hasOwner: false, unitByMeeting: false),
        "reviews": Kind(table: "reviews", outstanding: "commissioned", hasDue: false, hasOwner: false, unitByMeeting: false),
        "plans": Kind(table: "plans", outstanding: nil, hasDue: false, hasOwner: true, unitByMeeting: true),
        "priorities": Kind(table: "priorities", outstanding: nil, hasDue: false, hasOwner: true, unitByMeeting: false),
        "decisions": Kind(table: "decisions", outstanding: nil, hasDue: false, hasOwner: false, unitByMeeting: false),
        "meetings": Kind(table: "meetings", outstanding: nil, hasDue: false, hasOwner: false, unitByMeeting: false),
        "people": Kind(table: "people", outstanding: nil, hasDue: false, hasOwner: false, unitByMeeting: false),
        "products": Kind(table: "products", outstanding: nil, hasDue: false, hasOwner: false, unitByMeeting: false),
        "candidates": Kind(table: "candidates", outstanding: nil, hasDue: false, hasOwner: false, unitByMeeting: false, hasStatus: false),
    ]

    /// The count `text` asks for, or nil when it is not one `count` statement this can answer
    /// exactly (the caller then runs it the ordinary way). `showing`: the SQL sent is written
    /// on stderr (`TCG_SQL_QUERIES=show`, for tests and for people checking what ran).
    static func answer(_ text: String, store: PostgresStore, maxMarking: Marking?, todayOverride: Day?,
                       systemToday: Day, showing: Bool = false) throws(StoreError) -> Int? {
        let parsed = Parser.parse(SourceFile(name: "-c", text: text))
        guard parsed.diagnostics.isEmpty, parsed.statements.count == 1, case .command(let command) = parsed.statements[0],
              command.spec.words == ["count"], command.args["group"] == nil,
              case .word(let word, _)? = command.expr("kind"), let schema = QueryKinds.schema(word.lowercased()),
              let kind = kinds[schema.name] else { return nil }
        let condition = command.expr("where")
        return try store.reading { (db) throws(PGError) -> Int? in
            let head = try db.exec("SELECT to_char(clock, 'YYYY-MM-DD'), max_marking FROM tcg.register_head")
            guard let row = head.rows.first, row.count == 2 else { return nil }
            // A ceiling hides records marked above it and everything under them; with no record
            // above OFFICIAL anywhere, the view is the whole register.
            if maxMarking != .officialSensitive || row[1] != nil, maxMarking != nil || row[1] != nil {
                let sensitive = kinds.values.map { "SELECT 1 FROM tcg.\($0.table) WHERE marking = 'OFFICIAL-SENSITIVE'" }
                if try db.exec("SELECT EXISTS (\(sensitive.joined(separator: " UNION ALL ")))").scalar != "f" { return nil }
            }
            guard let today = todayOverride ?? row[0].flatMap({ Day(iso: $0) }) ?? Optional(systemToday) else { return nil }
            var translation = Translation(kind: kind, schema: schema, today: today, db: db)
            var clause = "true"
            if let condition {
                do throws(Untranslatable) { clause = try translation.sql(condition) } catch { return nil }
            }
            let sql = "SELECT count(*) FROM tcg.\(kind.table) t WHERE \(clause)"
            if showing { Console.writeError("sql: \(sql) -- \(translation.parameters.map { $0 ?? "NULL" })\n") }
            let found = try db.exec(sql, translation.parameters)
            return found.scalar.flatMap { Int($0) }
        }
    }

    /// A `where` expression as SQL over one kind's table (aliased `t`), with its parameters.
    /// Every piece is true or false, never NULL, so `not` means what it means in tcg.
    struct Translation {
        let kind: Kind
        let schema: KindSchema
        let today: Day
        let db: PGConnection
        var parameters: [String?] = []

        mutating func bind(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }

        mutating func sql(_ e: Expr) throws(Untranslatable) -> String {
            switch e {
            case .and(let a, let b): return "(\(try sql(a)) AND \(try sql(b)))"
            case .or(let a, let b): return "(\(try sql(a)) OR \(try sql(b)))"
            case .not(let a, _): return "(NOT \(try sql(a)))"
            case .word(let w, _):
                guard let outstanding = kind.outstanding else { throw Untranslatable() }
                let open = "t.status = \(bind(outstanding))"
                switch w.lowercased() {
                case "outstanding": return "coalesce(\(open), false)"
                case "overdue" where kind.hasDue: return "coalesce(\(open) AND t.due < \(bind(today.description))::date, false)"
                default: throw Untranslatable()
                }
            case .compare(let op, .word(let name, _), let rhs, _):
                return try comparison(name.lowercased(), op, value(rhs))
            case .compare(let op, let lhs, .word(let name, _), _) where !lhs.isArithmetic:
                let flipped = ["<": ">", ">": "<", "<=": ">=", ">=": "<="][op] ?? op
                return try comparison(name.lowercased(), flipped, value(lhs))
            case .member(.word(let name, _), .list(let items, _), _) where !items.isEmpty:
                var tests: [String] = []
                for item in items { tests.append(try comparison(name.lowercased(), "=", value(item))) }
                return "(" + tests.joined(separator: " OR ") + ")"
            default:
                throw Untranslatable()
            }
        }

        /// A literal on one side of a comparison (no variables, arithmetic or sub-queries).
        func value(_ e: Expr) throws(Untranslatable) -> Value {
            switch e {
            case .literal(let v, _): return v
            case .word(let w, _): return .word(w)
            case .string(let parts, _):
                var text = ""
                for part in parts {
                    guard case .text(let t) = part else { throw Untranslatable() }
                    text += t
                }
                return .string(text)
            default: throw Untranslatable()
            }
        }

        /// `field op value`, true or false.
        mutating func comparison(_ field: String, _ op: String, _ v: Value) throws(Untranslatable) -> String {
            let sqlOps = ["=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="]
            guard let sqlOp = sqlOps[op], schema.field(field) != nil else { throw Untranslatable() }
            /// `column = target`, or its negation for `!=`: an absent value equals nothing but "".
            func equality(_ test: String) -> String { op == "!=" ? "(NOT coalesce(\(test), false))" : "coalesce(\(test), false)" }
            switch field {
            case "status":
                guard kind.hasStatus, op == "=" || op == "!=", case .choice(let values)? = schema.field("status")?.type else {
                    throw Untranslatable()
                }
                let word: String
                switch v {
                case .word(let w), .string(let w): word = w.lowercased()
                default: throw Untranslatable()
                }
                guard values.contains(word) else { throw Untranslatable() }
                return equality("t.status = \(bind(word))")
            case "due":
                guard kind.hasDue, case .date(let day) = v else { throw Untranslatable() }
                let target = "\(bind(day.description))::date"
                return op == "!=" ? equality("t.due = \(target)") : "coalesce(t.due \(sqlOp) \(target), false)"
            case "owner":
                guard kind.hasOwner, op == "=" || op == "!=" else { throw Untranslatable() }
                return equality("t.owner = \(bind(try person(v)))")
            case "unit":
                guard kind.unitByMeeting, op == "=" || op == "!=" else { throw Untranslatable() }
                let unit = try unitName(v)
                return equality("(SELECT lower(m.unit) FROM tcg.meetings m WHERE m.id = t.meeting) = lower(\(bind(unit)))")
            default:
                throw Untranslatable()
            }
        }

        /// The id of the one person a value names (`PE-3`, or a name matched exactly, in any case).
        func person(_ v: Value) throws(Untranslatable) -> String {
            let found: PGRows?
            switch v {
            case .id(let id) where id.kind == .person:
                found = try? db.exec("SELECT id FROM tcg.people WHERE id = $1", [id.description])
            case .string(let name), .word(let name):
                if let id = RecordID(name) {
                    found = try? db.exec("SELECT id FROM tcg.people WHERE id = $1", [id.description])
                } else {
                    found = try? db.exec("SELECT id FROM tcg.people WHERE lower(name) = lower($1)", [name])
                }
            default: throw Untranslatable()
            }
            guard let found, found.rows.count == 1, let id = found.rows[0][0] else { throw Untranslatable() }
            return id
        }

        /// The name of the unit a value names (in any case); never "" (that asks for no unit).
        func unitName(_ v: Value) throws(Untranslatable) -> String {
            let name: String
            switch v {
            case .string(let s), .word(let s): name = s
            default: throw Untranslatable()
            }
            guard !name.isEmpty, let found = try? db.exec("SELECT name FROM tcg.units WHERE lower(name) = lower($1)", [name]),
                  found.rows.count == 1, let unit = found.rows[0][0] else { throw Untranslatable() }
            return unit
        }
    }
}
