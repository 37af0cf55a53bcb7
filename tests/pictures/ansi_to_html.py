#!/usr/bin/env python3
"""Turns a terminal capture (`tmux capture-pane -e -p`) into an HTML page
that looks like the terminal did, so a person can screenshot it with
headless Chromium and look at the picture tpx printed.

Understands the SGR codes tpx writes: 0 (reset), 1 (bold), 38;2;r;g;b /
48;2;r;g;b (24-bit), 38;5;n / 48;5;n (256 colours), 39 / 49 (defaults).

usage: ansi_to_html.py < capture.txt > capture.html
"""
import html
import re
import sys

FG, BG = (0, 0, 0), (255, 255, 255)


def xterm(n):
    base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    if n < 16:
        return base[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    g = 8 + 10 * (n - 232)
    return g, g, g


def apply(codes, state):
    fg, bg, bold = state
    nums = [int(c) if c else 0 for c in codes.split(";")] if codes else [0]
    i = 0
    while i < len(nums):
        c = nums[i]
        if c == 0:
            fg, bg, bold = None, None, False
        elif c == 1:
            bold = True
        elif c == 22:
            bold = False
        elif c in (38, 48) and i + 1 < len(nums):
            if nums[i + 1] == 2 and i + 4 < len(nums):
                col = tuple(nums[i + 2:i + 5])
                i += 4
            elif nums[i + 1] == 5 and i + 2 < len(nums):
                col = xterm(nums[i + 2])
                i += 2
            else:
                col = None
            if c == 38:
                fg = col
            else:
                bg = col
        elif 30 <= c <= 37:
            fg = xterm(c - 30)
        elif 40 <= c <= 47:
            bg = xterm(c - 40)
        elif c == 39:
            fg = None
        elif c == 49:
            bg = None
        i += 1
    return fg, bg, bold


def main():
    out = ["<!DOCTYPE html><meta charset='utf-8'><style>body{margin:8px;background:#fff}"
           "pre{font:14px/16px 'DejaVu Sans Mono',monospace;margin:0;letter-spacing:0}"
           "span{display:inline}</style><pre>"]
    state = (None, None, False)
    for line in sys.stdin.read().split("\n"):
        pos = 0
        for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b]+)", line):
            if m.group(1) is not None or m.group(0).startswith("\x1b"):
                state = apply(m.group(1) or "", state)
                continue
            text = m.group(2)
            fg, bg, bold = state
            style = "color:rgb%s;" % (fg,) if fg else ""
            style += "background:rgb%s;" % (bg,) if bg else ""
            style += "font-weight:bold;" if bold else ""
            out.append("<span style='%s'>%s</span>" % (style, html.escape(text)) if style else html.escape(text))
        out.append("\n")
    out.append("</pre>")
    sys.stdout.write("".join(out))


main()
