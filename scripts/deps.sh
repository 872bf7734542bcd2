#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Encuentro needs on Debian 12, and nothing
# when it is there. As root it runs apt-get; otherwise it prints the exact command to run and fails.
#   scripts/deps.sh          the server and the web client's build
#   scripts/deps.sh --test   also what the tests need (Debian's chromium for the browser tests)
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-url1.81-dev
  nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev libssl-dev
  doctest-dev
  python3-jsonschema
  openssl  # the TLS tests make a certificate with it (config/README.md too)
)
# The web client builds with Node.js 18 or later and npm: Debian's nodejs (18) when no node is on
# PATH (a newer one installed otherwise is used as it is).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
# The browser tests drive Debian's Chromium (never a downloaded browser); scripts/sanitize.sh
# builds with clang and its sanitizer and libFuzzer runtimes.
if [ "${1:-}" = "--test" ]; then packages+=(chromium fonts-dejavu-core clang libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Encuentro needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
