#!/usr/bin/env bash
# tpx as a sub-project: configure tests/subproject (which add_subdirectory's
# the tpx source tree), build only its consumer program, and check that it
# answers from the built-in KB and that tpx installed nothing of its own.
# Usage: subproject_test.sh CMAKE TPX_SOURCE_DIR GENERATOR CXX_COMPILER [MAKE_PROGRAM [FLAGS [LAUNCHER]]]
set -u
cmake=$1
source_dir=$2
generator=$3
cxx=$4
make_program=${5:-}
flags=${6:-}
launcher=${7:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# No build type: unoptimised, the quickest to compile; the test checks wiring, not speed.
args=(-S "$source_dir/tests/subproject" -B "$tmp/build" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx"
      -DTPX_SOURCE_DIR="$source_dir" "-DCMAKE_CXX_FLAGS=$flags"
      "-DCMAKE_EXE_LINKER_FLAGS=$flags" -DCMAKE_INSTALL_PREFIX="$tmp/prefix")
[[ -n $make_program ]] && args+=(-DCMAKE_MAKE_PROGRAM="$make_program")
[[ -n $launcher ]] && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")
if ! "$cmake" "${args[@]}" > "$tmp/configure.log" 2>&1; then
    cat "$tmp/configure.log" >&2
    echo "FAIL: configuring a project that add_subdirectory's tpx" >&2
    exit 1
fi
if ! "$cmake" --build "$tmp/build" --target tpx_consumer > "$tmp/build.log" 2>&1; then
    tail -n 40 "$tmp/build.log" >&2
    echo "FAIL: building tpx_consumer against tpx as a sub-project" >&2
    exit 1
fi
failures=0
top=$("$tmp/build/tpx_consumer" 2> "$tmp/stderr")
[[ $top == trapezius ]] || { echo "FAIL: the sub-project consumer answered '$top', not trapezius" >&2; failures=$((failures + 1)); }
grep -q "the built-in KB" "$tmp/stderr" || { echo "FAIL: the consumer did not use the built-in KB" >&2; failures=$((failures + 1)); }
# TPX_INSTALL is off: installing the parent project installs nothing of tpx.
"$cmake" --install "$tmp/build" > "$tmp/install.log" 2>&1
if [[ -e $tmp/prefix/bin/tpx || -d $tmp/prefix/include/tpx ]]; then
    echo "FAIL: tpx installed its files although it is a sub-project (TPX_INSTALL should default to OFF)" >&2
    failures=$((failures + 1))
fi
[[ -e $tmp/build/tpx/tpx.1 ]] && { echo "FAIL: the sub-project generated tpx's man page" >&2; failures=$((failures + 1)); }
[[ $failures -eq 0 ]] && echo "ok: tpx_consumer built with tpx as a sub-project answers trapezius"
exit $((failures > 0))
