// Our own rasteriser: scanline polygon filling with 4 sub-scanlines a pixel
// and exact horizontal coverage, so edges are anti-aliased without any
// library. Strokes are filled as polygons (one quad per segment).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tpx/picture.h"

namespace tpx {

namespace palette {
std::string hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}
}  // namespace palette

namespace {

constexpr int kSubScanlines = 4;
// Coordinates are clamped to this many pixels outside the raster, so a
// damaged image's huge or non-finite numbers cannot overflow the loops.
constexpr float kMargin = 4;

class Canvas {
 public:
  Canvas(int w, int h) : w_(w), h_(h), cover_(static_cast<std::size_t>(w) + 2, 0.0f) {
    r_.width = w;
    r_.height = h;
    r_.pixels.assign(static_cast<std::size_t>(w) * h, palette::kBackground);
    r_.ink.assign(static_cast<std::size_t>(w) * h, Ink::kBackground);
  }

  // Adds a closed polygon of pixel coordinates to the path being built.
  void add_polygon(const float* xy, std::size_t n_floats) {
    const std::size_t n = n_floats / 2;
    if (n < 3) return;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) add_edge(xy[2 * j], xy[2 * j + 1], xy[2 * i], xy[2 * i + 1]);
  }

  // Adds one segment of a stroke `width` pixels wide, as a quad. Square caps
  // (extended by half the width) close the gaps at joints; every quad winds
  // the same way, so a whole polyline fills at once with the non-zero rule.
  void add_segment(float ax, float ay, float bx, float by, float width) {
    float dx = bx - ax, dy = by - ay;
    const float len = std::hypot(dx, dy);
    if (!(len > 1e-4f)) return;
    dx /= len;
    dy /= len;
    const float h = width / 2;
    ax -= dx * h;
    ay -= dy * h;
    bx += dx * h;
    by += dy * h;
    const float q[8] = {ax - dy * h, ay + dx * h, bx - dy * h, by + dx * h,
                        bx + dy * h, by - dx * h, ax + dy * h, ay - dx * h};
    add_polygon(q, 8);
  }

