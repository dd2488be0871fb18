#!/usr/bin/env bash
# PostgreSQL 15 for the tests of the PostgreSQL store: installs Debian's
# postgresql, starts a throwaway cluster on 127.0.0.1:${DOSSIER_PG_PORT:-54329}
# (data in /tmp, owned by the postgres user, trust authentication on
# loopback only) and prints the URL the tests read as DOSSIER_TEST_PG.
# Idempotent: a cluster already answering is left as it is.
set -euo pipefail
port=${DOSSIER_PG_PORT:-54329}
data=${DOSSIER_PG_DATA:-/tmp/dossier-pg-$port}
url="postgres://postgres@127.0.0.1:$port/postgres"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if ! as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_pg "$bin/initdb" -D "$data" -A trust -U postgres >/dev/null
  fi
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=off" start >/dev/null
fi
echo "$url"
