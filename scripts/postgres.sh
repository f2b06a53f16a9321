#!/usr/bin/env bash
# Manages a private PostgreSQL 15 cluster for VanBan's tests and benchmarks, never the system one.
#
#   scripts/postgres.sh start [DIR]   initdb if DIR has no cluster, start it, create role vanban and database
#                                     vanban_test; prints the URL (and only that) on stdout
#   scripts/postgres.sh url [DIR]     prints the URL if the cluster in DIR is running, exit 1 if not
#   scripts/postgres.sh stop [DIR]    stops the cluster in DIR (fast shutdown); nothing to do if it is not running
#
# DIR defaults to .postgres under the repository root. It holds the data directory (DIR/data), the server log
# (DIR/postgres.log) and the Unix socket (DIR/.s.PGSQL.PORT). The server listens on 127.0.0.1 only, on port
# $PGPORT_VANBAN if set (that port or an error), else on the port it used last or the first free one from 54329
# to 54348.
# Trust authentication: for a test machine only. fsync and synchronous_commit stay on: durability is measured.
# As root, the server runs as the postgres user (initdb and pg_ctl refuse root) and DIR is made its own.
# Everything but the URL goes to stderr.
set -euo pipefail

say() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: scripts/postgres.sh start|stop|url [DIR]
  start  initialise (if needed) and start the private cluster in DIR, print its URL
  stop   stop it
  url    print its URL if it is running (exit 1 if not)
DIR defaults to .postgres in the repository root. PGPORT_VANBAN picks the port; without it the cluster takes the
port it used last, else the first free one from 54329.
EOF
}

readonly DB_NAME=vanban_test
readonly DB_USER=vanban
readonly DEFAULT_PORT=54329
readonly PORT_TRIES=20

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

cmd="${1:-}"
case "$cmd" in
  start|stop|url) ;;
  -h|--help|help) usage; exit 0 ;;
  "") usage; exit 2 ;;
  *) say "unknown command: $cmd"; usage; exit 2 ;;
esac
[ $# -le 2 ] || { usage; exit 2; }

dir="${2:-$root_dir/.postgres}"
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
dir="${dir%/}"
data="$dir/data"
log="$dir/postgres.log"

# --- binaries ------------------------------------------------------------------------------------------------
find_bindir() {
  local candidates=() d
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  candidates+=(/usr/lib/postgresql/15/bin)
  for d in "${candidates[@]}"; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}
bindir="$(find_bindir)" || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found via pg_config --bindir" \
  "or in /usr/lib/postgresql/15/bin. Install them: run scripts/install-deps.sh as root (it installs postgresql-15)."
psql_bin="$bindir/psql"
[ -x "$psql_bin" ] || psql_bin="$(command -v psql || true)"
[ -n "$psql_bin" ] || die "psql not found. Run scripts/install-deps.sh as root (postgresql-client-15)."

# --- who runs the server ---------------------------------------------------------------------------------------
# As root: the postgres user (or whoever owns an existing data directory). Otherwise: the current user.
me="$(id -un)"
if [ -d "$data" ]; then
  owner="$(stat -c %U "$data")"
else
  owner=""
fi
if [ "$(id -u)" -eq 0 ]; then
  run_user="${owner:-postgres}"
  [ "$run_user" != root ] || die "$data is owned by root; PostgreSQL cannot run as root. Remove $dir and start again."
  id -u "$run_user" >/dev/null 2>&1 || die "user '$run_user' does not exist. Run scripts/install-deps.sh (postgresql-15 creates it)."
  command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux); it is needed to run PostgreSQL as '$run_user' from root."
  as_server() { (cd / && runuser -u "$run_user" -- "$@" 9>&-); }  # fd 9 is the DIR lock: the server must not keep it
else
  run_user="$me"
  if [ -n "$owner" ] && [ "$owner" != "$me" ]; then
    die "the cluster in $dir belongs to '$owner'; run this as '$owner' or as root."
  fi
  as_server() { (cd / && "$@" 9>&-); }
fi

pg_ctl() { as_server "$bindir/pg_ctl" -D "$data" "$@"; }

