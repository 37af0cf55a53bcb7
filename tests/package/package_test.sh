#!/usr/bin/env bash
# The two Debian packages, checked the way Debian and a user would check them:
#   1. cpack makes tpx_*.deb and libtpx-dev_*.deb from BUILD_DIR;
#   2. lintian reports no error and no warning on either;
#   3. both install with apt into a fresh Debian 12 root (debootstrap), where
#      the installed tpx answers a query, man finds its page, zsh finds its
#      completion, and a one-file CMake project builds against libtpx-dev and
#      gets the same answer.
# Needs root (chroot), debootstrap, lintian and the network to Debian's
# mirror. Usage: package_test.sh BUILD_DIR [CONSUMER_DIR]
# TPX_DEBOOTSTRAP_CACHE: a directory that keeps downloaded .debs between runs.
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
consumer=${2:-$here/../consumer}
mirror=${TPX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${TPX_DEBOOTSTRAP_CACHE:-/var/cache/tpx-debootstrap}

tmp=$(mktemp -d)
root=$tmp/root
cleanup() {
  for m in "$root/proc" "$root/dev"; do mountpoint -q "$m" 2>/dev/null && umount -l "$m"; done
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
step() { echo "== $*" >&2; }

step "cpack"
(cd "$build" && cpack -G DEB -B "$tmp/debs" > "$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; exit 1; }
debs=("$tmp"/debs/*.deb)
[[ ${#debs[@]} -eq 2 ]] || { ls "$tmp/debs" >&2; echo "FAIL: expected 2 packages" >&2; exit 1; }
ls -l "${debs[@]}" >&2

step "lintian"
for deb in "${debs[@]}"; do
  # Errors and warnings fail; informational tags are listed, not failed.
  out=$(lintian --fail-on error,warning "$deb" 2>&1) || { echo "$out" >&2; fail "lintian on $(basename "$deb")"; }
done

step "debootstrap bookworm"
mkdir -p "$cache"
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" "$mirror" > "$tmp/debootstrap.log" 2>&1 ||
  { tail -20 "$tmp/debootstrap.log" >&2; echo "FAIL: debootstrap" >&2; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mkdir -p "$root/tmp/debs" "$root/tmp/consumer"
cp "${debs[@]}" "$root/tmp/debs/"
in_root_debs=()
for deb in "${debs[@]}"; do in_root_debs+=("/tmp/debs/$(basename "$deb")"); done
cp -r "$consumer"/. "$root/tmp/consumer/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt install the packages (and a compiler for the consumer)"
in_root apt-get update -qq > "$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; exit 1; }
if ! in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${in_root_debs[@]}" g++ cmake make man-db zsh >> "$tmp/apt.log" 2>&1; then
  tail -30 "$tmp/apt.log" >&2
  echo "FAIL: the packages do not install in a fresh Debian 12 root" >&2
  exit 1
fi

step "use the installed tpx"
top=$(in_root tpx where temple --format ids 2>/dev/null | head -n 1) || true
[[ -n $top ]] || fail "tpx where temple gave no muscle"
top=$(in_root tpx where temple "top of shoulder" --format ids 2>/dev/null | head -n 1) || true
[[ $top == trapezius ]] || fail "tpx where temple 'top of shoulder' gives '$top', not trapezius"
in_root man -w tpx > /dev/null 2>&1 || fail "man does not find tpx(1)"
in_root zsh -fc 'autoload -Uz compinit; compinit -u; [[ -n ${_comps[tpx]} ]]' || fail "zsh does not find _tpx"
in_root tpx check /usr/share/tpx/kb > /dev/null 2>&1 || fail "tpx check rejects /usr/share/tpx/kb"
[[ -f $root/usr/share/doc/tpx/copyright && -f $root/usr/share/doc/libtpx-dev/copyright ]] ||
  fail "a package has no copyright file"

step "build a consumer against libtpx-dev"
if in_root sh -c 'cmake -S /tmp/consumer -B /tmp/consumer-build > /tmp/consumer.log 2>&1 &&
                  cmake --build /tmp/consumer-build >> /tmp/consumer.log 2>&1'; then
  top=$(in_root /tmp/consumer-build/tpx_consumer 2>/dev/null) || true
  [[ $top == trapezius ]] || fail "the consumer gives '$top', not trapezius"
else
  tail -30 "$root/tmp/consumer.log" >&2
  fail "the consumer does not build against libtpx-dev"
fi

if ((failures)); then
  echo "package: $failures check(s) failed" >&2
  exit 1
fi
echo "package: all checks passed (lintian clean, installed and used in a fresh Debian 12 root)"
