#!/usr/bin/env bash
# Golden tests: the text tpx prints for a person, at 80 and 120 columns,
# compared byte for byte with tests/golden/expected/NAME.txt, one transcript
# per case of tests/golden/cases.txt:
#
#   $ tpx ARGS...
#   <stdout>
#   [stderr]          (only when something was written to stderr)
#   <stderr>
#   [exit N]
#
#   tests/golden/update.sh [BUILD_DIR]       build tpx in BUILD_DIR (default: build) and rewrite every
#                                            transcript; `git diff tests/golden` shows what changed
#   tests/golden/update.sh --check TPX [NAME...]
#                                            what ctest runs (golden.NAME): fail with a unified diff when a
#                                            transcript differs, and when a layout rule is broken
#   tests/golden/update.sh --check-files     every case has a transcript and every transcript a case
#   tests/golden/update.sh --self-test       the layout rules catch what they are meant to catch
#
# The layout rules, checked on stdout whatever the transcript says: no line
# wider than --width N (or the case's width=N) columns; at most N lines
# (lines<=N); no protocol step printed twice (unless steps-repeat).
set -uo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$dir/../.." && pwd)
regenerate="tests/golden/update.sh build"

# Columns are characters: count them in a UTF-8 locale.
export LC_ALL=C.UTF-8