  // Fills the path built since the last fill (even-odd or non-zero rule),
  // anti-aliased: 4 sub-scanlines a pixel with exact horizontal coverage.
  // An edge list sorted by its top keeps the work proportional to the edges
  // a scanline meets, not to every edge of the path.
  void fill(Rgb color, Ink ink, bool nonzero = false) {
    if (edges_.empty()) return;
    std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) { return a.y0 < b.y0; });
    float y_max = -1e9f;
    for (const Edge& e : edges_) y_max = std::max(y_max, e.y1);
    const int row0 = std::max(0, static_cast<int>(std::floor(edges_.front().y0)));
    const int row1 = std::min(h_ - 1, static_cast<int>(std::ceil(y_max)));
    std::size_t next = 0;
    active_.clear();
    for (int row = row0; row <= row1; ++row) {
      int lo = w_, hi = -1;
      for (int sub = 0; sub < kSubScanlines; ++sub) {
        const float y = static_cast<float>(row) + (static_cast<float>(sub) + 0.5f) / kSubScanlines;
        while (next < edges_.size() && edges_[next].y0 <= y) active_.push_back(static_cast<std::uint32_t>(next++));
        xs_.clear();
        std::size_t keep = 0;
        for (std::uint32_t k : active_) {
          const Edge& e = edges_[k];
          if (e.y1 <= y) continue;  // ended above: drop
          active_[keep++] = k;
          if (e.y0 > y) continue;
          xs_.push_back({e.x0 + (y - e.y0) * e.dxdy, e.dir});
        }
        active_.resize(keep);
        std::sort(xs_.begin(), xs_.end(), [](const Crossing& a, const Crossing& b) { return a.x < b.x; });
        int winding = 0;
        for (std::size_t k = 0; k + 1 < xs_.size(); ++k) {
          winding += nonzero ? xs_[k].dir : 1;
          if (nonzero ? winding != 0 : (winding & 1)) span(xs_[k].x, xs_[k + 1].x, lo, hi);
        }
      }
      const int x0 = std::max(lo, 0), x1 = std::min(hi, w_ - 1);
      for (int x = x0; x <= x1; ++x) {
        float& c = cover_[static_cast<std::size_t>(x)];
        const float a = std::min(1.0f, c / kSubScanlines);
        c = 0;
        if (a <= 0) continue;
        blend(x, row, color, a);
        if (a >= 0.5f) r_.ink[static_cast<std::size_t>(row) * w_ + x] = ink;
      }
      if (hi + 1 < static_cast<int>(cover_.size()) && hi + 1 >= 0) cover_[static_cast<std::size_t>(hi + 1)] = 0;
    }
    edges_.clear();
  }

  // Strokes a polyline `width` pixels wide (closed: back to its start).
  void stroke(const float* xy, std::size_t n_floats, float width, Rgb color, Ink ink, bool closed) {
    const std::size_t n = n_floats / 2;
    for (std::size_t i = 0; i + 1 < n + (closed ? 1 : 0); ++i) {
      const std::size_t j = (i + 1) % n;
      add_segment(xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], width);
    }
    fill(color, ink, true);
  }

  void set(int x, int y, Rgb color, Ink ink) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
    r_.pixels[static_cast<std::size_t>(y) * w_ + x] = color;
    r_.ink[static_cast<std::size_t>(y) * w_ + x] = ink;
  }

  Raster take() { return std::move(r_); }

 private:
  struct Edge {
    float x0, y0, y1, dxdy;
    int dir;
  };
  struct Crossing {
    float x;
    int dir;
  };

  // Coordinates are clamped near the raster, so a damaged image's huge or
  // non-finite numbers cannot overflow the loops; horizontal edges add nothing.
  void add_edge(float xa, float ya, float xb, float yb) {
    auto clampx = [&](float v) {
      return std::isfinite(v) ? std::clamp(v, -kMargin, static_cast<float>(w_) + kMargin) : -kMargin;
    };
    auto clampy = [&](float v) {
      return std::isfinite(v) ? std::clamp(v, -kMargin, static_cast<float>(h_) + kMargin) : -kMargin;
    };
    xa = clampx(xa);
    xb = clampx(xb);
    ya = clampy(ya);
    yb = clampy(yb);
    if (ya == yb) return;
    const int dir = yb > ya ? 1 : -1;
    if (ya > yb) {
      std::swap(xa, xb);
      std::swap(ya, yb);
    }
    edges_.push_back({xa, ya, yb, (xb - xa) / (yb - ya), dir});
  }

  // Adds the coverage of [xa, xb) on one sub-scanline to cover_.
  void span(float xa, float xb, int& lo, int& hi) {
    xa = std::max(xa, 0.0f);
    xb = std::min(xb, static_cast<float>(w_));
    if (xb <= xa) return;
    const int ia = static_cast<int>(xa), ib = static_cast<int>(xb);
    lo = std::min(lo, ia);
    hi = std::max(hi, std::min(ib, w_ - 1));
    if (ia == ib) {
      cover_[static_cast<std::size_t>(ia)] += xb - xa;
      return;
    }
    cover_[static_cast<std::size_t>(ia)] += static_cast<float>(ia + 1) - xa;
    for (int x = ia + 1; x < ib; ++x) cover_[static_cast<std::size_t>(x)] += 1.0f;
    if (ib < w_) cover_[static_cast<std::size_t>(ib)] += xb - static_cast<float>(ib);
  }

  void blend(int x, int y, Rgb c, float a) {
    Rgb& p = r_.pixels[static_cast<std::size_t>(y) * w_ + x];
    auto mix = [a](std::uint8_t from, std::uint8_t to) {
      return static_cast<std::uint8_t>(static_cast<float>(from) + static_cast<float>(to - from) * a + 0.5f);
    };
    p = {mix(p.r, c.r), mix(p.g, c.g), mix(p.b, c.b)};
  }

  int w_, h_;
  Raster r_;
  std::vector<float> cover_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> active_;
  std::vector<Crossing> xs_;
};

Rgb fill_color(const AreaPaint& a) {
  return a.primary ? palette::kPrimary : a.spillover ? palette::kSpillover : palette::kAsked;
}
Ink fill_ink(const AreaPaint& a) { return a.primary ? Ink::kPrimary : a.spillover ? Ink::kSpillover : Ink::kAsked; }

}  // namespace

