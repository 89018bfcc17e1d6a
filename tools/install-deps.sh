#!/usr/bin/env bash
# Install what uyum needs to build and test, from Debian packages only.
# Idempotent and non-interactive: packages already present are not touched.
set -euo pipefail

pkgs=(build-essential cmake pkg-config git
      libssl-dev libxml2-dev libxmlsec1-dev libpcsclite-dev check libcsv-dev libzip-dev libcurl4-openssl-dev
      clang libclang-rt-14-dev)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-deps: all packages present"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
