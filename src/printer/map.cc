// The terminal picture: the raster (raster.cc) printed two pixels a cell
// with half blocks, or as plain glyphs with a legend when colour is off.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tpx/picture.h"

namespace tpx {
namespace {

// The xterm 256-colour index nearest to `c`: the 6x6x6 cube or the grey ramp.
int xterm256(Rgb c) {
  auto level = [](int v) { return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40; };
  static constexpr int kSteps[] = {0, 95, 135, 175, 215, 255};
  const int r = level(c.r), g = level(c.g), b = level(c.b);
  const int cube = 16 + 36 * r + 6 * g + b;
  auto dist = [&](int x, int y, int z) {
    return (x - c.r) * (x - c.r) + (y - c.g) * (y - c.g) + (z - c.b) * (z - c.b);
  };
  const int cube_d = dist(kSteps[r], kSteps[g], kSteps[b]);
  const int avg = (c.r + c.g + c.b) / 3;
  const int gi = avg > 238 ? 23 : avg < 8 ? 0 : (avg - 8) / 10;
  const int grey = 8 + 10 * gi;
  return dist(grey, grey, grey) < cube_d ? 232 + gi : cube;
}

// Appends the SGR parameters that set `c` as the foreground or background.
void append_sgr(std::string& out, Rgb c, bool fg, MapColors colors) {
  auto num = [&out](int v) {
    if (v >= 100) out += static_cast<char>('0' + v / 100);
    if (v >= 10) out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
  };
  out += fg ? "38;" : "48;";
  if (colors == MapColors::kTrueColor) {
    out += "2;";
    num(c.r);
    out += ';';
    num(c.g);
    out += ';';
    num(c.b);
  } else {
    out += "5;";
    num(xterm256(c));
  }
}

std::string sgr(Rgb c, bool fg, MapColors colors) {
  std::string s;
  append_sgr(s, c, fg, colors);
  return s;
}

// Glyphs for plain text, most important first when two pixels share a cell.
char glyph(Ink ink) {
  switch (ink) {
    case Ink::kMark: return 'X';
    case Ink::kPrimary: return '#';
    case Ink::kAsked: return '@';
    case Ink::kSpillover: return '+';
    case Ink::kEdge: return '.';
    case Ink::kLine: return ' ';
    case Ink::kBody: return ' ';
    case Ink::kBackground: return ' ';
  }
  return ' ';
}
int importance(Ink ink) {
  switch (ink) {
    case Ink::kMark: return 7;
    case Ink::kPrimary: return 6;
    case Ink::kAsked: return 5;
    case Ink::kSpillover: return 4;
    case Ink::kEdge: return 3;
    default: return 0;
  }
}

// A line of text laid over `width` columns: each piece at its column.
struct Placed {
  int column;
  std::string text;
};
std::string lay_out(std::vector<Placed> pieces, int width) {
  std::string line;
  int at = 0;
  std::sort(pieces.begin(), pieces.end(), [](const Placed& a, const Placed& b) { return a.column < b.column; });
  for (const Placed& p : pieces) {
    int col = std::max(p.column, at == 0 ? 0 : at + 2);
    if (col + static_cast<int>(p.text.size()) > width) col = width - static_cast<int>(p.text.size());
    if (col < at) continue;  // no room: drop rather than overlap
    line.append(static_cast<std::size_t>(col - at), ' ');
    line += p.text;
    at = col + static_cast<int>(p.text.size());
  }
  return line;
}

void labels(std::ostream& out, const Scene& s, double scale, int width) {
  std::vector<Placed> top, sides;
  for (const SceneView& v : s.views) {
    const int x0 = static_cast<int>(std::lround(v.x * scale)), w = static_cast<int>(std::lround(v.width * scale));
    std::string label = v.label;
    if (static_cast<int>(label.size()) > std::max(w + 8, 12))
      label.resize(static_cast<std::size_t>(std::max(w + 8, 12)));
    top.push_back({x0 + std::max(0, (w - static_cast<int>(label.size())) / 2), label});
    if (!v.side_note.empty())
      sides.push_back({x0 + std::max(0, (w - static_cast<int>(v.side_note.size())) / 2), v.side_note});
    if (!v.left_side.empty()) {
      // Over the view's own edges, so that the labels of two views standing
      // side by side do not run together ("your left your left").
      sides.push_back({x0, v.left_side});
      sides.push_back({x0 + w - static_cast<int>(v.right_side.size()), v.right_side});
    }
  }
  fmt::print(out, "{}\n{}\n", lay_out(top, width), lay_out(sides, width));
}

// The legend, wrapped to `width` columns (a swatch is one column wide).
void legend(std::ostream& out, const Scene& s, MapColors colors, int width) {
  struct Item {
    std::string swatch, text;
  };
  std::vector<Item> items;
  auto swatch = [&](Rgb c, char plain) {
    if (colors == MapColors::kNone) return std::string(1, plain);
    return fmt::format("\x1b[{}m\u2588\x1b[0m", sgr(c, true, colors));
  };
  if (s.has_asked) items.push_back({swatch(palette::kAsked, '@'), "where you feel it"});
  if (s.has_primary) items.push_back({swatch(palette::kPrimary, '#'), "primary pain zone"});
  if (s.has_spillover) items.push_back({swatch(palette::kSpillover, '+'), "spillover zone"});
  if (!s.marks.empty())
    items.push_back({colors == MapColors::kNone ? "X" : "\x1b[1mX\x1b[0m", "trigger point: press here"});
  std::string line;
  int used = 0;
  for (const Item& it : items) {
    const int w = 2 + static_cast<int>(it.text.size());
    if (used > 0 && used + 3 + w > width) {
      fmt::print(out, "{}\n", line);
      line.clear();
      used = 0;
    }
    if (used > 0) {
      line += "   ";
      used += 3;
    }
    line += it.swatch + " " + it.text;
    used += w;
  }
  // The outline's glyphs: four of them, so the item is five columns longer.
  if (colors == MapColors::kNone) {
    const std::string text = "/|\\_ outline of the body";
    if (used > 0 && used + 3 + static_cast<int>(text.size()) > width) {
      fmt::print(out, "{}\n", line);
      line.clear();
      used = 0;
    }
    line += (used > 0 ? "   " : "") + text;
  }
  fmt::print(out, "{}\n", line);
}

// The outline of the body in plain text: the cells just outside the body
// (a 4-neighbour inside it), each drawn with the line glyph that follows the
// edge there, so the figure reads as a figure and not as scattered dots.
// The edge's direction is the Sobel gradient of the inside mask, measured
// in a cell's shape (about twice as tall as wide).
char outline_glyph(const std::vector<std::uint8_t>& inside, int w, int h, int x, int y) {
  auto in = [&](int cx, int cy) {
    return cx >= 0 && cy >= 0 && cx < w && cy < h && inside[static_cast<std::size_t>(cy) * w + cx] ? 1 : 0;
  };
  const int left = in(x - 1, y), right = in(x + 1, y), up = in(x, y - 1), down = in(x, y + 1);
  if (!left && !right && !up && !down) return ' ';
  const int gx = in(x + 1, y - 1) + 2 * right + in(x + 1, y + 1) - in(x - 1, y - 1) - 2 * left - in(x - 1, y + 1);
  const int gy = in(x - 1, y + 1) + 2 * down + in(x + 1, y + 1) - in(x - 1, y - 1) - 2 * up - in(x + 1, y - 1);
  if (gx == 0 && gy == 0) return left && right ? '|' : up && down ? '-' : '.';
  // The edge runs across the gradient; its angle on screen, 0..180 degrees
  // counter-clockwise from the horizontal (a cell is about 2:1 tall).
  const double nx = gx, ny = gy / 2.0;
  double angle = std::atan2(nx, ny) * 180 / 3.14159265358979;
  if (angle < 0) angle += 180;
  if (angle >= 180) angle -= 180;
  if (angle < 25 || angle >= 155) return gy > 0 ? '_' : '-';
  if (angle < 70) return '/';
  if (angle < 110) return '|';
  return '\\';
}

void plain_rows(std::ostream& out, const Raster& r) {
  const int w = r.width, h = (r.height + 1) / 2;
  std::vector<char> marks(static_cast<std::size_t>(w) * h, ' ');
  std::vector<std::uint8_t> inside(marks.size(), 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const Ink a = r.ink_at(x, 2 * y), b = 2 * y + 1 < r.height ? r.ink_at(x, 2 * y + 1) : Ink::kBackground;
      const Ink top = importance(b) > importance(a) ? b : a;
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      inside[i] = a != Ink::kBackground || b != Ink::kBackground;
      if (importance(top) > importance(Ink::kEdge)) marks[i] = glyph(top);
    }
  std::string line;
  for (int y = 0; y < h; ++y) {
    line.clear();
    for (int x = 0; x < w; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      line += marks[i] != ' ' ? marks[i] : inside[i] ? ' ' : outline_glyph(inside, w, h, x, y);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print(out, "{}\n", line);
  }
}

// A pixel's colour in 256-colour mode. Quantising an anti-aliased blend
// shifts its hue (a pixel between red and skin lands on an orange of the
// 6x6x6 cube), so zones and marks are drawn in their pure colour, crisp;
// the body and its outline, near-grey anyway, keep their anti-aliasing as
// greys.
Rgb ink_color(Ink ink) {
  switch (ink) {
    case Ink::kBody: return palette::kBody;
    case Ink::kLine: return palette::kLine;
    case Ink::kEdge: return palette::kOutline;
    case Ink::kSpillover: return palette::kSpillover;
    case Ink::kPrimary: return palette::kPrimary;
    case Ink::kAsked: return palette::kAsked;
    case Ink::kMark: return palette::kMark;
    case Ink::kBackground: break;
  }
  return palette::kBackground;
}

void color_rows(std::ostream& out, const Raster& r, MapColors colors) {
  const auto at = [&](int x, int y) {
    if (colors != MapColors::k256) return r.at(x, y);
    const Ink ink = r.ink_at(x, y);
    if (ink != Ink::kBody && ink != Ink::kEdge && ink != Ink::kLine) return ink_color(ink);
    const Rgb c = r.at(x, y);
    const auto grey = static_cast<std::uint8_t>((c.r * 3 + c.g * 5 + c.b * 2) / 10);
    return Rgb{grey, grey, grey};
  };
  // The escape sequence is written only when a cell's colours differ from
  // the previous cell's: most of a row is background or body.
  enum class Cell { kNone, kUpper, kLower, kBoth };
  std::string line;
  for (int y = 0; y < r.height; y += 2) {
    line.clear();
    Cell state = Cell::kNone;
    Rgb fg, bg;
    for (int x = 0; x < r.width; ++x) {
      const bool top_bg = r.ink_at(x, y) == Ink::kBackground;
      const bool bottom_bg = y + 1 >= r.height || r.ink_at(x, y + 1) == Ink::kBackground;
      // Background pixels stay the terminal's own background.
      Cell cell = Cell::kBoth;
      Rgb f = at(x, y), b;
      if (top_bg && bottom_bg)
        cell = Cell::kNone;
      else if (top_bg)
        cell = Cell::kLower, f = at(x, y + 1);
      else if (bottom_bg)
        cell = Cell::kUpper;
      else
        b = at(x, y + 1);
      if (cell != state || (cell != Cell::kNone && !(f == fg)) || (cell == Cell::kBoth && !(b == bg))) {
        line += "\x1b[0";
        if (cell != Cell::kNone) {
          line += ';';
          append_sgr(line, f, true, colors);
        }
        if (cell == Cell::kBoth) {
          line += ';';
          append_sgr(line, b, false, colors);
        }
        line += 'm';
        state = cell;
        fg = f;
        bg = b;
      }
      line += cell == Cell::kNone ? " " : cell == Cell::kLower ? "\u2584" : "\u2580";
    }
    line += "\x1b[0m\n";
    out << line;
  }
}

}  // namespace

double map_scale(const Scene& s, const MapOptions& opt) {
  if (s.width <= 0 || s.height <= 0) return 1;
  const int cols = std::clamp(opt.columns, 20, 1000);
  // Labels and the legend take four lines; each line is two pixels.
  const int rows = std::clamp(opt.max_rows, 8, 1000);
  return std::min((cols - 1) / static_cast<double>(s.width), 2.0 * rows / s.height);
}

void render_map(std::ostream& out, const Kb& kb, const Scene& s, const MapOptions& opt) {
  (void)kb;
  if (s.empty()) return;
  const double scale = map_scale(s, opt);
  const Raster r = rasterize(s, scale);
  labels(out, s, scale, std::clamp(opt.columns, 20, 1000));
  if (opt.colors == MapColors::kNone)
    plain_rows(out, r);
  else
    color_rows(out, r, opt.colors);
  legend(out, s, opt.colors, std::clamp(opt.columns, 20, 1000));
}

}  // namespace tpx
