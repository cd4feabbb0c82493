# A throwaway PostgreSQL cluster for the team-store tests, sourced by .ci/run: Debian's postgresql is installed when
# missing, initdb runs in a temporary directory (as the postgres system user when we are root: initdb refuses root),
# the server listens on 127.0.0.1 only, on a random free port, with a random password, and is torn down at exit.
# ZOS_TEST_DATABASE is the admin connection the xunit and Pester database tests read.

start_test_postgres() { # $1: a directory for the install log
  local port attempt
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "postgresql is not installed: apt-get install postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >"$1/apt-postgresql.txt" 2>&1 \
      || { tail -n 20 "$1/apt-postgresql.txt"; return 1; }
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/zos-ci-pg-XXXXXX)
  PG_RUN=()
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$PG_DIR"
    PG_RUN=(runuser -u postgres --)
  fi
  chmod 700 "$PG_DIR"
  local password
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
  (umask 077; printf '%s\n' "$password" >"$PG_DIR/pw")
  [ "$(id -u)" -ne 0 ] || chown postgres "$PG_DIR/pw"
  "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U zos_ci --pwfile="$PG_DIR/pw" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 >"$PG_DIR/initdb.txt" 2>&1 || { cat "$PG_DIR/initdb.txt"; return 1; }
  rm -f "$PG_DIR/pw"
  for attempt in 1 2 3 4 5; do
    port=$(shuf -i 20000-60000 -n 1)
    if "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
         -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null 2>&1; then
      export ZOS_TEST_DATABASE="postgres://zos_ci:$password@127.0.0.1:$port/postgres"
      echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DIR)"
      return 0
    fi
  done
  tail -n 20 "$PG_DIR/server.log"
  return 1
}

stop_test_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
