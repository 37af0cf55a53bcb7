#!/usr/bin/env python3
"""Terminal test: what a person sees on a 120-column terminal.

Runs `tpx muscle M` inside a detached tmux session 120 columns wide (a real
terminal, so the map is drawn without --map, in 24-bit colour), captures the
pane with its colours (`tmux capture-pane -e -p`) and checks the picture: the
views a person should see are labelled, the primary zones are red, the X marks
are there, nothing runs past column 120. With --html DIR it also writes the
capture as HTML (tests/pictures/ansi_to_html.py) for looking at it.

usage: tmux_view.py TPX [--html DIR]
"""
import os
import re
import subprocess
import sys
import time
import uuid

CASES = [
    # muscle, labels that must be on screen
    ("trapezius", ["Back of the body", "Right side of the head and neck", "your left", "your right"]),
    ("gastrocnemius", ["Back of the body", "Sole of the right foot"]),
    ("masseter", ["Right side of the head and neck"]),
]
PRIMARY = "215;38;30"
MARK = "17;17;17"


def capture(tpx, args):
    sock = "tpx-test-" + uuid.uuid4().hex[:8]
    cmd = " ".join([tpx] + args) + "; sleep 30"
    subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "60",
                    "-e", "COLORTERM=truecolor", "-e", "TERM=xterm-256color", cmd], check=True)
    try:
        text = ""
        for _ in range(50):  # until the legend, the last line, is on screen
            time.sleep(0.2)
            text = subprocess.run(["tmux", "-L", sock, "capture-pane", "-e", "-p"], check=True,
                                  capture_output=True).stdout.decode()
            if "press here" in text:
                break
        return text
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def main():
    tpx = os.path.abspath(sys.argv[1])
    html_dir = sys.argv[sys.argv.index("--html") + 1] if "--html" in sys.argv else None
    failures = []
    for muscle, labels in CASES:
        text = capture(tpx, ["muscle", muscle])
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        for label in labels:
            if label not in plain:
                failures.append(f"{muscle}: '{label}' is not on the screen")
        if "38;2;" + PRIMARY not in text and "48;2;" + PRIMARY not in text:
            failures.append(f"{muscle}: no primary red ({PRIMARY}) on the screen")
        if MARK not in text:
            failures.append(f"{muscle}: no X mark ({MARK}) on the screen")
        for line in plain.split("\n"):
            if len(line) > 120:
                failures.append(f"{muscle}: a line is {len(line)} columns wide")
        if html_dir:
            os.makedirs(html_dir, exist_ok=True)
            here = os.path.dirname(os.path.abspath(__file__))
            with open(os.path.join(html_dir, muscle + ".html"), "w") as out:
                subprocess.run([sys.executable, os.path.join(here, "ansi_to_html.py")], input=text.encode(),
                               stdout=out, check=True)
        print(f"{muscle}: checked")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


sys.exit(main())
