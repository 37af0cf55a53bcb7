#!/usr/bin/env bash
# Times whole tpx processes with hyperfine and reports peak memory: the
# figures in docs/performance.md. Run from the repository root after a build:
#
#   tests/bench/hyperfine.sh [BUILD_DIR]     (default: build)
#
# Synthetic KBs of 1,000 and 10,000 muscles are generated once with
# tpx-synth under $TPX_BENCH_DIR (default /tmp/tpx-bench); the cache used for
# the --kb runs lives there too, never in your own ~/.cache.
set -euo pipefail
build=${1:-build}
tpx=$(realpath "$build/tpx")
synth=$(realpath "$build/tests/tpx-synth")
key=$(realpath "$build/tests/tpx-key")
work=${TPX_BENCH_DIR:-/tmp/tpx-bench}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache"
for n in 1000 10000; do
  [ -d "$work/kb-$n/muscles" ] || "$synth" "$n" "$work/kb-$n"
done
# A phrase the synthetic KB knows: the first alias of its first area.
phrase=$(grep -m1 'aliases:' "$work/kb-1000/areas.yaml" | sed 's/.*\["\([^"]*\)".*/\1/')

medians() {  # NAME: the medians of one hyperfine JSON export, in ms
  jq -r '.results[] | "| \(.command) | \(.median * 1000 | . * 10 | round / 10) ms |"' "$work/$1.json"
}

peak_kb() {  # peak resident memory of one run, in KiB (GNU time's %M; a
            # Python parent would count its own pre-exec pages in the child)
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
}

echo "## Machine"
echo
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo
echo "## Start-up and the embedded KB (one hyperfine run, side by side)"
echo
hyperfine -N --warmup 10 --runs 100 --export-markdown "$work/startup.md" --export-json "$work/startup.json" \
  -n "tpx --version" "$tpx --version" \
  -n "tpx where temple \"top of shoulder\"" "$tpx where temple 'top of shoulder'" >&2
cat "$work/startup.md"
echo
echo "| command | median |"
echo "|:---|---:|"
medians startup
echo
echo "## --kb on synthetic KBs: cold (compile, cache cleared before each run)"
echo
hyperfine -N --runs 5 --prepare "$tpx cache clear" --export-markdown "$work/cold.md" --export-json "$work/cold.json" \
  -n "cold, 1,000 muscles" "$tpx where '$phrase' --kb $work/kb-1000" \
  -n "cold, 10,000 muscles" "$tpx where '$phrase' --kb $work/kb-10000" >&2
cat "$work/cold.md"
echo
echo "| command | median |"
echo "|:---|---:|"
medians cold
echo
echo "## --kb on synthetic KBs: warm (image mapped from the cache)"
echo
echo "Beside each warm query: tpx-key, a process that only computes the cache key (lists and stats"
echo "every file, what a warm query must do before it may trust an image), and find(1) doing the same"
echo "listing and stats."
echo
"$tpx" where "$phrase" --kb "$work/kb-1000" >/dev/null
"$tpx" where "$phrase" --kb "$work/kb-10000" >/dev/null
hyperfine -N --warmup 5 --runs 50 --export-markdown "$work/warm.md" --export-json "$work/warm.json" \
  -n "warm, 1,000 muscles" "$tpx where '$phrase' --kb $work/kb-1000" \
  -n "key only, 1,000 muscles" "$key $work/kb-1000" \
  -n "find, 1,000 muscles" "find $work/kb-1000 -name *.yaml -printf '%s %T@\n'" \
  -n "warm, 10,000 muscles" "$tpx where '$phrase' --kb $work/kb-10000" \
  -n "key only, 10,000 muscles" "$key $work/kb-10000" \
  -n "find, 10,000 muscles" "find $work/kb-10000 -name *.yaml -printf '%s %T@\n'" >&2
cat "$work/warm.md"
echo
echo "| command | median |"
echo "|:---|---:|"
medians warm
echo
echo "## Peak memory (max resident set)"
echo
echo "| run | peak RSS |"
echo "|:---|---:|"
echo "| tpx where temple \"top of shoulder\" (embedded) | $(peak_kb "$tpx" where temple 'top of shoulder') KiB |"
echo "| warm, 10,000 muscles | $(peak_kb "$tpx" where "$phrase" --kb "$work/kb-10000") KiB |"
"$tpx" cache clear 2>/dev/null
echo "| cold, 10,000 muscles | $(peak_kb "$tpx" where "$phrase" --kb "$work/kb-10000") KiB |"
