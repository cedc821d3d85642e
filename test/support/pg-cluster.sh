#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the store contract suite (test/store/contract.test.ts).
# Usage: pg-cluster.sh start   -> prints a postgres:// URL (use it as COUNTERSIGN_TEST_PG)
#        pg-cluster.sh stop    -> stops the server and removes its directory
# Env: PG_CLUSTER_DIR (default ${TMPDIR:-/tmp}/countersign-pg), PG_BIN (default: newest
# /usr/lib/postgresql/*/bin, else the PATH), PG_OS_USER (OS user running the server when started as
# root; default postgres, else nobody).
set -euo pipefail

DIR="${PG_CLUSTER_DIR:-${TMPDIR:-/tmp}/countersign-pg}"
DB_NAME="countersign_test"

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" ]]; then echo "$newest"; return; fi
  dirname "$(command -v initdb || { echo "initdb not found: set PG_BIN" >&2; exit 1; })"
}

os_user() {
  if [[ "$(id -u)" != "0" ]]; then id -un; return; fi
  if [[ -n "${PG_OS_USER:-}" ]]; then echo "$PG_OS_USER"; return; fi
  if getent passwd postgres >/dev/null; then echo postgres; else echo nobody; fi
}

as_user() {
  local user="$1"; shift
  if [[ "$(id -u)" == "0" ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin user port
  bin="$(find_bin)"
  user="$(os_user)"
  if [[ -e "$DIR" ]]; then echo "$DIR already exists: run '$0 stop' first" >&2; exit 1; fi
  mkdir -p "$DIR"
  chmod 0700 "$DIR"
  [[ "$(id -u)" == "0" ]] && chown "$user" "$DIR"
  port="$(free_port)"
  as_user "$user" "$bin/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  as_user "$user" "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
  echo "$port" >"$DIR/port"
  as_user "$user" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  echo "postgres://postgres@127.0.0.1:$port/$DB_NAME"
}

stop() {
  local bin user
  bin="$(find_bin)"
  user="$(os_user)"
  if [[ ! -d "$DIR" ]]; then echo "no cluster at $DIR" >&2; return 0; fi
  if [[ -d "$DIR/data" ]]; then
    as_user "$user" "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
