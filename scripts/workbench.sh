#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (see README):
#   scripts/workbench.sh run    install what is needed, build, start the workbench
#   scripts/workbench.sh test   install what is needed, build, run the whole test suite
# Both are idempotent: packages already installed are not reinstalled, the build is incremental.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${WB_BUILD_DIR:-$here/build}"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev libegl-dev libxkbcommon-dev
  libvulkan-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql libqt6svg6-dev
  qt6-qpa-plugins nlohmann-json3-dev libquazip1-qt6-dev
  python3 python3-pandas python3-openpyxl
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

build_all() {
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$build" --parallel "$(nproc)"
}

case "${1:-}" in
  run)
    install_packages
    build_all
    shift
    exec "$build/app/llama-workbench" "$@"
    ;;
  test)
    install_packages
    build_all
    cd "$build"
    ctest --output-on-failure --timeout 600 -j "$(nproc)"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
