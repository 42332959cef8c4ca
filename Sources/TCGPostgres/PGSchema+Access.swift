/// Migrations 5 to 7: who the audit trail names, what each role may change, and who may read
/// OFFICIAL-SENSITIVE records (docs/postgresql.md, "Identity and access").
extension PGSchema {
    /// The record tables and `units`, which only `tcg_manager` may change: the control strategy
    /// (priorities, candidates adopted or rejected) and the units with their meeting policy.
    static let managerTables = ["priorities", "candidates", "units"]

    /// The record tables a `tcg_tasker` may change: the business recorded at meetings.
    static var taskerTables: [String] { kinds.map(\.table).filter { !managerTables.contains($0) } }

    /// The role that owns the schema (the one that ran `db init`) may write entries in others'
    /// names: `tcg copy` carries a register's whole audit trail.
    static let ownsSchema = "pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'tcg'), 'MEMBER')"

    // MARK: Migration 5

    /// An audit entry names, in its `user` column and in its JSON, the database role that
    /// inserts it (`session_user`), whoever writes the row; only the schema's owner may insert
    /// entries in others' names (``ownsSchema``).
    static let auditUser = """
        CREATE FUNCTION tcg.audit_user_is_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (NEW."user" IS DISTINCT FROM session_user::text OR (NEW.doc::jsonb ->> 'user') IS DISTINCT FROM session_user::text)
               AND NOT \(ownsSchema) THEN
                RAISE EXCEPTION 'an audit entry names the database role that writes it: "%" is not "%"', NEW."user", session_user
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER audit_user_is_session_user BEFORE INSERT ON tcg.audit
            FOR EACH ROW EXECUTE FUNCTION tcg.audit_user_is_session_user();

        """

    // MARK: Migration 6

    /// `tcg_tasker` records business; `tcg_manager` also the control strategy, the units and
    /// their policy, and the scoring schemes. A tasker may propose a candidate (INSERT) but not
    /// adopt, reject, score or remove one.
    static var rolesByVerb: String {
        """
        REVOKE INSERT, UPDATE, DELETE ON \(managerTables.map { "tcg." + $0 }.joined(separator: ", ")) FROM tcg_tasker;
        GRANT INSERT ON tcg.candidates TO tcg_tasker;
        GRANT INSERT, UPDATE, DELETE ON \(managerTables.map { "tcg." + $0 }.joined(separator: ", ")) TO tcg_manager;
        REVOKE UPDATE ON tcg.register_head FROM tcg_tasker;
        GRANT UPDATE (version, clock, max_marking, last_ids, last_seq, last_hash, changed_at, checked_outside)
            ON tcg.register_head TO tcg_tasker;
        GRANT UPDATE ON tcg.register_head TO tcg_manager;

        """
    }

    // MARK: Migration 7

    /// Whether the session's role holds clearance for OFFICIAL-SENSITIVE (membership of
    /// `tcg_sensitive`, directly or through another role).
    static let cleared = "pg_has_role(session_user, 'tcg_sensitive', 'MEMBER')"

    /// Row-level security: a role without clearance reads no record that a `--max-marking
    /// OFFICIAL` session would not show (those marked OFFICIAL-SENSITIVE and their children),
    /// and no audit entry that names one. Which they are is worked out by tcg when it writes
    /// (``Register/hidden(under:)``) and kept in `tcg.hidden` (record ids) and
    /// `tcg.hidden_audit` (entry numbers): readable by every role, changed only with clearance.
    /// The reporting views read as the role that queries them (`security_invoker`).
    static var markings: String {
        var sql = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tcg_sensitive') THEN CREATE ROLE tcg_sensitive NOLOGIN; END IF;
            END
            $$;
            CREATE TABLE tcg.hidden (id text PRIMARY KEY);
            CREATE TABLE tcg.hidden_audit (seq integer PRIMARY KEY);
            GRANT SELECT ON tcg.hidden, tcg.hidden_audit TO tcg_reader;
            GRANT INSERT, DELETE ON tcg.hidden, tcg.hidden_audit TO tcg_tasker;

            """
        for table in ["hidden", "hidden_audit"] {
            sql += """
                ALTER TABLE tcg.\(table) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY \(table)_read ON tcg.\(table) FOR SELECT USING (true);
                CREATE POLICY \(table)_add ON tcg.\(table) FOR INSERT WITH CHECK (\(cleared));
                CREATE POLICY \(table)_remove ON tcg.\(table) FOR DELETE USING (\(cleared));

                """
        }
        for table in kinds.map(\.table) {
            sql += """
                ALTER TABLE tcg.\(table) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY \(table)_marking ON tcg.\(table)
                    USING (\(cleared) OR NOT EXISTS (SELECT FROM tcg.hidden h WHERE h.id = \(table).id));

                """
        }
        sql += """
            ALTER TABLE tcg.audit ENABLE ROW LEVEL SECURITY;
            CREATE POLICY audit_marking ON tcg.audit FOR SELECT
                USING (\(cleared) OR NOT EXISTS (SELECT FROM tcg.hidden_audit h WHERE h.seq = audit.seq));
            CREATE POLICY audit_add ON tcg.audit FOR INSERT WITH CHECK (true);
            ALTER VIEW tcg.action_list SET (security_invoker = true);
            ALTER VIEW tcg.commission_list SET (security_invoker = true);
            ALTER VIEW tcg.requirement_list SET (security_invoker = true);
            ALTER VIEW tcg.plan_list SET (security_invoker = true);
            ALTER VIEW tcg.meeting_list SET (security_invoker = true);
            ALTER VIEW tcg.audit_trail SET (security_invoker = true);

            """
        return sql
    }
}
