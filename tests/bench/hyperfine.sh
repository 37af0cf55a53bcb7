#!/usr/bin/env bash
# Times whole tpx processes with hyperfine and reports peak memory: the
# figures in docs/performance.md. Start-up is timed against a static C hello
# world in the same hyperfine run, so the ratios hold on a busy machine even
# when the milliseconds do not. Run from the repository root after a build:
#
#   tests/bench/hyperfine.sh [BUILD_DIR]     (default: build)
#
# Synthetic KBs of 1,000 and 10,000 muscles are generated once with
# tpx-synth under $TPX_BENCH_DIR (default /tmp/tpx-bench); the cache used for
# the --kb runs lives there too, never in your own ~/.cache.
set -euo pipefail
build=${1:-build}
tpx=$(realpath "$build/tpx")
hello=$(realpath "$build/tests/tpx-hello")
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
# The 10,000-muscle KB compiled once into a file, opened with --kb FILE.
"$tpx" compile "$work/kb-10000" -o "$work/kb-10000.tpxi" 2>/dev/null
# 10,000 queries of one to three phrases, the built-in KB's own area and
# symptom labels, drawn with a fixed seed: the same file every run.
{ "$tpx" list areas; "$tpx" list symptoms; } | cut -f2 |
  awk 'BEGIN { srand(13) } { l[NR] = tolower($0) }
       END { for (i = 0; i < 10000; i++) { n = 1 + int(rand() * 3); s = "";
             for (j = 0; j < n; j++) s = s (j ? "; " : "") l[1 + int(rand() * NR)]; print s } }' > "$work/queries.txt"
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
echo "## Start-up: the floor, tpx without a query, queries (one hyperfine run, side by side)"
echo
hyperfine -N --warmup 20 --runs 300 --export-markdown "$work/startup.md" --export-json "$work/startup.json" \
  -n "static C hello world" "$hello" \
  -n "tpx --version" "$tpx --version" \
  -n "tpx --help" "$tpx --help" \
  -n "tpx where temple \"top of shoulder\"" "$tpx where temple 'top of shoulder'" \
  -n "tpx where temple \"top of shoulder\" --format json" "$tpx where temple 'top of shoulder' --format json" \
  -n "tpx where --kb kb-10000.tpxi (10,000 muscles, compiled file)" "$tpx where '$phrase' --kb $work/kb-10000.tpxi" >&2
cat "$work/startup.md"
echo
echo "| command | median | × hello world | × tpx --version |"
echo "|:---|---:|---:|---:|"
jq -r '(.results[0].median) as $hello | (.results[1].median) as $version | .results[] |
  "| \(.command) | \(.median * 1000 | . * 100 | round / 100) ms | \(.median / $hello | . * 100 | round / 100) | \(.median / $version | . * 100 | round / 100) |"' \
  "$work/startup.json"
echo
echo "## Many queries in one process: where --each over 10,000 lines of 1 to 3 phrases"
echo
# Through a shell, for the redirection (hyperfine subtracts the shell's own start).
hyperfine --warmup 1 --runs 10 --export-markdown "$work/each.md" --export-json "$work/each.json" \
  -n "where --each --format json" "$tpx where --each --format json < $work/queries.txt 2>/dev/null" \
  -n "where --each --format tsv" "$tpx where --each --format tsv < $work/queries.txt 2>/dev/null" >&2
cat "$work/each.md"
echo
echo "| command | median | queries per second |"
echo "|:---|---:|---:|"
jq -r '.results[] | "| \(.command) | \(.median * 1000 | round) ms | \(10000 / .median | round) |"' "$work/each.json"
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
echo "| --kb kb-10000.tpxi (compiled file) | $(peak_kb "$tpx" where "$phrase" --kb "$work/kb-10000.tpxi") KiB |"
echo "| where --each --format json, 10,000 lines | $(peak_kb sh -c "\"$tpx\" where --each --format json < $work/queries.txt 2>/dev/null") KiB |"
"$tpx" cache clear 2>/dev/null
echo "| cold, 10,000 muscles | $(peak_kb "$tpx" where "$phrase" --kb "$work/kb-10000") KiB |"
