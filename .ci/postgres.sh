#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests and the load bench:
# installed from Debian when missing, run by an unprivileged user (the
# server refuses root), on loopback only, in a temporary folder.
#
#   eval "$(.ci/postgres.sh start)"   # exports TECHLEAD_TEST_PG, PG_TMP
#   .ci/postgres.sh stop "$PG_TMP"
#
# With PG_SSL_CERT and PG_SSL_KEY (PEM files) set, the server also speaks
# TLS with that certificate (the TLS tests make one for 127.0.0.1).
#
# TECHLEAD_TEST_PG is the superuser's URL with its password; the tests
# make their own databases and roles with it.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_owner() {
  # Root runs the server as an unprivileged user; anyone else as itself.
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  if ! bin=$(find_bin); then
    echo "PostgreSQL not found: installing it from Debian" >&2
    if [ "$(id -u)" = 0 ]; then
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2
    else
      echo "not root: cannot install PostgreSQL" >&2; return 1
    fi
    bin=$(find_bin)
  fi
  PG_USER=${PG_USER:-techlead-pg}
  if [ "$(id -u)" = 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" >&2
  fi
  local tmp port password
  tmp=$(mktemp -d /tmp/techlead-pg.XXXXXX)
  chmod 755 "$tmp"
  [ "$(id -u)" = 0 ] && chown "$PG_USER" "$tmp"
  password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$password" > "$tmp/pw"
  [ "$(id -u)" = 0 ] && chown "$PG_USER" "$tmp/pw"
  as_owner "$bin/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pw" -A scram-sha-256 \
    --no-sync -E UTF8 --locale=C >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; return 1; }
  rm -f "$tmp/pw"
  if [ -n "${PG_SSL_CERT:-}" ] && [ -n "${PG_SSL_KEY:-}" ]; then
    # The server refuses a key others may read: its owner's, mode 600.
    cp "$PG_SSL_CERT" "$tmp/data/server.crt"
    cp "$PG_SSL_KEY" "$tmp/data/server.key"
    chmod 600 "$tmp/data/server.key"
    [ "$(id -u)" = 0 ] && chown "$PG_USER" "$tmp/data/server.crt" "$tmp/data/server.key"
    printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n" >> "$tmp/data/postgresql.conf"
  fi
  # A free port: ask the kernel for one.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
  echo "$port" > "$tmp/port"
  echo "$bin" > "$tmp/bin"
  run_server "$tmp" || return 1
  echo "export PG_TMP=$tmp PG_BIN=$bin PG_USER=$PG_USER"
  echo "export TECHLEAD_TEST_PG=postgres://postgres:$password@127.0.0.1:$port/postgres?sslmode=disable"
}

run_server() {
  local tmp=$1 bin port
  bin=$(cat "$tmp/bin"); port=$(cat "$tmp/port")
  as_owner "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c max_connections=100" start >&2 \
    || { cat "$tmp/server.log" >&2; return 1; }
}

# The fault tests stop a server mid-push (halt: immediate shutdown, as a
# crash) and start it again on the same port (resume).
halt() {
  local tmp=${1:?usage: postgres.sh halt DIR}
  PG_USER=${PG_USER:-techlead-pg}
  as_owner "$(cat "$tmp/bin")/pg_ctl" -D "$tmp/data" -m immediate -w stop >&2
}

resume() {
  local tmp=${1:?usage: postgres.sh resume DIR}
  PG_USER=${PG_USER:-techlead-pg}
  run_server "$tmp"
}

stop() {
  local tmp=${1:?usage: postgres.sh stop DIR}
  local bin=${PG_BIN:-$(find_bin)}
  PG_USER=${PG_USER:-techlead-pg}
  [ -d "$tmp/data" ] && as_owner "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >&2 || true
  rm -rf "$tmp"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  halt) halt "${2:-}" ;;
  resume) resume "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR | halt DIR | resume DIR" >&2; exit 2 ;;
esac
