#!/bin/zsh -f
# Prints the candidates zsh completes for LINE after sourcing SCRIPT, by
# typing LINE and TAB into an interactive zsh in a pseudo-terminal (the
# technique of Valodim's zsh-capture-completion): compadd is wrapped to print
# every match it adds. Usage: zsh -f zsh_complete.zsh SCRIPT LINE
zmodload zsh/zpty || exit 77
zpty z zsh -f -i
# The caller gives each run a private TMPDIR, which holds the compinit dump.
local line init=$(mktemp)
cat > $init <<'INIT'
PROMPT=
autoload -Uz compinit
compinit -C -d ${TMPDIR:-/tmp}/zcompdump
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line () { echo -E - $'\0' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local __h
  for __h in $__hits; do echo -E - "HIT:$__h"; done
}
INIT
echo "source ${(q)1}; echo ok" >> $init
zpty -w z "source ${(q)init}"
repeat 6; do
  zpty -r z line
  [[ $line == ok* ]] && break
done
zpty -w z "$2"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\0\r' ]]; then
    (( tog++ )) && break || continue
  fi
  (( tog )) && [[ $line == HIT:* ]] && print -r -- ${${line#HIT:}%$'\r'}
done
rm -f $init
