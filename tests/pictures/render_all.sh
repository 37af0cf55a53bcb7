#!/usr/bin/env bash
# Renders every muscle's map to PNG (through our SVG and rsvg-convert) and
# its card with the plain terminal picture to text, for looking at them by eye.
#
#   tests/pictures/render_all.sh build/tpx OUT_DIR [tpx options, e.g. --kb DIR]
set -euo pipefail
tpx=$1 out=$2
shift 2
mkdir -p "$out"
for m in $("$tpx" "$@" list muscles --format ids); do
  "$tpx" "$@" muscle "$m" --format svg > "$out/$m.svg"
  rsvg-convert "$out/$m.svg" -o "$out/$m.png"
  COLUMNS=120 "$tpx" "$@" muscle "$m" --map --color never > "$out/$m.txt"
done
echo "wrote $(ls "$out"/*.png | wc -l) pictures to $out" >&2
