#!/usr/bin/env bash
# Every command's JSON validates against its schema, docs/schema/<command>.json
# (JSON Schema draft 2020-12, checked with python3-jsonschema): several
# queries each, every line of JSON Lines output.
# Usage: schema_test.sh TPX SCHEMA_DIR
set -u
tpx=$1 schemas=$2
export XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
failures=0
check() {  # check COMMAND ARGS...: validate what `tpx ARGS... --format json` prints
  local cmd=$1
  shift
  local out
  out=$("$tpx" "$@" --format json 2>/dev/null)
  if [[ -z $out ]]; then
    echo "FAIL: tpx $* --format json printed nothing" >&2
    failures=$((failures + 1))
    return
  fi
  if ! printf '%s\n' "$out" | python3 -c '
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
bad = 0
for n, line in enumerate(sys.stdin, 1):
    for e in v.iter_errors(json.loads(line)):
        print(f"line {n}: {e.json_path}: {e.message}", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)' "$schemas/$cmd.json"; then
    echo "FAIL: tpx $* --format json does not match docs/schema/$cmd.json" >&2
    failures=$((failures + 1))
  fi
}
check where where temple "top of shoulder"
check where where "burning between my shoulder blades" "stiff neck" "desk work" --top 0
check where where "numb temle" xyzzy "sharp pain in my left knee"
check where where xyzzy
check muscle muscle trapezius levator-scapulae SCM
check area area "web of the thumb"
check area area shoulder tempel
check cause cause "looking down at my phone" "desk work"
check cause cause xyzzy
check protocol protocol ball-against-wall
for kind in muscles areas symptoms causes protocols regions red-flags; do check list list "$kind"; done
if ((failures)); then
  echo "$failures schema check(s) failed" >&2
  exit 1
fi
echo "schemas: every command's JSON validates"
