#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (see README):
#   scripts/workbench.sh run    install what is needed, build, start the workbench
#   scripts/workbench.sh test   install what is needed, build, run the whole test suite
# Both are idempotent: packages already installed are not reinstalled, the build is incremental.
# `test` also starts a throwaway PostgreSQL server (its own temp folder and port, stopped and
# removed on exit) so the store tests run on PostgreSQL too (WB_TEST_POSTGRES_URL). `run` never
# starts PostgreSQL.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${WB_BUILD_DIR:-$here/build}"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev libegl-dev libxkbcommon-dev
  libvulkan-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql libqt6svg6-dev
  qt6-qpa-plugins nlohmann-json3-dev libquazip1-qt6-dev qtkeychain-qt6-dev
  libtorch-dev libopenblas0-pthread libstemmer-dev
  python3 python3-pandas python3-openpyxl python3-torch
  wrk python3-fastapi python3-uvicorn
)
# Node.js and npm run the SDK conformance suite (tests/conformance). Debian's packages only when no
# `node` is on PATH already: a newer Node.js installed some other way is kept, not replaced.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
test_packages=(postgresql)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

# --- throwaway PostgreSQL for `test` ---------------------------------------------------------
pg_dir=""
pg_bin=""

# Runs a command as the cluster's owner: the `postgres` user when we are root (the server refuses
# to run as root), else ourselves.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

stop_test_postgres() {
  [ -n "$pg_dir" ] || return 0
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
  pg_dir=""
}

start_test_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2
    return 1
  fi
  pg_dir=$(mktemp -d /tmp/wb-test-postgres.XXXXXX)
  trap stop_test_postgres EXIT
  trap 'exit 130' INT TERM
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_dir" # mktemp made it 0700 and root's
  fi
  # A free port, so parallel runs and a system server on 5432 do not collide.
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "Starting a throwaway PostgreSQL ($pg_bin) on 127.0.0.1:$port in $pg_dir"
  as_pg_user "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-k $pg_dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
  as_pg_user "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres wbtest
  export WB_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/wbtest"
}

build_all() {
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$build" --parallel "$(nproc)"
}

case "${1:-}" in
  run)
    install_packages "${packages[@]}"
    build_all
    shift
    exec "$build/app/llama-workbench" "$@"
    ;;
  test)
    install_packages "${packages[@]}" "${test_packages[@]}"
    build_all
    start_test_postgres
    cd "$build"
    ctest --output-on-failure --timeout 600 -j "$(nproc)"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
