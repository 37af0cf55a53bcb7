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
  Canvas(int w, int h) : w_(w), h_(h), cover_(static_cast<std::size_t>(w) + 2) {
    r_.width = w;
    r_.height = h;
    r_.pixels.assign(static_cast<std::size_t>(w) * h, palette::kBackground);
    r_.ink.assign(static_cast<std::size_t>(w) * h, Ink::kBackground);
  }

  // Fills a closed polygon of pixel coordinates (even-odd rule).
  void fill(const std::vector<float>& xy, Rgb color, Ink ink) {
    if (xy.size() < 6) return;
    std::vector<float> p(xy.size());
    float y0 = 1e9f, y1 = -1e9f;
    for (std::size_t i = 0; i < xy.size(); ++i) {
      const float lim = (i % 2 ? static_cast<float>(h_) : static_cast<float>(w_)) + kMargin;
      p[i] = std::isfinite(xy[i]) ? std::clamp(xy[i], -kMargin, lim) : -kMargin;
      if (i % 2) {
        y0 = std::min(y0, p[i]);
        y1 = std::max(y1, p[i]);
      }
    }
    const int row0 = std::max(0, static_cast<int>(std::floor(y0)));
    const int row1 = std::min(h_ - 1, static_cast<int>(std::ceil(y1)));
    const std::size_t n = p.size() / 2;
    std::vector<float> xs;
    for (int row = row0; row <= row1; ++row) {
      std::fill(cover_.begin(), cover_.end(), 0.0f);
      int lo = w_, hi = -1;
      for (int sub = 0; sub < kSubScanlines; ++sub) {
        const float y = static_cast<float>(row) + (static_cast<float>(sub) + 0.5f) / kSubScanlines;
        xs.clear();
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
          const float ya = p[2 * j + 1], yb = p[2 * i + 1];
          if ((ya > y) == (yb > y)) continue;
          const float xa = p[2 * j], xb = p[2 * i];
          xs.push_back(xa + (y - ya) * (xb - xa) / (yb - ya));
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2) span(xs[k], xs[k + 1], lo, hi);
      }
      for (int x = std::max(lo, 0); x <= std::min(hi, w_ - 1); ++x) {
        const float a = std::min(1.0f, cover_[static_cast<std::size_t>(x)] / kSubScanlines);
        if (a <= 0) continue;
        blend(x, row, color, a);
        if (a >= 0.5f) r_.ink[static_cast<std::size_t>(row) * w_ + x] = ink;
      }
    }
  }

  // Strokes a polyline `width` pixels wide (closed: back to its start).
  void stroke(const std::vector<float>& xy, float width, Rgb color, Ink ink, bool closed) {
    const std::size_t n = xy.size() / 2;
    for (std::size_t i = 0; i + 1 < n + (closed ? 1 : 0); ++i) {
      const std::size_t j = (i + 1) % n;
      segment(xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], width, color, ink);
    }
  }

  void segment(float ax, float ay, float bx, float by, float width, Rgb color, Ink ink) {
    float dx = bx - ax, dy = by - ay;
    const float len = std::hypot(dx, dy);
    if (!(len > 1e-4f)) return;
    dx /= len;
    dy /= len;
    const float h = width / 2;
    // Square caps (extended by half the width) close the gaps at joints.
    ax -= dx * h;
    ay -= dy * h;
    bx += dx * h;
    by += dy * h;
    fill({ax - dy * h, ay + dx * h, bx - dy * h, by + dx * h, bx + dy * h, by - dx * h, ax + dy * h, ay - dx * h},
         color, ink);
  }

  void set(int x, int y, Rgb color, Ink ink) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
    r_.pixels[static_cast<std::size_t>(y) * w_ + x] = color;
    r_.ink[static_cast<std::size_t>(y) * w_ + x] = ink;
  }

  Raster take() { return std::move(r_); }

 private:
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
      return static_cast<std::uint8_t>(std::lround(from + (to - from) * a));
    };
    p = {mix(p.r, c.r), mix(p.g, c.g), mix(p.b, c.b)};
  }

  int w_, h_;
  Raster r_;
  std::vector<float> cover_;
};

std::vector<float> scaled(const std::vector<float>& xy, double s) {
  std::vector<float> out(xy.size());
  for (std::size_t i = 0; i < xy.size(); ++i) out[i] = static_cast<float>(xy[i] * s);
  return out;
}

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
  for (const SceneView& v : scene.views) {
    for (const auto& poly : v.outline) c.fill(scaled(poly, scale), palette::kBody, Ink::kBody);
    for (const auto& line : v.lines) c.stroke(scaled(line, scale), px(1.5, 0.4), palette::kLine, Ink::kLine, false);
  }
  for (const SceneShape& s : scene.shapes) c.fill(scaled(s.points, scale), fill_color(s.paint), fill_ink(s.paint));
  for (const SceneView& v : scene.views)
    for (const auto& poly : v.outline) c.stroke(scaled(poly, scale), px(2, 0.6), palette::kOutline, Ink::kEdge, true);
  for (const SceneShape& s : scene.shapes)
    if (s.paint.asked) c.stroke(scaled(s.points, scale), px(3, 0.5), palette::kAskedEdge, fill_ink(s.paint), true);
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
    const float h = static_cast<float>(size / 2), fx = static_cast<float>(x), fy = static_cast<float>(y);
    for (auto [width, color] : {std::pair{px(9, 3), palette::kBackground}, std::pair{px(5, 1.5), palette::kMark}}) {
      c.segment(fx - h, fy - h, fx + h, fy + h, width, color, Ink::kMark);
      c.segment(fx - h, fy + h, fx + h, fy - h, width, color, Ink::kMark);
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
