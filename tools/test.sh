#!/usr/bin/env bash
# All tests: install what is missing; build the libFuzzer target of the
# package reader and of the CAdES check with clang and run them briefly; then build uyum with warnings
# as errors and run ctest (unit tests, conformance self-test, fuzz-corpus
# replay). ctest's summary is the last line.
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install-deps.sh

CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DUY_BUILD_FUZZERS=ON -DUY_WERROR=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_pkg fuzz_cades
rm -rf build-fuzz/corpus build-fuzz/corpus-cades && mkdir -p build-fuzz/corpus build-fuzz/corpus-cades
cp harness/tests/fuzz/corpus_pkg/* vectors/samples/*.eyp* build-fuzz/corpus/
cp vectors/corpus/cades/*.p7s build-fuzz/corpus-cades/
./build-fuzz/harness/tests/fuzz_pkg -runs=3000 -max_len=200000 -timeout=20 build-fuzz/corpus 2>&1 | tail -n 2
./build-fuzz/harness/tests/fuzz_cades -runs=20000 -max_len=100000 -timeout=20 build-fuzz/corpus-cades 2>&1 | tail -n 1

cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DUY_WERROR=ON >/dev/null
cmake --build build-test -j"$(nproc)"
cd build-test && ctest --output-on-failure -j"$(nproc)"
