#!/usr/bin/env bash
# Regenerates uyum's signed vectors (TEST ONLY material) in one command:
#   1. builds the two generators (uy-pki, uy-corpus) with cmake;
#   2. uy-pki    : vectors/pki/pki.xml + vectors/pki/keys -> vectors/pki/out
#   3. uy-corpus : vectors/pki + vectors/corpus/inputs + vectors/samples -> vectors/corpus
# Everything is made in C on the OpenSSL 3 API; nothing here calls the openssl CLI.
# RSA PKCS#1 v1.5 files come out byte-identical; ECDSA/PSS/ECDH ones differ on every run.
#
# Usage: tools/make-vectors.sh [--keys-existing]
#   --keys-existing  fail instead of generating a key for a role that has none yet
#                    (without it, a new role's TEST ONLY key is written to vectors/pki/keys).
# Environment: UY_BUILD_DIR (default: build-vectors), UY_BUILD_TYPE (default: Release,
# used only when that folder is configured for the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

keys_flag=()
for arg in "$@"; do
	case "$arg" in
	--keys-existing) keys_flag=(--keys-existing) ;;
	-h | --help)
		sed -n '2,15p' "$0"
		exit 0
		;;
	*)
		echo "make-vectors.sh: unknown argument: $arg" >&2
		exit 2
		;;
	esac
done

build=${UY_BUILD_DIR:-build-vectors}
if [ ! -f "$build/CMakeCache.txt" ]; then
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${UY_BUILD_TYPE:-Release}" >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target uy-pki uy-corpus

"$build/tools/uy-pki" --spec vectors/pki/pki.xml --keys vectors/pki/keys --out vectors/pki/out \
	${keys_flag[@]+"${keys_flag[@]}"}
"$build/tools/uy-corpus" --out vectors/corpus --inputs vectors/corpus/inputs --pki vectors/pki \
	--samples vectors/samples
echo "make-vectors.sh: regenerated vectors/pki/out and vectors/corpus; commit both folders"
