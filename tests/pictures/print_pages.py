#!/usr/bin/env python3
"""Print test: the HTML handout prints on one or two pages, on A4 and on Letter.

Each page (`tpx ... --format html`) is printed by headless Chromium to PDF
with the paper size set by an added `@page { size: ... }` rule, as a
browser's print dialog would; `pdfinfo` (poppler-utils) counts the pages.
The text of the PDF must still hold the disclaimer and the map's legend.

usage: print_pages.py TPX OUT_DIR
"""
import os
import re
import subprocess
import sys

PAGES = [
    ("where-temple-shoulder", ["where", "temple", "top of shoulder"]),
    ("where-low-back", ["where", "low back", "buttock"]),
    ("muscle-trapezius", ["muscle", "trapezius"]),
    ("muscle-gastrocnemius", ["muscle", "gastrocnemius"]),
    ("muscle-quadratus-lumborum", ["muscle", "quadratus-lumborum"]),
    ("muscle-subscapularis", ["muscle", "subscapularis"]),  # the longest muscle page
    ("muscle-latissimus-dorsi", ["muscle", "latissimus-dorsi"]),
    ("area-temple", ["area", "temple"]),
]
SIZES = ["A4", "letter"]


def main():
    tpx, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    failures = []
    for name, args in PAGES:
        page = subprocess.run([tpx] + args + ["--format", "html"], check=True, capture_output=True).stdout.decode()
        for size in SIZES:
            html = os.path.join(out_dir, f"{name}-{size}.html")
            pdf = os.path.join(out_dir, f"{name}-{size}.pdf")
            with open(html, "w") as f:
                f.write(page.replace("</style>", "@page { size: %s; }</style>" % size, 1))
            if os.path.exists(pdf):
                os.remove(pdf)
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--print-to-pdf=" + pdf, "file://" + os.path.abspath(html)],
                           capture_output=True, timeout=120)
            if not os.path.exists(pdf):
                failures.append(f"{name} on {size}: Chromium wrote no PDF")
                continue
            info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            paper = re.search(r"^Page size:.*\((\w+)\)", info, re.M)
            if not paper or paper.group(1).lower() != size.lower():
                failures.append(f"{name}: printed on {paper.group(1) if paper else '?'}, not {size}")
            if not 1 <= pages <= 2:
                failures.append(f"{name} on {size}: {pages} pages")
            text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True).stdout.decode()
            flat = " ".join(text.split())
            for want in ["not medical advice", "press here"]:
                if want not in flat:
                    failures.append(f"{name} on {size}: the printout lacks '{want}'")
            print(f"{name} on {size}: {pages} page(s)")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


sys.exit(main())