# pg_ctl status: 0 running, 3 not running, 4 no data directory.
is_running() { [ -f "$data/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1; }

# Line 4 of postmaster.pid is the port the running server listens on.
running_port() { sed -n 4p "$data/postmaster.pid" 2>/dev/null | tr -d '[:space:]'; }

url_for() { echo "postgres://$DB_USER@127.0.0.1:$1/$DB_NAME"; }

psql_admin() {  # psql over the socket in DIR as the cluster's superuser vanban, on database postgres
  "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$1" -U "$DB_USER" -d postgres "${@:2}"
}

port_in_use() {  # something accepts TCP connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# --- commands --------------------------------------------------------------------------------------------------
cmd_url() {
  if is_running; then
    local port; port="$(running_port)"
    [ -n "$port" ] || die "the cluster in $dir is running but its postmaster.pid has no port."
    url_for "$port"
  else
    say "no cluster is running in $dir (start it with: scripts/postgres.sh start${2:+ $2})"
    exit 1
  fi
}

cmd_stop() {
  if [ ! -f "$data/PG_VERSION" ]; then
    say "no cluster in $dir; nothing to stop"
    return 0
  fi
  lock_dir
  if ! is_running; then
    say "the cluster in $dir is not running"
    return 0
  fi
  pg_ctl stop -m fast -w -t 60 >&2 || die "could not stop the cluster in $dir; see $log"
  say "stopped the cluster in $dir"
}

init_cluster() {
  if [ -e "$data" ] && [ -n "$(ls -A "$data" 2>/dev/null)" ]; then
    die "$data exists but holds no PostgreSQL cluster (no PG_VERSION). Remove it or choose another DIR."
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$run_user:" "$dir"
    chmod 755 "$dir"  # the socket lives here; the data directory itself stays 0700
    as_server test -w "$dir" ||
      die "user '$run_user' cannot write to $dir: a parent directory is not searchable by it (chmod o+x on the parents) or choose another DIR."
  fi
  say "initialising a cluster in $data (user $DB_USER, trust auth, UTF8, locale C)"
  as_server "$bindir/initdb" -D "$data" --username="$DB_USER" --auth=trust --encoding=UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed (log above, also in $dir/initdb.log)"; }
  # Our settings live in vanban.conf, rewritten at each start; postgresql.conf only includes it.
  printf "\n# VanBan test cluster (scripts/postgres.sh)\ninclude_if_exists = 'vanban.conf'\n" |
    as_server tee -a "$data/postgresql.conf" >/dev/null
}

write_settings() {  # $1 = port
  local sockdir="${dir//\'/\'\'}"
  as_server tee "$data/vanban.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh at each start; edits here are lost.
port = $1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
max_connections = 100
shared_buffers = 128MB
fsync = on
synchronous_commit = on
full_page_writes = on
# Sized for a 2-core test machine.
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
log_min_messages = warning
log_line_prefix = '%m [%p] '
EOF
}

start_on() {  # $1 = port; returns 0 when the server is up, 1 when this port could not be bound
  local port="$1" sock="$dir/.s.PGSQL.$1"
  [ "${#sock}" -le 107 ] || die "socket path $sock is longer than 107 bytes; choose a shorter DIR."
  write_settings "$port"
  local mark=0
  [ ! -f "$log" ] || mark="$(wc -l <"$log")"
  if pg_ctl start -w -t 60 -l "$log" >&2; then
    return 0
  fi
  if tail -n +"$((mark + 1))" "$log" 2>/dev/null | grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets|lock file .* already exists'; then
    return 1
  fi
  tail -n 20 "$log" >&2 || true
  die "the server in $dir did not start (log above, full log in $log)."
}

lock_dir() {  # one start or stop at a time per DIR (parallel test processes may all call start)
  mkdir -p "$dir"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>>"$dir/.lock"
  flock -w 120 9 || die "another scripts/postgres.sh has held $dir/.lock for 2 minutes; is it stuck?"
}

cmd_start() {
  if [ -n "${PGPORT_VANBAN:-}" ]; then
    [[ "$PGPORT_VANBAN" =~ ^[0-9]+$ ]] && [ "$PGPORT_VANBAN" -ge 1024 ] && [ "$PGPORT_VANBAN" -le 65535 ] ||
      die "PGPORT_VANBAN='$PGPORT_VANBAN' is not a port number from 1024 to 65535."
  fi
  lock_dir
  if [ -f "$data/PG_VERSION" ]; then
    local version; version="$(cat "$data/PG_VERSION")"
    local binversion; binversion="$("$bindir/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
    [ "$version" = "$binversion" ] ||
      die "the cluster in $dir is PostgreSQL $version but the server found in $bindir is $binversion; remove $dir to start afresh."
    if is_running; then
      local port; port="$(running_port)"
      say "the cluster in $dir is already running on port $port"
      url_for "$port"
      return 0
    fi
  else
    init_cluster
  fi
  [ -e "$log" ] || as_server touch "$log"

  # PGPORT_VANBAN: that port or nothing. Otherwise the port this cluster used last, then 54329, 54330, ...
  local ports=() p last
  if [ -n "${PGPORT_VANBAN:-}" ]; then
    ports=("$PGPORT_VANBAN")
  else
    last="$(sed -nE 's/^port = ([0-9]+)$/\1/p' "$data/vanban.conf" 2>/dev/null || true)"
    [ -z "$last" ] || ports+=("$last")
    for ((p = DEFAULT_PORT; p < DEFAULT_PORT + PORT_TRIES; p++)); do
      [ "$p" = "$last" ] || ports+=("$p")
    done
  fi

  local started=""
  for p in "${ports[@]}"; do
    if port_in_use "$p"; then
      say "port $p is in use"
      continue
    fi
    say "starting the cluster in $dir on 127.0.0.1:$p"
    if start_on "$p"; then started="$p"; break; fi
    say "port $p could not be bound"
  done
  if [ -z "$started" ]; then
    if [ -n "${PGPORT_VANBAN:-}" ]; then
      die "port $PGPORT_VANBAN (PGPORT_VANBAN) is taken; free it or set PGPORT_VANBAN to another port."
    fi
    die "no free port from $DEFAULT_PORT to $((DEFAULT_PORT + PORT_TRIES - 1)); set PGPORT_VANBAN to a free port."
  fi

  local i
  for ((i = 0; i < 60; i++)); do
    "$bindir/pg_isready" -q -h "$dir" -p "$started" -U "$DB_USER" -d postgres && break
    sleep 0.5
  done
  "$bindir/pg_isready" -q -h "$dir" -p "$started" -U "$DB_USER" -d postgres ||
    die "the server started but does not accept connections; see $log"

  # A cluster made elsewhere may lack the role: create it if we can reach a superuser named after the server user.
  if ! psql_admin "$started" -tAc 'SELECT 1' >/dev/null 2>&1; then
    "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$started" -U "$run_user" -d postgres \
      -c "CREATE ROLE $DB_USER SUPERUSER LOGIN" >&2 ||
      die "cannot connect as role $DB_USER and could not create it; remove $dir to start afresh."
  fi
  if [ "$(psql_admin "$started" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    say "creating database $DB_NAME"
    psql_admin "$started" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2 || die "could not create database $DB_NAME"
  fi
  url_for "$started"
}

case "$cmd" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url "$@" ;;
esac
