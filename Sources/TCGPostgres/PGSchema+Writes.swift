/// Migration 8: writes that parse each row's JSON at most once (docs/postgresql.md, "The schema").
///
/// Migration 1 took every column from `doc` by a generated expression, each parsing the JSON
/// again, and checked `doc`'s id and an audit entry's seq by parsing it once more: a
/// 100,000-action script spent most of its time there. Now:
/// - a record table's columns are plain columns, keeping their checks and foreign keys. tcg
///   sends them with each row, read from the JSON it wrote (``JSONMembers``); on any other
///   INSERT or UPDATE (`psql`, a tool) a trigger per table fills them from a single parse of
///   `doc`, after checking `doc`'s id. tcg marks its own writes with the transaction setting
///   `tcg.committing` (as migration 2 does), so a role that sets it itself can write columns
///   that disagree with `doc`: tcg reads only `doc`, and `verify` checks those;
/// - the audit table keeps `seq`, `hash`, `"user"` and `doc`: its `at`, `day`, `source` and
///   `statement` are read from `doc` by the `audit_trail` view instead, and the check that an
///   entry names the role inserting it compares the `"user"` column (row-level security; the
///   schema's owner may write entries in others' names, as `tcg copy` does). That `doc` says
///   the same seq and user as its columns is checked by tcg when it reads the trail. The check
///   that `hash` is 64 lowercase hex digits no longer uses a regular expression, which cost
///   the server more than the rest of the row.
extension PGSchema {
    static var writesParseOnce: String {
        var sql = ""
        for kind in kinds {
            let table = kind.table
            let fills = kind.columns.map { "        NEW.\($0.name) := \($0.value("j"));\n" }.joined()
            sql += """
                ALTER TABLE tcg.\(table) DROP CONSTRAINT \(table)_check1;
                ALTER TABLE tcg.\(table) \(kind.columns.map { "ALTER COLUMN \($0.name) DROP EXPRESSION" }.joined(separator: ", "));
                CREATE FUNCTION tcg.\(table)_columns() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    j jsonb := NEW.doc::jsonb;
                BEGIN
                    IF (j ->> 'id') IS DISTINCT FROM NEW.id THEN
                        RAISE EXCEPTION 'the record''s JSON has id %, not %', j ->> 'id', NEW.id USING ERRCODE = 'check_violation';
                    END IF;
                \(fills)    RETURN NEW;
                END
                $$;
                CREATE TRIGGER \(table)_columns BEFORE INSERT OR UPDATE ON tcg.\(table)
                    FOR EACH ROW WHEN (current_setting('tcg.committing', true) IS DISTINCT FROM 'on')
                    EXECUTE FUNCTION tcg.\(table)_columns();

                """
        }
        sql += """
            DROP VIEW tcg.audit_trail;
            ALTER TABLE tcg.audit DROP CONSTRAINT audit_check, DROP COLUMN at, DROP COLUMN day, DROP COLUMN source, DROP COLUMN statement,
                DROP CONSTRAINT audit_hash_check,
                ADD CONSTRAINT audit_hash_check CHECK (length(hash) = 64 AND ltrim(hash, '0123456789abcdef') = '');
            CREATE VIEW tcg.audit_trail WITH (security_invoker = true) AS
                SELECT seq, doc::jsonb ->> 'at' AS at, tcg.day(doc::jsonb ->> 'day') AS day, "user",
                       doc::jsonb ->> 'source' AS source, doc::jsonb ->> 'statement' AS statement,
                       array_to_string(ARRAY(SELECT jsonb_array_elements_text(doc::jsonb -> 'changes')), '; ') AS changes,
                       array_to_string(ARRAY(SELECT jsonb_array_elements_text(doc::jsonb -> 'ids')), ' ') AS ids, hash
                FROM tcg.audit;
            GRANT SELECT ON tcg.audit_trail TO tcg_reader;
            DROP TRIGGER audit_user_is_session_user ON tcg.audit;
            DROP FUNCTION tcg.audit_user_is_session_user();
            ALTER POLICY audit_add ON tcg.audit WITH CHECK ("user" = session_user OR \(ownsSchema));

            """
        return sql
    }
}

/// Migration 9: the check that an audit row's `hash` is 64 lowercase hex digits, by decoding it.
///
/// Migration 8's `ltrim(hash, '0123456789abcdef') = ''` compares each of the 64 characters with
/// the set one multibyte character at a time in a UTF-8 database: 0.8 s of the server's time
/// for the 207,576 rows of a 100,000-action script. Decoding the digits and encoding them again
/// gives the same answer for a twentieth of that (docs/performance.md). A row whose hash is not
/// hex at all is refused by `decode` itself ("invalid hexadecimal digit"), not by the check.
extension PGSchema {
    static let auditHashByDecode = """
        ALTER TABLE tcg.audit DROP CONSTRAINT audit_hash_check,
            ADD CONSTRAINT audit_hash_check CHECK (octet_length(hash) = 64 AND encode(decode(hash, 'hex'), 'hex') = hash);

        """
}
