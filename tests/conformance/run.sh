#!/usr/bin/env bash
# Conformance suite: starts `llama-workbench serve` on a free loopback port with a throwaway data
# folder, an --allow-files folder and a Hugging Face cache holding one tiny random model
# (make_tiny_model.py), then drives it with the official llama-stack-client SDK (node --test,
# *.test.mjs here), validating every answer against the Llama Stack OpenAPI specs.
#
#   tests/conformance/run.sh [PATH/TO/llama-workbench]
#
# Without an argument the binary is $WB_BUILD_DIR/app/llama-workbench (WB_BUILD_DIR defaults to
# build/ in the repository). The specs are read from $WB_SPEC_DIR, else ../shared/spec beside the
# repository. node_modules is installed with `npm ci` when missing. The server is always stopped on
# exit; the exit code is non-zero when any test fails or the server cannot be started.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="${1:-${WB_BUILD_DIR:-$repo/build}/app/llama-workbench}"

if [ ! -x "$bin" ]; then
  echo "conformance: llama-workbench binary not found at $bin (pass it as the first argument)" >&2
  exit 2
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "conformance: '$tool' is not on PATH" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wb-conformance.XXXXXX")
server_pid=""

cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "--- server log (last 40 lines) ---" >&2
    tail -n 40 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Dependencies: pinned by package-lock.json; offline-friendly when the npm cache has them.
if [ ! -d "$here/node_modules" ]; then
  echo "conformance: installing node_modules (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

mkdir -p "$tmp/data" "$tmp/allowed" "$tmp/outside"

# A tiny random Llama for the models and inference tests, in a Hugging Face cache of the server's
# own (HF_HOME below), so its id has the hub's org/name form. Standard-library Python only.
test_model="wb-test/tiny-llama"
model_repo="$tmp/hf/hub/models--wb-test--tiny-llama"
mkdir -p "$model_repo/refs"
printf 'c0ffee' >"$model_repo/refs/main"
python3 "$here/make_tiny_model.py" "$model_repo/snapshots/c0ffee"

free_port() {
  node -e 'const s = require("net").createServer();
           s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Waits until GET /v1/health answers 200, or the server exits, or 30 s pass.
wait_healthy() {
  local url=$1 pid=$2
  node - "$url" "$pid" <<'EOF'
const [url, pid] = process.argv.slice(2);
const deadline = Date.now() + 30_000;
(async () => {
  while (Date.now() < deadline) {
    try { process.kill(Number(pid), 0); } catch { process.exit(3); }   // the server exited
    try {
      const res = await fetch(url + '/v1/health');
      if (res.status === 200) process.exit(0);
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.exit(4);
})();
EOF
}

# A free port can be taken between choosing and binding it: retry a few times.
base_url=""
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  QT_LOGGING_RULES="wb.server.info=false" HF_HOME="$tmp/hf" HF_HUB_CACHE= WB_MODEL_PATH= \
    "$bin" serve --host 127.0.0.1 --port "$port" --data-dir "$tmp/data" \
      --allow-files "$tmp/allowed" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  if wait_healthy "http://127.0.0.1:$port" "$server_pid"; then
    base_url="http://127.0.0.1:$port"
    break
  fi
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "conformance: server did not come up on port $port (attempt $attempt)" >&2
  cat "$tmp/server.log" >&2 || true
done
[ -n "$base_url" ] || { echo "conformance: could not start the server" >&2; exit 1; }
echo "conformance: $bin serving on $base_url"

cd "$here"
rc=0
WB_BASE_URL="$base_url" WB_ALLOW_DIR="$tmp/allowed" WB_OUTSIDE_DIR="$tmp/outside" \
  WB_TEST_MODEL="$test_model" node --test --test-reporter=spec || rc=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "conformance: the server exited during the tests" >&2
  exit 1
fi
exit "$rc"
