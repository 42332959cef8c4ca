/// The register's tables, in the schema `tcg`, created and brought up to date by numbered
/// migrations (docs/postgresql.md, "The schema").
///
/// Each migration runs in its own transaction and is recorded in `tcg.tcg_schema_migrations`;
/// running them again does nothing. A migration, once released, is never edited: a change to
/// the schema is a new migration at the end of ``migrations``.
public enum PGSchema {
    /// One step of the schema.
    public struct Migration: Sendable {
        /// Its number: 1, 2, … in order.
        public let version: Int
        /// What it does, in a few words.
        public let name: String
        /// The SQL it runs.
        public let sql: String
    }

    /// The schema the tables are in.
    public static let name = "tcg"

    /// Every migration, oldest first.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "tables, audit trail, roles", sql: tables + audit + roles),
        Migration(version: 2, name: "changes made outside tcg are counted", sql: outsideChanges),
        Migration(version: 3, name: "read-only views for reporting tools", sql: views),
        Migration(version: 4, name: "the scoring schemes a force sets", sql: scoringSchemes),
        Migration(version: 5, name: "the audit trail names the database role", sql: auditUser),
        Migration(version: 6, name: "control strategy, units and schemes for tcg_manager only", sql: rolesByVerb),
        Migration(version: 7, name: "OFFICIAL-SENSITIVE rows only for tcg_sensitive (row-level security)", sql: markings),
        Migration(version: 8, name: "each written row's JSON parsed once", sql: writesParseOnce),
        Migration(version: 9, name: "the audit hash checked without ltrim", sql: auditHashByDecode),
    ]

    /// The newest schema version this tcg knows.
    public static var version: Int { migrations.last?.version ?? 0 }

    /// Runs the migrations `connection`'s database has not had yet; returns those it ran.
    public static func migrate(_ connection: PGConnection) throws(PGError) -> [Migration] {
        try connection.execScript("""
            CREATE SCHEMA IF NOT EXISTS tcg;
            CREATE TABLE IF NOT EXISTS tcg.tcg_schema_migrations (
                version integer PRIMARY KEY CHECK (version > 0),
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """)
        var ran: [Migration] = []
        for migration in migrations {
            try connection.exec("BEGIN")
            do throws(PGError) {
                // One migrator at a time; the second finds the work done.
                try connection.exec("LOCK TABLE tcg.tcg_schema_migrations IN EXCLUSIVE MODE")
                let done = try connection.exec("SELECT 1 FROM tcg.tcg_schema_migrations WHERE version = $1", [String(migration.version)])
                if done.rows.isEmpty {
                    try connection.execScript(migration.sql)
                    try connection.exec("INSERT INTO tcg.tcg_schema_migrations (version, name) VALUES ($1, $2)",
                                        [String(migration.version), migration.name])
                    ran.append(migration)
                }
                try connection.exec("COMMIT")
            } catch {
                _ = try? connection.exec("ROLLBACK")
                throw error
            }
        }
        return ran
    }

    /// The schema version the database has (0: none).
    public static func installedVersion(_ connection: PGConnection) throws(PGError) -> Int {
        let found = try connection.exec("SELECT to_regclass('tcg.tcg_schema_migrations') IS NOT NULL")
        guard found.scalar == "t" else { return 0 }
        return Int(try connection.exec("SELECT coalesce(max(version), 0) FROM tcg.tcg_schema_migrations").scalar ?? "") ?? 0
    }

    // MARK: Migration 1

    /// A column taken from the record's stored JSON (`doc`), with its check or reference.
    struct Column {
        let name: String
        /// `text` or `date` (a `YYYY-MM-DD` member).
        let type: String
        /// The column's check or reference, after its value.
        let constraint: String
        /// Where the value is in the record's JSON: a member, or a member of a member.
        let path: [String]

        /// The column's value read from a record's JSON, given as a `jsonb` expression.
        func value(_ json: String) -> String {
            let read = json + path.dropLast().map { " -> '\($0)'" }.joined() + " ->> '\(path.last ?? name)'"
            return type == "date" ? "tcg.day(\(read))" : read
        }

        /// How `COPY`'s binary format sends it.
        var copied: PGCopyRows.Column { type == "date" ? .date : .text }

        /// The column as migration 1 made it: generated from `doc`.
        var sql: String { "\(name) \(type) GENERATED ALWAYS AS (\(value("doc::jsonb"))) STORED\(constraint)" }
    }

    /// `name text` from the JSON member `member` (the same name by default).
    static func text(_ name: String, _ member: String? = nil, check: String? = nil) -> Column {
        Column(name: name, type: "text", constraint: check.map { " CHECK (\($0))" } ?? "", path: [member ?? name])
    }

    /// `name date` from a `YYYY-MM-DD` member.
    static func day(_ name: String, _ member: String? = nil) -> Column {
        Column(name: name, type: "date", constraint: "", path: [member ?? name])
    }

    /// `name text` holding an id of the table `table`, with a foreign key to it.
    static func ref(_ name: String, _ table: String, _ member: String? = nil) -> Column {
        Column(name: name, type: "text", constraint: " REFERENCES tcg.\(table) (id) DEFERRABLE INITIALLY DEFERRED", path: [member ?? name])
    }

    /// The `marking` column every record has.
    static let marking = text("marking", check: "marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')")

    /// Each kind's table, its id prefix and its columns besides `id`, `number` and `doc`.
    static let kinds: [(table: String, prefix: String, columns: [Column])] = [
        ("people", "PE", [text("name", check: "name <> ''"), text("role"), text("unit"), text("agency"), text("status"), marking]),
        ("meetings", "M", [text("kind"), text("unit"), day("date"), ref("chair", "people"), text("title"), text("status"), marking]),
        ("priorities", "P", [text("title"), ref("owner", "people"), text("unit"), ref("meeting", "meetings"), text("status"),
                             ref("retired_at", "meetings"), marking]),
        ("candidates", "X", [text("title"), ref("meeting", "meetings"), marking]),
        ("plans", "DP", [text("title"), text("serves"), ref("owner", "people"), day("start"), day("review"), ref("meeting", "meetings"),
                         text("status"), marking]),
        ("requirements", "IR", [text("level"), text("question"), ref("priority", "priorities"), ref("plan", "plans"), ref("owner", "people"),
                                text("status"), ref("meeting", "meetings"), marking]),
        ("commissions", "C", [text("product"), text("title"), ref("assignee", "people"), day("due"), ref("meeting", "meetings"),
                              text("status"), marking]),
        ("products", "AS", [text("kind"), text("title"), ref("author", "people"), day("date"), ref("commission", "commissions"),
                            text("status"), ref("presented_at", "meetings"), marking]),
        ("actions", "A", [text("type"), text("title"), ref("plan", "plans"), ref("owner", "people"), day("due"), ref("meeting", "meetings"),
                          text("status"), marking]),
        ("decisions", "D", [ref("meeting", "meetings"), text("text"), ref("supersedes", "decisions"), ref("superseded_by", "decisions"), marking]),
        ("escalations", "E", [Column(name: "subject", type: "text", constraint: "", path: ["subject", "record"]),
                              text("escalated_from", "from"), text("escalated_to", "to"), ref("meeting", "meetings"), text("status"), ref("decided_at", "meetings"), marking]),
        ("reviews", "R", [text("title"), ref("plan", "plans"), text("scope"), ref("meeting", "meetings"), text("status"), marking]),
    ]

    /// Each record table's columns besides `id`, `number` and `doc`, by table.
    static let columns: [String: [Column]] = Dictionary(uniqueKeysWithValues: kinds.map { ($0.table, $0.columns) })

    /// The head row, the units and one table per kind of record.
    static var tables: String {
        var sql = """
            CREATE FUNCTION tcg.day(text) RETURNS date LANGUAGE sql IMMUTABLE STRICT
                RETURN make_date(substr($1, 1, 4)::integer, substr($1, 6, 2)::integer, substr($1, 9, 2)::integer);

            CREATE TABLE tcg.register_head (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
                clock date,
                max_marking text CHECK (max_marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
                last_ids text NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(last_ids::jsonb) = 'object'),
                last_seq integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
                last_hash text NOT NULL DEFAULT '',
                changed_at timestamptz
            );
            INSERT INTO tcg.register_head DEFAULT VALUES;

            CREATE TABLE tcg.units (
                position integer PRIMARY KEY CHECK (position >= 0),
                doc text NOT NULL,
                name text GENERATED ALWAYS AS (doc::jsonb ->> 'name') STORED NOT NULL UNIQUE,
                kind text GENERATED ALWAYS AS (doc::jsonb ->> 'kind') STORED,
                parent text GENERATED ALWAYS AS (doc::jsonb ->> 'parent') STORED
            );

            """
        for kind in kinds {
            let columns = kind.columns.map { ",\n    " + $0.sql }.joined()
            sql += """
                CREATE TABLE tcg.\(kind.table) (
                    id text PRIMARY KEY CHECK (id = '\(kind.prefix)-' || number),
                    number integer NOT NULL UNIQUE CHECK (number > 0),
                    doc text NOT NULL CHECK ((doc::jsonb ->> 'id') = id)\(columns)
                );

                """
        }
        return sql
    }

    /// The append-only audit trail: a trigger refuses UPDATE, DELETE and TRUNCATE whoever asks.
    static let audit = """
        CREATE TABLE tcg.audit (
            seq integer PRIMARY KEY CHECK (seq > 0),
            hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
            "user" text NOT NULL,
            doc text NOT NULL CHECK ((doc::jsonb ->> 'seq')::integer = seq),
            at text GENERATED ALWAYS AS (doc::jsonb ->> 'at') STORED,
            day date GENERATED ALWAYS AS (tcg.day(doc::jsonb ->> 'day')) STORED,
            source text GENERATED ALWAYS AS (doc::jsonb ->> 'source') STORED,
            statement text GENERATED ALWAYS AS (doc::jsonb ->> 'statement') STORED
        );

        CREATE FUNCTION tcg.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % is refused (R13)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON tcg.audit
            FOR EACH ROW EXECUTE FUNCTION tcg.refuse_audit_change();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON tcg.audit
            FOR EACH STATEMENT EXECUTE FUNCTION tcg.refuse_audit_change();

        """

    /// The group roles and their grants. Roles are the cluster's, so they are created only when
    /// missing; grants are the schema's.
    static let roles = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tcg_reader') THEN CREATE ROLE tcg_reader NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tcg_tasker') THEN CREATE ROLE tcg_tasker NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tcg_manager') THEN CREATE ROLE tcg_manager NOLOGIN; END IF;
        END
        $$;
        GRANT tcg_reader TO tcg_tasker;
        GRANT tcg_tasker TO tcg_manager;
        GRANT USAGE ON SCHEMA tcg TO tcg_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA tcg TO tcg_reader;
        GRANT INSERT, UPDATE, DELETE ON tcg.units, tcg.people, tcg.meetings, tcg.priorities, tcg.candidates, tcg.plans,
            tcg.requirements, tcg.commissions, tcg.products, tcg.actions, tcg.decisions, tcg.escalations, tcg.reviews TO tcg_tasker;
        GRANT UPDATE ON tcg.register_head TO tcg_tasker;
        GRANT INSERT ON tcg.audit TO tcg_tasker;
        REVOKE UPDATE, DELETE, TRUNCATE ON tcg.audit FROM PUBLIC, tcg_reader, tcg_tasker, tcg_manager;

        """

    // MARK: Migration 2

    /// Counts writes to the register's tables that tcg did not make (`psql`, a reporting tool
    /// with write rights) in `register_head.outside_changes`, so that tcg checks the audit chain
    /// again before it adds to it, as it does for a workspace file edited by hand. tcg marks its
    /// own commits with the transaction setting `tcg.committing`. `checked_outside` is the count
    /// at which tcg last found the chain intact.
    static var outsideChanges: String {
        var sql = """
            ALTER TABLE tcg.register_head
                ADD COLUMN outside_changes bigint NOT NULL DEFAULT 0 CHECK (outside_changes >= 0),
                ADD COLUMN checked_outside bigint NOT NULL DEFAULT 0 CHECK (checked_outside >= 0);

            CREATE FUNCTION tcg.count_outside_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = pg_catalog, tcg AS $$
            BEGIN
                IF current_setting('tcg.committing', true) IS DISTINCT FROM 'on' THEN
                    UPDATE tcg.register_head SET outside_changes = outside_changes + 1;
                END IF;
                RETURN NULL;
            END
            $$;
            REVOKE ALL ON FUNCTION tcg.count_outside_change() FROM PUBLIC;

            """
        for table in ["units"] + kinds.map(\.table) + ["audit"] {
            sql += """
                CREATE TRIGGER \(table)_outside_changes AFTER INSERT OR UPDATE OR DELETE ON tcg.\(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION tcg.count_outside_change();

                """
        }
        return sql
    }

    // MARK: Migration 3

    /// Views that name people and units beside ids, for reporting tools (Excel or Power BI over
    /// ODBC, Grafana); granted to `tcg_reader` for SELECT only. They show every row the role
    /// may read: markings are in the `marking` column, not enforced yet.
    // MARK: Migration 4

    /// The scoring schemes a force has set (`set scheme …`), as the workspace's
    /// `scoring_schemes` array; null while the default holds.
    static let scoringSchemes = """
        ALTER TABLE tcg.register_head
            ADD COLUMN scoring_schemes text CHECK (scoring_schemes IS NULL OR jsonb_typeof(scoring_schemes::jsonb) = 'array');

        """

    static let views = """
        CREATE VIEW tcg.action_list AS
            SELECT a.id, a.number, a.type, a.title, a.status, a.due, a.plan, a.owner, o.name AS owner_name,
                   a.meeting, m.unit, m.date AS meeting_date, a.marking
            FROM tcg.actions a LEFT JOIN tcg.people o ON o.id = a.owner LEFT JOIN tcg.meetings m ON m.id = a.meeting;

        CREATE VIEW tcg.commission_list AS
            SELECT c.id, c.number, c.product, c.title, c.status, c.due, c.assignee, o.name AS assignee_name,
                   c.meeting, m.unit, m.date AS meeting_date, c.marking
            FROM tcg.commissions c LEFT JOIN tcg.people o ON o.id = c.assignee LEFT JOIN tcg.meetings m ON m.id = c.meeting;

        CREATE VIEW tcg.requirement_list AS
            SELECT r.id, r.number, r.level, r.question, r.status, r.priority, p.title AS priority_title, r.plan,
                   r.owner, o.name AS owner_name, r.meeting, m.unit, r.marking
            FROM tcg.requirements r LEFT JOIN tcg.priorities p ON p.id = r.priority
                LEFT JOIN tcg.people o ON o.id = r.owner LEFT JOIN tcg.meetings m ON m.id = r.meeting;

        CREATE VIEW tcg.plan_list AS
            SELECT d.id, d.number, d.title, d.status, d.serves, d.start, d.review, d.owner, o.name AS owner_name,
                   d.meeting, m.unit, d.marking,
                   (SELECT count(*) FROM tcg.actions a WHERE a.plan = d.id) AS actions
            FROM tcg.plans d LEFT JOIN tcg.people o ON o.id = d.owner LEFT JOIN tcg.meetings m ON m.id = d.meeting;

        CREATE VIEW tcg.meeting_list AS
            SELECT m.id, m.number, m.kind, m.unit, m.date, m.title, m.status, m.chair, c.name AS chair_name, m.marking
            FROM tcg.meetings m LEFT JOIN tcg.people c ON c.id = m.chair;

        CREATE VIEW tcg.audit_trail AS
            SELECT seq, at, day, "user", source, statement,
                   array_to_string(ARRAY(SELECT jsonb_array_elements_text(doc::jsonb -> 'changes')), '; ') AS changes,
                   array_to_string(ARRAY(SELECT jsonb_array_elements_text(doc::jsonb -> 'ids')), ' ') AS ids, hash
            FROM tcg.audit;

        GRANT SELECT ON tcg.action_list, tcg.commission_list, tcg.requirement_list, tcg.plan_list, tcg.meeting_list,
            tcg.audit_trail TO tcg_reader;

        """
}
