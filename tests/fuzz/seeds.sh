#!/usr/bin/env bash
# Builds the seed corpora for the fuzz targets from files already in the
# repository, so no corpus needs committing:
#   load/   every kb/ and tests/data YAML file, with the "# file: <rel>" header
#           fuzz_load reads, plus tests/fuzz/regressions/load/*
#   query/  the acceptance phrases (tests/acceptance/cases.tsv), one case per
#           file, one phrase per line, plus tests/fuzz/regressions/query/*
#   image/  the compiled kb.tpxi and a small KB's image, plus
#           tests/fuzz/regressions/image/*
#   escape/ the query seeds and a few escape sequences, plus
#           tests/fuzz/regressions/escape/*
#   cache/  short operation programs for fuzz_cache (see fuzz_cache.cc), plus
#           tests/fuzz/regressions/cache/*
#
#   tests/fuzz/seeds.sh SOURCE_DIR BUILD_DIR OUT_DIR
set -euo pipefail
src=$1 build=$2 out=$3
mkdir -p "$out/load" "$out/query" "$out/image" "$out/escape" "$out/cache"

n=0
add_yaml() {  # add_yaml FILE REL
  n=$((n + 1))
  { printf '# file: %s\n' "$2"; cat "$1"; } > "$out/load/seed-$n.yaml"
}
for kb in "$src/kb" "$src"/tests/data/kb-*; do
  while IFS= read -r f; do
    rel=${f#"$kb"/}
    case $rel in
      muscles/*) add_yaml "$f" "muscles/trapezius.yaml" ;;
      areas/*)   add_yaml "$f" "areas/more.yaml" ;;
      *)         add_yaml "$f" "$rel" ;;
    esac
  done < <(find "$kb" -name '*.yaml' | sort)
done

n=0
grep -v '^#' "$src/tests/acceptance/cases.tsv" | cut -f2 | while IFS= read -r phrases; do
  [ -n "$phrases" ] || continue
  n=$((n + 1))
  printf '%s\n' "$phrases" | sed 's/ | /\n/g' > "$out/query/case-$n.txt"
done

cp "$build/kb.tpxi" "$out/image/kb.tpxi"
if [ -x "$build/tpx-kbc" ]; then
  "$build/tpx-kbc" "$src/tests/data/kb-small" "$out/image/kb-small.tpxi" >/dev/null 2>&1 || true
fi

cp "$out"/query/* "$out/escape/" 2>/dev/null || true
printf '\033[31mred\033[0m\n' > "$out/escape/sgr"
printf '\033]0;title\007 \302\233 \342\200\256 \xff\xfe tab\tcr\r' > "$out/escape/mixed"

# fuzz_cache: op bytes (0 edit in place, 1 edit by rename, 2 add, 3 remove,
# 4 truncate, 5 overwrite, 6 replace, 7 plant, 8 another image, 9 query).
printf '\011\000\006\040\101\011' > "$out/cache/edit-in-place"
printf '\011\001\007\100\102\011' > "$out/cache/edit-renamed"
printf '\011\002\001\011\003\000\011' > "$out/cache/add-remove"
printf '\011\004\003\011' > "$out/cache/truncate"
printf '\011\005\002\003XYZ\011' > "$out/cache/overwrite"
printf '\011\006\004TPXKBIMG\007\000\000\000\011' > "$out/cache/replace"
printf '\011\007\000\011\007\001\011\007\002\011\007\003\011' > "$out/cache/plant"
printf '\011\010\001\011\010\000\011' > "$out/cache/other-image"

for t in load query image escape cache; do
  if [ -d "$src/tests/fuzz/regressions/$t" ]; then
    cp "$src/tests/fuzz/regressions/$t"/* "$out/$t/" 2>/dev/null || true
  fi
done
echo "seeds: $(ls "$out/load" | wc -l) load, $(ls "$out/query" | wc -l) query, $(ls "$out/image" | wc -l) image," \
  "$(ls "$out/escape" | wc -l) escape, $(ls "$out/cache" | wc -l) cache" >&2
