# A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder and
# postgres listening on a Unix socket in that folder only (listen_addresses='', no TCP).
# Sourced by scripts/test and scripts/bench. postgres refuses to run as root: as root the
# server runs as the `postgres` system user (the Debian package makes it), via runuser.
#
#   tcg_pg_start     starts it and exports TCG_TEST_PG (a postgres:/// URL for the role tcg,
#                    a superuser) and TCG_PG_DIR; returns non-zero when it cannot
#   tcg_pg_stop      stops it and removes the folder (safe to call twice; use it in a trap)
#   tcg_pg_restart   starts it again on the same folder after it was killed (a fault test)
#
# The server runs with fsync off (tests need no durability) unless TCG_PG_FSYNC=on, which
# scripts/bench sets so that commit times include the flush to disk.

# The folder holding initdb, pg_ctl and postgres (not on PATH in Debian).
tcg_pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null)
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    echo "tcg: no PostgreSQL server binaries (initdb) found; apt-get install postgresql" >&2
    return 1
}

# Runs a server command as the user that owns the data folder.
tcg_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

tcg_pg_start() {
    local bin
    bin=$(tcg_pg_bindir) || return 1
    TCG_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tcg-pg.XXXXXX") || return 1
    export TCG_PG_DIR
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$TCG_PG_DIR" || return 1; fi
    tcg_pg_as_owner "$bin/initdb" -D "$TCG_PG_DIR/data" -A trust -U tcg >"$TCG_PG_DIR/initdb.log" 2>&1 || {
        echo "tcg: initdb failed:" >&2; cat "$TCG_PG_DIR/initdb.log" >&2; return 1; }
    tcg_pg_as_owner "$bin/pg_ctl" -D "$TCG_PG_DIR/data" -w -l "$TCG_PG_DIR/log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$TCG_PG_DIR' -c fsync=${TCG_PG_FSYNC:-off}" start >/dev/null || {
        echo "tcg: the test server did not start:" >&2; cat "$TCG_PG_DIR/log" >&2; return 1; }
    export TCG_TEST_PG="postgres:///postgres?host=$TCG_PG_DIR&user=tcg"
    echo "tcg: PostgreSQL test server on $TCG_PG_DIR (TCG_TEST_PG=$TCG_TEST_PG)" >&2
}

tcg_pg_restart() {
    [ -n "${TCG_PG_DIR:-}" ] && [ -d "$TCG_PG_DIR/data" ] || { echo "tcg: no test server folder to restart" >&2; return 1; }
    local bin
    bin=$(tcg_pg_bindir) || return 1
    tcg_pg_as_owner "$bin/pg_ctl" -D "$TCG_PG_DIR/data" -w -l "$TCG_PG_DIR/log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$TCG_PG_DIR' -c fsync=${TCG_PG_FSYNC:-off}" start >/dev/null
}

tcg_pg_stop() {
    [ -n "${TCG_PG_DIR:-}" ] && [ -d "$TCG_PG_DIR" ] || return 0
    local bin
    bin=$(tcg_pg_bindir) || return 1
    tcg_pg_as_owner "$bin/pg_ctl" -D "$TCG_PG_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$TCG_PG_DIR"
    unset TCG_PG_DIR TCG_TEST_PG
}
