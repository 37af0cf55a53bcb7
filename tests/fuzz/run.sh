#!/usr/bin/env bash
# Runs fuzz targets side by side for a bounded time each, from their seeds,
# and fails when one finds a crash, a leak, a sanitizer report or a hang.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     TARGET: load query image escape cache
#
# The growing corpus and any crash inputs stay under BUILD_DIR/fuzz/ (never in
# the source tree); logs are BUILD_DIR/fuzz/<target>.log. To keep a crash as
# a regression, copy its input into tests/fuzz/regressions/<target>/ and add a
# test to the normal suite (see docs/reliability.md).
set -euo pipefail
build=$(cd "$1" && pwd) seconds=$2
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load query image escape cache)
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$build/fuzz
mkdir -p "$work/artifacts"

fuzz() {  # fuzz TARGET: one run; its exit status is the fuzzer's
  local t=$1 opts
  case $t in
    load)  opts=(-max_len=4096 -dict="$src/tests/fuzz/yaml.dict") ;;
    query) opts=(-max_len=1024) ;;
    image) opts=(-max_len=16384) ;;
    escape) opts=(-max_len=512) ;;
    cache) opts=(-max_len=512) ;;
    *) echo "unknown fuzz target '$t'" >&2; return 2 ;;
  esac
  # Fresh seeds per target, so runs of different targets can overlap.
  rm -rf "$work/seeds-$t"
  "$src/tests/fuzz/seeds.sh" "$src" "$build" "$work/seeds-$t" 2>/dev/null
  mkdir -p "$work/corpus/$t"
  nice -n 19 "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${opts[@]}" -artifact_prefix="$work/artifacts/$t-" \
    "$work/corpus/$t" "$work/seeds-$t/$t" > "$work/$t.log" 2>&1
}

echo "fuzzing ${targets[*]} for ${seconds}s each, side by side (logs: $work/<target>.log)" >&2
pids=()
for t in "${targets[@]}"; do
  fuzz "$t" &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  if wait "${pids[$i]}"; then
    echo "fuzz_$t: $(grep -E '^#[0-9]+.*DONE' "$work/$t.log" | tail -n 1 | sed 's/ *rss:.*//')" >&2
  else
    echo "fuzz_$t FAILED; the end of its log:" >&2
    tail -n 40 "$work/$t.log" >&2 || true
    status=1
  fi
done
exit $status
