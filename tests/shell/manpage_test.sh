#!/usr/bin/env bash
# tpx(1), as generated at build time: groff reads it without a warning, and
# the rendered page has every section and every visible command.
# Usage: manpage_test.sh TPX_BINARY MAN_PAGE GROFF
set -u
tpx=$1
page=$2
groff=$3
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

[[ -s $page ]] || { echo "FAIL: $page is missing or empty" >&2; exit 1; }
cmp -s "$page" <("$tpx" man) || fail "$page differs from what tpx man prints now"

warnings=$("$groff" -man -ww -z "$page" 2>&1)
[[ -z $warnings ]] || fail "groff warns: $warnings"

text=$("$groff" -man -Tutf8 -P-cbou -ww "$page" 2>&1)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES; do
    grep -qx "$section" <<< "$text" || fail "no $section section"
done
for needle in 'not medical advice' TPX_KB NO_COLOR XDG_CACHE_HOME '.cache/tpx' 'share/tpx/kb' \
    'tpx where' 'tpx muscle' 'tpx area' 'tpx cause' 'tpx protocol' 'tpx check' 'tpx cache path' \
    'tpx cache clear' 'tpx list' 'tpx completion' 'tpx man' '--format' '--kb' 'text, json, tsv or ids'; do
    grep -qF -- "$needle" <<< "$text" || fail "the page never mentions '$needle'"
done
# Each command's own examples under it in COMMANDS (from examples.cc): the
# text between one command's heading and the next has an Examples: block
# with a command line of that command.
commands=$(sed -n '/^COMMANDS$/,/^OPTIONS$/p' <<< "$text")
for cmd in where muscle area cause protocol check compile 'cache path' 'cache clear' list completion help man; do
    section=$(awk -v h="   tpx $cmd" 'index($0, h) == 1 && (length($0) == length(h) || substr($0, length(h) + 1, 1) == " ") {on = 1; print; next}
                                       /^   tpx / {on = 0} on' <<< "$commands")
    grep -q '^       Examples:$' <<< "$section" || fail "tpx $cmd has no Examples: in COMMANDS"
    grep -qE "^           .*tpx $cmd( |\$)" <<< "$section" || fail "tpx $cmd has no example of itself in COMMANDS"
done
# Only the options each command takes: tpx list refuses --width (its lines are never wrapped).
for cmd in where list; do
    section=$(awk -v h="   tpx $cmd" 'index($0, h) == 1 {on = 1; print; next} /^   tpx / {on = 0} on' <<< "$commands")
    if [[ $cmd == list ]]; then
        ! grep -q -- '--width' <<< "$section" || fail "tpx list in COMMANDS offers --width, which it refuses"
    else
        grep -q -- '--width' <<< "$section" || fail "tpx $cmd in COMMANDS does not offer --width"
    fi
done
# The exit codes, as the CLI uses them.
for code in 0 1 2; do
    grep -qE "^ +$code +[A-Z]" <<< "$text" || fail "EXIT STATUS does not explain $code"
done

if ((failures)); then
    echo "$failures man page check(s) failed" >&2
    exit 1
fi
echo "man page: all checks passed"
