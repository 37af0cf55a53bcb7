#!/usr/bin/env bash
# CLI pipelines as people script them: jq, xargs, sort, head.
# usage: pipelines.sh TPX_BINARY TEST_DATA_DIR
set -u
tpx=$1
data=$2
fails=0
pass=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1: expected [$2], got [$3]"; fails=$((fails + 1)); fi
}

check "json | jq first muscle" trapezius \
  "$("$tpx" where temple "top of shoulder" --format json | jq -r '.matches[0].muscle')"
check "json | jq warnings for chest" chest-pain \
  "$("$tpx" where chest --format json 2>/dev/null | jq -r '.warnings[0].id')"
check "ids | xargs muscle" 3 \
  "$("$tpx" where temple --format ids --top 3 | xargs -n1 "$tpx" muscle --format json | jq -r .id | wc -l | tr -d ' ')"
check "list | sort is already sorted" "" \
  "$(diff <("$tpx" list muscles) <("$tpx" list muscles | LC_ALL=C sort))"
check "tsv has 8 columns" 8 \
  "$("$tpx" where heel --format tsv --top 1 | awk -F'\t' '{print NF}')"

# A reader that goes away early: no error message, success.
out=$( { "$tpx" list areas | head -1 >/dev/null; } 2>&1 )
check "closed pipe is quiet" "" "$out"
set -o pipefail
"$tpx" where shoulder --top 0 | head -1 >/dev/null
check "closed pipe exits 0" 0 "$?"
set +o pipefail

check "--kb broken exits 2" 2 "$("$tpx" where temple --kb "$data/kb-broken" >/dev/null 2>&1; echo $?)"

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