# The cases as three parallel arrays.
names=() argtexts=() rules=()
while IFS=$'\t' read -r name args rule; do
  [[ -z $name || $name == \#* ]] && continue
  names+=("$name") argtexts+=("$args") rules+=("${rule:-}")
done < "$dir/cases.txt"

# layout_errors FILE ARGTEXT RULES: prints one line per broken rule.
layout_errors() {
  local file=$1 argtext=$2 rule=$3 width="" max_lines="" n=0 line
  [[ $argtext =~ --width\ ([0-9]+) ]] && width=${BASH_REMATCH[1]}
  [[ $rule =~ width=([0-9]+) ]] && width=${BASH_REMATCH[1]}
  [[ $rule =~ lines\<=([0-9]+) ]] && max_lines=${BASH_REMATCH[1]}
  [[ $width == 0 ]] && width=""
  local -A seen=()
  local once=1
  [[ $rule == *steps-repeat* ]] && once=""
  local step="" step_indent=-1
  end_step() {
    if [[ -n $step ]]; then
      [[ -n $once && -n ${seen[$step]:-} ]] && echo "a protocol step is printed twice: ${step:0:70}..."
      seen[$step]=1
    fi
    step="" step_indent=-1
  }
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    if [[ -n $width ]] && ((${#line} > width)); then
      echo "line $n is ${#line} columns wide, more than $width: ${line:0:60}..."
    fi
    # A numbered step ("   3. Roll the muscle..."), its wrapped lines indented under its text.
    if [[ $line =~ ^(\ {2,})[0-9]+\.\ (.*)$ ]]; then
      end_step
      step_indent=$((${#BASH_REMATCH[1]} + 3)) step=${BASH_REMATCH[2]}
    elif ((step_indent > 0)) && [[ $line =~ ^\ {$step_indent}([^ ].*)$ ]]; then
      step+=" ${BASH_REMATCH[1]}"
    else
      end_step
    fi
  done < "$file"
  end_step
  if [[ -n $max_lines ]] && ((n > max_lines)); then echo "$n lines, more than $max_lines"; fi
}

# transcript TPX I OUT: runs case I and writes its transcript to OUT.
transcript() {
  local tpx=$1 i=$2 out=$3 tmp rc
  tmp=$(mktemp -d)
  local -a args
  eval "args=(${argtexts[$i]})"
  # A clean environment: no TPX_KB, COLUMNS or colour settings from the caller.
  (cd "$src" && env -i PATH="$PATH" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$tmp" XDG_CACHE_HOME="$tmp/cache" \
     "$tpx" "${args[@]}" < /dev/null > "$tmp/stdout" 2> "$tmp/stderr")
  rc=$?
  {
    printf '$ tpx%s\n' "${argtexts[$i]:+ ${argtexts[$i]}}"
    cat "$tmp/stdout"
    if [[ -s $tmp/stderr ]]; then
      printf '[stderr]\n'
      cat "$tmp/stderr"
    fi
    printf '[exit %d]\n' "$rc"
  } > "$out"
  cp "$tmp/stdout" "$out.stdout"
  rm -rf "$tmp"
}

index_of() {
  local i
  for i in "${!names[@]}"; do [[ ${names[$i]} == "$1" ]] && { echo "$i"; return 0; }; done
  return 1
}

check() {
  local tpx=$1 failures=0 i name tmp errors
  shift
  local -a which=("$@")
  ((${#which[@]})) || which=("${names[@]}")
  tmp=$(mktemp -d)
  for name in "${which[@]}"; do
    i=$(index_of "$name") || { echo "FAIL: no golden case named '$name' in tests/golden/cases.txt"; failures=$((failures + 1)); continue; }
    transcript "$tpx" "$i" "$tmp/$name.txt"
    if ! diff -u --label "expected/$name.txt" --label "tpx ${argtexts[$i]}" "$dir/expected/$name.txt" "$tmp/$name.txt"; then
      echo "FAIL: golden.$name: 'tpx ${argtexts[$i]}' prints something else now (diff above)."
      echo "      If the change is meant, regenerate with: $regenerate   and review: git diff tests/golden"
      failures=$((failures + 1))
    fi
    errors=$(layout_errors "$tmp/$name.txt.stdout" "${argtexts[$i]}" "${rules[$i]}")
    if [[ -n $errors ]]; then
      echo "FAIL: golden.$name: 'tpx ${argtexts[$i]}' breaks a layout rule:"
      sed 's/^/      /' <<< "$errors"
      failures=$((failures + 1))
    fi
  done
  rm -rf "$tmp"
  ((failures == 0)) || return 1
  echo "golden: ${#which[@]} case(s) as expected"
}

check_files() {
  local failures=0 name f
  for name in "${names[@]}"; do
    [[ -f $dir/expected/$name.txt ]] || { echo "FAIL: case $name has no expected/$name.txt; run $regenerate"; failures=$((failures + 1)); }
  done
  for f in "$dir"/expected/*.txt; do
    name=$(basename "$f" .txt)
    index_of "$name" > /dev/null || { echo "FAIL: expected/$name.txt belongs to no case in cases.txt; run $regenerate"; failures=$((failures + 1)); }
  done
  ((failures == 0)) && echo "golden: ${#names[@]} cases, one transcript each"
}

update() {
  local build=${1:-build} tpx i name tmp warned=0 errors
  cmake --build "$build" --target tpx >&2 || exit 2
  tpx=$(cd "$build" && pwd)/tpx
  tmp=$(mktemp -d)
  rm -f "$dir"/expected/*.txt
  for i in "${!names[@]}"; do
    name=${names[$i]}
    transcript "$tpx" "$i" "$dir/expected/$name.txt"
    errors=$(layout_errors "$dir/expected/$name.txt.stdout" "${argtexts[$i]}" "${rules[$i]}")
    rm -f "$dir/expected/$name.txt.stdout"
    if [[ -n $errors ]]; then
      echo "warning: $name breaks a layout rule (golden.$name will fail):" >&2
      sed 's/^/  /' <<< "$errors" >&2
      warned=1
    fi
  done
  rm -rf "$tmp"
  echo "rewrote ${#names[@]} transcripts in tests/golden/expected; review them with: git diff tests/golden" >&2
  return $warned
}

# Each rule fails on text made to break it, and passes the same text made right.
self_test() {
  local tmp failures=0
  tmp=$(mktemp -d)
  expect() {  # expect WANT ARGTEXT RULES: layout_errors of $tmp/t says something (WANT=fail) or nothing (pass)
    local got
    got=$(layout_errors "$tmp/t" "$2" "$3")
    if [[ $1 == fail && -z $got ]] || [[ $1 == pass && -n $got ]]; then
      echo "FAIL: self-test expected $1 for $2 $3 on:"; cat "$tmp/t"; echo "got: $got"
      failures=$((failures + 1))
    fi
  }
  printf '%s\n' "Press: in the front edge of the fleshy ridge on top of the shoulder, roughly halfway" > "$tmp/t"
  expect fail "where x --width 80" ""
  expect pass "where x --width 120" ""
  expect fail "--help" "width=80"
  printf '%s\n' "Ärger über Übungen: Wörter mit Umlauten zählen als eine Spalte je Buchstabe, äö" > "$tmp/t"
  expect pass "where x --width 80" ""  # 80 characters in 88 bytes: columns are characters
  printf 'A. Pincer grip\n   1. Pick up the muscle\n      between thumb and fingers.\n   2. Squeeze.\n' > "$tmp/t"
  printf 'B. Ball\n   1. Pick up the muscle\n      between thumb and fingers.\n' >> "$tmp/t"
  expect fail "where x --width 80" ""
  printf 'A. Pincer grip\n   1. Pick up the muscle\n      between thumb and fingers.\n   2. Squeeze.\n' > "$tmp/t"
  printf 'B. Ball\n   1. Pick up the muscle\n      between thumb and toes.\n' >> "$tmp/t"
  expect pass "where x --width 80" ""
  seq 1 81 > "$tmp/t"
  expect fail "where x --width 80" "lines<=80"
  seq 1 80 > "$tmp/t"
  expect pass "where x --width 80" "lines<=80"
  rm -rf "$tmp"
  ((failures == 0)) && echo "golden: the layout rules catch what they should"
}

case ${1:-} in
  --check) shift; check "$@" ;;
  --check-files) check_files ;;
  --self-test) self_test ;;
  -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
  *) update "$@" ;;
esac
