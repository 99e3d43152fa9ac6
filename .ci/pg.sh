#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's server binaries, run as the postgres
# user) and prints the FABRIC_DB_* settings to export. Usage: eval "$(.ci/pg.sh start DIR)"; .ci/pg.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n "$bin" ]] || { echo "PostgreSQL server not installed: apt-get install postgresql" >&2; exit 2; }
case "$cmd" in
  start)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir" && chown postgres "$dir"
    su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -A trust -U postgres >'$dir/initdb.log' 2>&1"
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir'\" start >/dev/null"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    su postgres -s /bin/sh -c "$bin/psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE USER fabric PASSWORD '$password'\" -c 'CREATE DATABASE fabric OWNER fabric'"
    echo "export FABRIC_DB_URL=jdbc:postgresql://127.0.0.1:$port/fabric FABRIC_DB_USER=fabric FABRIC_DB_PASSWORD=$password"
    ;;
  stop)
    [[ -d "$dir/data" ]] || exit 0 # never started, e.g. the H2 run failed first
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast stop >/dev/null" || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
