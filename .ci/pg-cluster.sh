#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests' PostgreSQL half: `initdb` in a temporary
# folder, as an unprivileged user (PostgreSQL refuses to run as root: as root a system
# user is used, created when missing), on a free port of 127.0.0.1 and a socket in that
# folder only; nothing of the machine's own PostgreSQL is touched.
#
#   .ci/pg-cluster.sh run CMD ARGS...  start, run CMD with DAHE_TEST_PG set to the cluster's
#                                      DSN, then stop and delete the cluster (also when CMD
#                                      fails or is interrupted); exits with CMD's status
#   .ci/pg-cluster.sh start            start one and print `export ...` lines (eval them)
#   .ci/pg-cluster.sh stop [DIR]       stop and delete it (DIR: $DAHE_PG_CLUSTER by default)
#   .ci/pg-cluster.sh find             print the initdb found, or exit 1 (.ci/run installs
#                                      Debian's postgresql then)
set -euo pipefail

RUN_AS=${DAHE_PG_USER:-dahe-pg}  # the system user when run as root
SUPERUSER=dahe  # the cluster's superuser, trusted on 127.0.0.1 only

find_bin() {
    local name=$1 found
    if found=$(command -v "$name" 2>/dev/null); then
        echo "$found"
        return 0
    fi
    # Debian and Ubuntu keep the server's programs out of PATH, one folder per version.
    found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && [ -x "$found" ] && { echo "$found"; return 0; }
    return 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null; then
            runuser -u "$RUN_AS" -- "$@"
        else
            su -s /bin/sh "$RUN_AS" -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local initdb pg_ctl dir port
    initdb=$(find_bin initdb) || { echo "initdb not found: install PostgreSQL (Debian: apt-get install postgresql)" >&2; return 1; }
    pg_ctl=$(dirname "$initdb")/pg_ctl
    [ -x "$pg_ctl" ] || pg_ctl=$(find_bin pg_ctl)
    if [ "$(id -u)" = 0 ] && ! id "$RUN_AS" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
    fi
    # As root, /tmp: the system user could not reach a TMPDIR inside root's home.
    if [ "$(id -u)" = 0 ]; then dir=$(mktemp -d /tmp/dahe-pg.XXXXXX); else dir=$(mktemp -d "${TMPDIR:-/tmp}/dahe-pg.XXXXXX"); fi
    [ "$(id -u)" = 0 ] && chown "$RUN_AS" "$dir"
    chmod 700 "$dir"
    as_owner "$initdb" --pgdata="$dir/data" --username="$SUPERUSER" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
    port=$(free_port)
    # Durability is pointless for data deleted in a minute: fsync off makes it faster.
    if ! as_owner "$pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
        start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        rm -rf "$dir"
        return 1
    fi
    echo "$dir $port"
}

stop() {
    local dir=$1 initdb
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    initdb=$(find_bin initdb) || true
    if [ -f "$dir/data/postmaster.pid" ] && [ -n "$initdb" ]; then
        as_owner "$(dirname "$initdb")/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

dsn() { echo "postgresql://$SUPERUSER@127.0.0.1:$1/postgres"; }

case "${1:-}" in
    find)
        find_bin initdb
        ;;
    start)
        read -r dir port < <(start)
        echo "export DAHE_PG_CLUSTER=$dir"
        echo "export DAHE_TEST_PG=$(dsn "$port")"
        ;;
    stop)
        stop "${2:-${DAHE_PG_CLUSTER:-}}"
        ;;
    run)
        shift
        [ $# -gt 0 ] || { echo "usage: $0 run CMD ARGS..." >&2; exit 2; }
        out=$(start) || exit 1
        read -r dir port <<<"$out"
        trap 'stop "$dir"' EXIT
        trap 'exit 130' INT TERM
        echo "PostgreSQL test cluster: $(dsn "$port") ($dir)"
        status=0
        DAHE_TEST_PG=$(dsn "$port") "$@" || status=$?
        exit "$status"
        ;;
    *)
        echo "usage: $0 run CMD... | start | stop [DIR] | find" >&2
        exit 2
        ;;
esac