Raster rasterize(const Scene& scene, double scale, double mark_pixels) {
  const int w = std::max(1, static_cast<int>(std::ceil(scene.width * scale)));
  const int h = std::max(1, static_cast<int>(std::ceil(scene.height * scale)));
  Canvas c(w, h);
  const auto px = [&](double units, double at_least) { return static_cast<float>(std::max(units * scale, at_least)); };
  std::vector<float> buf;
  // Scaled to pixels, dropping vertices closer than 0.8 pixel to the one
  // kept before: the atlas's smooth curves have far more vertices than a
  // small picture can show, and each costs edges to sort and cross.
  auto scaled = [&](const std::vector<float>& xy) -> const std::vector<float>& {
    buf.clear();
    const std::size_t n = xy.size() / 2;
    for (std::size_t i = 0; i < n; ++i) {
      const float x = static_cast<float>(xy[2 * i] * scale), y = static_cast<float>(xy[2 * i + 1] * scale);
      const std::size_t k = buf.size();
      if (k >= 2 && i + 1 < n && std::fabs(x - buf[k - 2]) + std::fabs(y - buf[k - 1]) < 0.8f) continue;
      buf.push_back(x);
      buf.push_back(y);
    }
    return buf;
  };
  for (const SceneView& v : scene.views) {
    for (const auto& poly : v.outline) {
      const auto& p = scaled(poly);
      c.add_polygon(p.data(), p.size());
      c.fill(palette::kBody, Ink::kBody);
    }
    for (const auto& line : v.lines) {
      const auto& p = scaled(line);
      // Landmark lines stay faint on a small picture: a full pixel of them
      // would tile the body in grey.
      c.stroke(p.data(), p.size(), px(1.5, 0.25), palette::kLine, Ink::kLine, false);
    }
  }
  for (const SceneShape& s : scene.shapes) {
    const auto& p = scaled(s.points);
    c.add_polygon(p.data(), p.size());
    c.fill(fill_color(s.paint), fill_ink(s.paint));
  }
  for (const SceneView& v : scene.views)
    for (const auto& poly : v.outline) {
      const auto& p = scaled(poly);
      c.stroke(p.data(), p.size(), px(2, 0.6), palette::kOutline, Ink::kEdge, true);
    }
  for (const SceneShape& s : scene.shapes)
    if (s.paint.asked) {
      const auto& p = scaled(s.points);
      c.stroke(p.data(), p.size(), px(3, 0.5), palette::kAskedEdge, fill_ink(s.paint), true);
    }
  const double size = std::max(24 * scale, mark_pixels);
  for (const SceneMark& m : scene.marks) {
    const double x = m.x * scale, y = m.y * scale;
    if (size < 8) {
      // Too small to stroke: the X as pixels, centre and four corners.
      const int cx = static_cast<int>(std::floor(x)), cy = static_cast<int>(std::floor(y));
      for (int d : {-1, 0, 1}) {
        c.set(cx + d, cy + d, palette::kMark, Ink::kMark);
        c.set(cx + d, cy - d, palette::kMark, Ink::kMark);
      }
      continue;
    }
    const float half = static_cast<float>(size / 2), fx = static_cast<float>(x), fy = static_cast<float>(y);
    for (auto [width, color] : {std::pair{px(9, 3), palette::kBackground}, std::pair{px(5, 1.5), palette::kMark}}) {
      c.add_segment(fx - half, fy - half, fx + half, fy + half, width);
      c.add_segment(fx - half, fy + half, fx + half, fy - half, width);
      c.fill(color, Ink::kMark, true);
    }
  }
  Raster r = c.take();
  r.scale = scale;
  return r;
}

void write_ppm(std::ostream& out, const Raster& r) {
  out << "P6\n" << r.width << ' ' << r.height << "\n255\n";
  for (const Rgb& p : r.pixels) out.put(static_cast<char>(p.r)).put(static_cast<char>(p.g)).put(static_cast<char>(p.b));
}

}  // namespace tpx
