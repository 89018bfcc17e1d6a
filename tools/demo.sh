#!/usr/bin/env bash
# The main job on its built-in default: install what is missing, build uyum,
# check the sample packages shipped in vectors/samples (reports in
# reports/samples/), then the signed packages of vectors/corpus with their
# signatures validated against the test PKI (reports in reports/corpus/).
# Exits 0 when uyum gave a verdict on every
# package (whatever the verdicts are), 2 on a harness or build error.
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DUY_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target uyum >/dev/null

verdicts_given() {
	case "$1" in
	0 | 1 | 3) return 0 ;;
	*) return 1 ;;
	esac
}

set +e
./build/harness/uyum check --report-dir reports/samples vectors/samples
rc=$?
set -e
if ! verdicts_given "$rc"; then
	echo "demo: uyum failed with exit status $rc" >&2
	exit 2
fi
echo "demo: verdicts given (uyum exit status $rc); open reports/samples/uyum-report.html"

# The signed packages of the corpus, with their signatures and seals validated against the
# repository's TEST-ONLY PKI at the corpus validation time (valid and broken ones).
set +e
./build/harness/uyum check -q --trust vectors/pki/out/root-rsa.cert.pem \
	--at 2027-06-01T12:00:00Z --report-dir reports/corpus vectors/corpus/eyp
rc=$?
set -e
if ! verdicts_given "$rc"; then
	echo "demo: uyum failed on the signed corpus with exit status $rc" >&2
	exit 2
fi
echo "demo: signed corpus checked (uyum exit status $rc); open reports/corpus/uyum-report.html"
exit 0
