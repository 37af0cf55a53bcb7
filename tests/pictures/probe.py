#!/usr/bin/env python3
"""Probe test: primary pain zones come out red everywhere tpx draws them.

For each muscle: `tpx muscle M --format svg` is rendered by a real SVG
renderer (rsvg-convert); at the centre of each primary area (clear of its
edges and of every X) the PNG must show the primary colour, tpx's own raster
(tpx-raster) the same colour at the same point, and the terminal picture
(`tpx muscle M --map`, 24-bit colour) that colour in the cell over that
point. Then one HTML page is opened in headless Chromium and its screenshot
must show the primary, spillover and asked colours.

usage: probe.py TPX TPX_RASTER KB_DIR OUT_DIR MIN_MUSCLES MUSCLE...
"""
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

PRIMARY = (215, 38, 30)
SPILLOVER = (246, 165, 160)
ASKED = (169, 207, 240)
TOLERANCE = 8


def close(a, b, tol=TOLERANCE):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def read_png(path):
    """8-bit RGB or RGBA, non-interlaced: what rsvg-convert and Chromium write."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def png_pixel(png, x, y):
    _, _, ch, rows = png
    return tuple(rows[y][x * ch:x * ch + 3])


def read_ppm(data):
    m = re.match(rb"P6\n(\d+) (\d+)\n255\n", data)
    w = int(m.group(1))
    pixels = data[m.end():]
    return lambda x, y: tuple(pixels[(y * w + x) * 3:(y * w + x) * 3 + 3])


def polygon(d):
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(nums[0::2], nums[1::2]))


def inside(poly, x, y):
    c = False
    for (xi, yi), (xj, yj) in zip(poly, poly[-1:] + poly[:-1]):
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            c = not c
    return c


def edge_distance(poly, x, y):
    best = math.inf
    for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1]):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best


def centre(poly):
    """The grid point farthest from the edges: a point anyone calls inside."""
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    best, best_d = None, -1.0
    for i in range(25):
        for j in range(25):
            x = min(xs) + (max(xs) - min(xs)) * i / 24
            y = min(ys) + (max(ys) - min(ys)) * j / 24
            if inside(poly, x, y):
                d = edge_distance(poly, x, y)
                if d > best_d:
                    best, best_d = (x, y), d
    return best, best_d


def probes(svg):
    marks = [polygon(d)[0:2] for d in re.findall(r'<g class="trigger-point"[^>]*>.*?<path d="([^"]+)"', svg)]
    mark_centres = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in marks]
    out = []
    for area, cls, body in re.findall(r'<g id="area-([^"]+)" class="([^"]+)"[^>]*>(.*?)</g>', svg, re.S):
        if "primary" not in cls.split():
            continue
        for attrs in re.findall(r"<path ([^>]*)/>", body):
            if "mirrored" in attrs:
                continue
            p, clearance = centre(polygon(re.search(r'd="([^"]+)"', attrs).group(1)))
            if p is None or clearance < 4:
                continue
            if any(math.hypot(p[0] - mx, p[1] - my) < 24 for mx, my in mark_centres):
                continue
            out.append((area, p))
    return out


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw).stdout


def terminal_cell_colour(text, scene_w, scene_h, x, y, columns):
    """The colour the terminal picture shows for the pixel over scene point (x, y)."""
    scale = min((columns - 1) / scene_w, 2 * 44 / scene_h)
    height = math.ceil(scene_h * scale)
    lines = text.split("\n")[:-1]
    first = len(lines) - 1 - (height + 1) // 2  # picture rows end just above the legend line
    px, py = int(x * scale), int(y * scale)
    line = lines[first + py // 2]
    fg = bg = None
    col = 0
    for token in re.findall(r"\x1b\[[0-9;]*m|.", line, re.S):
        if token.startswith("\x1b["):
            v = [int(n) for n in token[2:-1].split(";") if n]
            k = 0
            while k < len(v):
                if v[k] == 0:
                    fg = bg = None
                elif v[k] in (38, 48) and v[k + 1] == 2:
                    if v[k] == 38:
                        fg = tuple(v[k + 2:k + 5])
                    else:
                        bg = tuple(v[k + 2:k + 5])
                    k += 4
                k += 1
            continue
        if col == px:
            top = py % 2 == 0
            if token == "\u2580":
                return fg if top else bg
            if token == "\u2584":
                return None if top else fg
            return None
        col += 1
    return None


def main():
    tpx, raster, kb, out_dir, min_muscles = sys.argv[1:6]
    muscles = sys.argv[6:]
    os.makedirs(out_dir, exist_ok=True)
    env = dict(os.environ, COLORTERM="truecolor", COLUMNS="120")
    env.pop("NO_COLOR", None)
    failures, probed_muscles, probed_points = [], 0, 0
    for m in muscles:
        svg = run([tpx, "--kb", kb, "muscle", m, "--format", "svg"]).decode()
        svg_path, png_path = os.path.join(out_dir, m + ".svg"), os.path.join(out_dir, m + ".png")
        open(svg_path, "w").write(svg)
        run(["rsvg-convert", svg_path, "-o", png_path])
        png = read_png(png_path)
        ours = read_ppm(run([raster, kb, m, "1"]))
        scene_w, scene_h = (float(v) for v in re.search(r'data-scene="([\d.]+) ([\d.]+)"', svg).groups())
        term = run([tpx, "--kb", kb, "muscle", m, "--map", "--color", "always"], env=env).decode()
        points = probes(svg)
        if points:
            probed_muscles += 1
        for area, (x, y) in points:
            probed_points += 1
            ix, iy = int(x), int(y)
            seen = png_pixel(png, ix, iy)
            if not close(seen, PRIMARY):
                failures.append(f"{m}: {area} at ({ix}, {iy}) is {seen} in rsvg-convert's picture, not {PRIMARY}")
            if not close(ours(ix, iy), seen):
                failures.append(f"{m}: {area} at ({ix}, {iy}) is {ours(ix, iy)} in tpx's raster, {seen} in rsvg's")
            # The terminal cell: only where the zone is at least two pixels wide there.
            scale = min(119 / scene_w, 88 / scene_h)
            if edge_clear(svg, area, x, y) * scale >= 1.5:
                cell = terminal_cell_colour(term, scene_w, scene_h, x, y, 120)
                if cell is None or not close(cell, PRIMARY):
                    failures.append(f"{m}: {area} at ({ix}, {iy}) shows {cell} in the terminal picture")
    print(f"probed {probed_points} primary zones of {probed_muscles} muscles")
    if probed_muscles < int(min_muscles):
        failures.append(f"only {probed_muscles} muscles had a primary zone to probe; want {min_muscles}")

    # One printable page in Chromium: the same colours on screen.
    page = os.path.join(out_dir, "where.html")
    open(page, "wb").write(run([tpx, "--kb", kb, "where", *WHERE, "--format", "html"]))
    shot = os.path.join(out_dir, "where-chromium.png")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        "--hide-scrollbars", "--window-size=900,1600", f"--screenshot={shot}", "file://" + page],
                       check=True, capture_output=True, timeout=120)
    png = read_png(shot)
    counts = {name: 0 for name in ("primary", "spillover", "asked")}
    for y in range(0, png[1], 2):
        for x in range(0, png[0], 2):
            p = png_pixel(png, x, y)
            for name, colour in (("primary", PRIMARY), ("spillover", SPILLOVER), ("asked", ASKED)):
                if close(p, colour, 4):
                    counts[name] += 1
    print(f"chromium screenshot: {counts}")
    for name, count in counts.items():
        if count < 20 and (name != "spillover" or "spillover" in open(page).read()):
            failures.append(f"the HTML page in Chromium shows {count} sampled pixels of the {name} colour")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


def edge_clear(svg, area, x, y):
    m = re.search(r'<g id="area-%s" [^>]*>(.*?)</g>' % re.escape(area), svg, re.S)
    best = 0.0
    for d in re.findall(r'd="([^"]+)"', m.group(1)):
        poly = polygon(d)
        if inside(poly, x, y):
            best = max(best, edge_distance(poly, x, y))
    return best


WHERE = os.environ.get("TPX_PROBE_WHERE", "temple|top of shoulder").split("|")

if __name__ == "__main__":
    sys.exit(main())
