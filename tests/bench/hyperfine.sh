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
# 10,000 queries of one to three phrases drawn with a fixed seed (the same
# file every run) from what people type: the built-in KB's area, symptom and
# condition labels and some everyday wording.
{ "$tpx" list areas; "$tpx" list symptoms; "$tpx" list conditions; } | cut -f2 > "$work/phrases.txt"
cat >> "$work/phrases.txt" <<'PHRASES'
burning between my shoulder blades
stiff neck when I wake up
headache behind my eyes
pain at the top of my shoulder
my lower back aches after sitting
sharp pain in the heel in the morning
knee hurts going down stairs
tingling in my fingers
sore jaw when chewing
pain on the outside of my elbow
tight hamstrings
ache deep in my buttock
pain in the arch of my foot
shoulder hurts when I lift my arm
tension headache at the temples
my hip hurts when I lie on my side
pain under my kneecap
neck pain from looking at my phone
sore calves after running
wrist pain from typing
groin pain
ache in my upper arm
pain between my ribs
numb thumb
chest pain when I climb stairs
headache and fever
my back hurts at night
pain down the back of my leg
tennis elbow
stiff upper back
PHRASES
awk 'BEGIN { srand(13) } { l[NR] = tolower($0) }
     END { for (i = 0; i < 10000; i++) { n = 1 + int(rand() * 3); s = "";
           for (j = 0; j < n; j++) s = s (j ? "; " : "") l[1 + int(rand() * NR)]; print s } }' \
  "$work/phrases.txt" > "$work/queries.txt"
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
echo "## Start-up and --each (one hyperfine run, side by side)"
echo
echo "The floor (a static C hello world), tpx without a query, queries on the built-in KB, and --each"
echo "over the 10,000-line file, all in one hyperfine run so the ratios hold on a busy machine. --each"
echo "runs through sh -c for its redirection (hyperfine -N runs no shell): sh's own start, about one"
echo "hello world, is in those figures."
echo
hyperfine -N --warmup 5 --runs 50 --export-markdown "$work/startup.md" --export-json "$work/startup.json" \
  -n "static C hello world" "$hello" \
  -n "tpx --version" "$tpx --version" \
  -n "tpx --help" "$tpx --help" \
  -n "tpx where temple \"top of shoulder\"" "$tpx where temple 'top of shoulder'" \
  -n "tpx where temple \"top of shoulder\" --format json" "$tpx where temple 'top of shoulder' --format json" \
  -n "tpx where --kb kb-10000.tpxi (10,000 muscles, compiled file)" "$tpx where '$phrase' --kb $work/kb-10000.tpxi" \
  -n "where --each --format json, 10,000 lines" "sh -c '$tpx where --each --format json < $work/queries.txt 2>/dev/null'" \
  -n "where --each --format tsv, 10,000 lines" "sh -c '$tpx where --each --format tsv < $work/queries.txt 2>/dev/null'" \
  -n "where --each (text), 10,000 lines" "sh -c '$tpx where --each < $work/queries.txt 2>/dev/null'" >&2
cat "$work/startup.md"
echo
echo "| command | median | min | × hello world (median) | × hello world (min) | × tpx --version (median) |"
echo "|:---|---:|---:|---:|---:|---:|"
jq -r '(.results[0]) as $hello | (.results[1].median) as $version | .results[] | select(.command | test("--each") | not) |
  "| \(.command) | \(.median * 1000 | . * 100 | round / 100) ms | \(.min * 1000 | . * 100 | round / 100) ms | \(.median / $hello.median | . * 100 | round / 100) | \(.min / $hello.min | . * 100 | round / 100) | \(.median / $version | . * 100 | round / 100) |"' \
  "$work/startup.json"
echo
echo "| command | median | min | queries per second (median) | (min) |"
echo "|:---|---:|---:|---:|---:|"
jq -r '.results[] | select(.command | test("--each")) |
  "| \(.command) | \(.median * 1000 | round) ms | \(.min * 1000 | round) ms | \(10000 / .median | round) | \(10000 / .min | round) |"' \
  "$work/startup.json"
echo
echo "Instructions (callgrind, whole process; exact, unaffected by other load):"
echo
if command -v valgrind >/dev/null; then
  instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*refs: *//p'; }
  head -1000 "$work/queries.txt" > "$work/queries-1000.txt"
  echo "| run | instructions |"
  echo "|:---|---:|"
  echo "| static C hello world | $(instr "$hello") |"
  echo "| tpx --version | $(instr "$tpx" --version) |"
  echo "| tpx --help | $(instr "$tpx" --help) |"
  echo "| tpx where temple \"top of shoulder\" | $(instr "$tpx" where temple 'top of shoulder') |"
  echo "| the same, --format json | $(instr "$tpx" where temple 'top of shoulder' --format json) |"
  for f in json tsv text; do
    echo "| where --each --format $f, first 1,000 lines | $(instr "$tpx" where --each --format $f < "$work/queries-1000.txt") |"
  done
else
  echo "(valgrind is not installed: apt-get install valgrind)"
fi
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
