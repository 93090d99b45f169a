#!/usr/bin/env bash
# Installs what the test suite needs beyond Node 20 and npm, on Debian (as root), then the npm
# dependencies. Safe to run again: apt skips what is already there.
#   clang lld wasi-libc libclang-rt-dev-wasm32  build the C example generator (reactor convention)
#   docker-registry apache2-utils                a real OCI registry on 127.0.0.1, htpasswd for Basic auth
#   skopeo                                       an independent OCI client to cross-check pushes and pulls
#   openssl                                      certificates for the registry token server and TLS tests
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(clang lld wasi-libc libclang-rt-dev-wasm32 docker-registry apache2-utils skopeo openssl)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "the tests need these Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
