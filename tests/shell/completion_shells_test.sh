#!/usr/bin/env bash
# The zsh and fish completion scripts: each parses (zsh -n, fish -n) and
# offers the expected candidates: fish runs completions without a terminal
# (complete -C); zsh's are captured by typing into a pty (zsh_complete.zsh).
# Exits 77 (skipped) when the shell is not installed.
# Usage: completion_shells_test.sh zsh|fish SHELL_PROGRAM TPX_BINARY TEST_DATA_DIR
set -u
shell=$1
program=$2
tpx=$3
data=$4
if [[ -z $program || ! -x $program ]]; then
    echo "skipped: $shell is not installed (apt-get install $shell)"
    exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$tpx" "$tmp/bin/tpx"
export PATH="$tmp/bin:$PATH" XDG_CACHE_HOME="$tmp/cache" HOME="$tmp"
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

script=$tmp/script
tpx completion "$shell" > "$script" || { echo "FAIL: tpx completion $shell" >&2; exit 1; }
"$program" -n "$script" || fail "$program -n rejects the $shell script"

if [[ $shell == zsh ]]; then
    head -n 1 "$script" | grep -qx '#compdef tpx' || fail "the zsh script does not start with #compdef tpx"
    got=$("$program" -f -c "autoload -Uz compinit && compinit -u -d $tmp/zcompdump && source $script && print -r -- \$_comps[tpx]" 2>&1)
    [[ $got == _tpx ]] || fail "sourcing the zsh script does not register _tpx for tpx (got: $got)"
fi

# Prints the candidates the shell offers for LINE.
candidates() {
    if [[ $shell == zsh ]]; then
        TMPDIR=$tmp timeout 60 "$program" -f "$(dirname "$0")/zsh_complete.zsh" "$script" "$1" 2>&1
    else
        "$program" --no-config -c "source $script; complete -C '$1'" 2>&1 | cut -f1
    fi
}

# expect WORD LINE: WORD is among the candidates for LINE.
expect() {
    local got
    got=$(candidates "$2")
    grep -qxF -- "$1" <<< "$got" || fail "'$2<TAB>' does not offer '$1'; it offers: $(tr '\n' ' ' <<< "$got")"
}

expect muscle 'tpx mu'
expect clear 'tpx cache '
expect json 'tpx where --format '
expect --explain 'tpx where --ex'
expect red-flags 'tpx list '
# Only what the command takes: tpx list refuses --width (its lines are never wrapped).
expect --width 'tpx where temple --wi'
got=$(candidates 'tpx list regions --wi')
[[ $got != *--width* ]] || fail "'tpx list regions --wi<TAB>' offers --width, which tpx list refuses"
expect levator-scapulae 'tpx muscle leva'
expect top-of-shoulder 'tpx where temple top-of-sh'
expect temporalis "tpx --kb $data/kb-small muscle te"
got=$(candidates "tpx --kb $data/kb-small muscle leva")
[[ $got != *levator-scapulae* ]] || fail "--kb is not followed: kb-small has no levator scapulae, yet $shell offers it"
# muscle takes several names, protocol one: once it is typed, no more ids.
expect trapezius 'tpx muscle levator-scapulae trap'
got=$(candidates "tpx protocol ball-against-wall ")
[[ $got != *pincer-grip* ]] || fail "'tpx protocol ball-against-wall <TAB>' offers more protocols"

if ((failures)); then
    echo "$failures $shell completion check(s) failed" >&2
    exit 1
fi
echo "$shell completion: all checks passed"
