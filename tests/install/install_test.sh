#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then use what it installed the
# way a user and another project would: the installed tpx answers a query,
# its KB sources pass tpx check, and a one-file CMake project finds tpx with
# find_package, links tpx::core and tpx::printer (with no JSON library to
# be found) and gets the same answer from the installed KB through the
# public API.
# Usage: install_test.sh CMAKE BUILD_DIR CONSUMER_SOURCE_DIR GENERATOR CXX_COMPILER [MAKE_PROGRAM [FLAGS]]
# FLAGS: compiler and linker flags the consumer needs to link the installed
# library, such as the sanitizer flags of a TPX_SANITIZE build.
set -u
cmake=$1
build=$2
consumer=$3
generator=$4
cxx=$5
make_program=${6:-}
flags=${7:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
export XDG_CACHE_HOME=$tmp/cache
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

if ! "$cmake" --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    echo "FAIL: cmake --install $build --prefix $prefix" >&2
    exit 1
fi

for f in bin/tpx share/man/man1/tpx.1.gz share/bash-completion/completions/tpx share/zsh/site-functions/_tpx \
    share/fish/vendor_completions.d/tpx.fish share/tpx/kb/muscles/trapezius.yaml include/tpx/rank.h include/tpx/printer.h \
    include/tpx/version.h; do
    [[ -s $prefix/$f ]] || fail "$f was not installed"
done
config=$(find "$prefix" -name tpxConfig.cmake -print -quit)
[[ -n $config ]] || fail "tpxConfig.cmake was not installed"
[[ -n $(find "$prefix" -name tpxConfigVersion.cmake -print -quit) ]] || fail "tpxConfigVersion.cmake was not installed"
for lib in libtpx_core.a libtpx_printer.a libtpx_kb.a; do
    [[ -n $(find "$prefix" -name "$lib" -print -quit) ]] || fail "$lib was not installed"
done

# The installed binary, with its built-in KB and with the installed sources.
top=$("$prefix/bin/tpx" where temple "top of shoulder" --format ids | head -n 1)
[[ $top == trapezius ]] || fail "installed tpx: temple + top of shoulder gives '$top', not trapezius"
"$prefix/bin/tpx" check "$prefix/share/tpx/kb" > /dev/null 2>&1 || fail "tpx check rejects the installed KB"
top=$("$prefix/bin/tpx" --kb "$prefix/share/tpx/kb" where temple "top of shoulder" --format ids | head -n 1)
[[ $top == trapezius ]] || fail "installed tpx --kb share/tpx/kb: gives '$top', not trapezius"
cmp -s "$prefix/share/bash-completion/completions/tpx" <("$prefix/bin/tpx" completion bash) ||
    fail "the installed bash completion differs from tpx completion bash"

# A consumer project, built against the prefix alone.
# nlohmann-json is hidden: the JSON printer is used header-only inside tpx.
args=(-S "$consumer" -B "$tmp/consumer" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx"
      -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON)
[[ -n $make_program ]] && args+=(-DCMAKE_MAKE_PROGRAM="$make_program")
[[ -n $flags ]] && args+=(-DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags")
if ! "$cmake" "${args[@]}" > "$tmp/consumer.log" 2>&1 || ! "$cmake" --build "$tmp/consumer" >> "$tmp/consumer.log" 2>&1; then
    cat "$tmp/consumer.log" >&2
    fail "the consumer project does not configure and build against the installed tpx"
else
    top=$("$tmp/consumer/tpx_consumer")
    [[ $top == trapezius ]] || fail "consumer, built-in KB: temple + top of shoulder gives '$top', not trapezius"
    top=$("$tmp/consumer/tpx_consumer" "$prefix/share/tpx/kb")
    [[ $top == trapezius ]] || fail "consumer, installed YAML: temple + top of shoulder gives '$top', not trapezius"
fi

if ((failures)); then
    echo "$failures install check(s) failed" >&2
    exit 1
fi
echo "install: all checks passed"
