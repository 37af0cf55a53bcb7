#include "geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace tpx::detail {

bool point_in_polygon(std::span<const double> poly, double x, double y) {
  const std::size_t n = poly.size() / 2;
  bool inside = false;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const double xi = poly[2 * i], yi = poly[2 * i + 1], xj = poly[2 * j], yj = poly[2 * j + 1];
    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

namespace {
double segment_distance(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}
}  // namespace

double distance_to_edges(std::span<const double> poly, double x, double y) {
  const std::size_t n = poly.size() / 2;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++)
    best = std::min(best, segment_distance(x, y, poly[2 * j], poly[2 * j + 1], poly[2 * i], poly[2 * i + 1]));
  return best;
}

bool inside_any(const std::vector<std::span<const double>>& polys, double x, double y, double tolerance) {
  for (std::span<const double> p : polys)
    if (point_in_polygon(p, x, y) || distance_to_edges(p, x, y) <= tolerance) return true;
  return false;
}

std::vector<double> ellipse_polygon(std::span<const double> e, int n) {
  const double a = e.size() > 4 ? e[4] * std::numbers::pi / 180 : 0;
  const double c = std::cos(a), s = std::sin(a);
  std::vector<double> out;
  out.reserve(2 * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double t = 2 * std::numbers::pi * i / n;
    const double x = e[2] * std::cos(t), y = e[3] * std::sin(t);
    // y grows downwards, so this turns clockwise on screen.
    out.push_back(e[0] + x * c - y * s);
    out.push_back(e[1] + x * s + y * c);
  }
  return out;
}

Point centroid(std::span<const double> poly) {
  const std::size_t n = poly.size() / 2;
  double a = 0, cx = 0, cy = 0, mx = 0, my = 0;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const double cross = poly[2 * j] * poly[2 * i + 1] - poly[2 * i] * poly[2 * j + 1];
    a += cross;
    cx += (poly[2 * j] + poly[2 * i]) * cross;
    cy += (poly[2 * j + 1] + poly[2 * i + 1]) * cross;
    mx += poly[2 * i];
    my += poly[2 * i + 1];
  }
  if (n == 0) return {};
  if (std::fabs(a) < 1e-9) return {mx / static_cast<double>(n), my / static_cast<double>(n)};
  return {cx / (3 * a), cy / (3 * a)};
}

Box bounds(std::span<const double> poly) {
  Box b{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i + 1 < poly.size(); i += 2) {
    b.x0 = std::min(b.x0, poly[i]);
    b.x1 = std::max(b.x1, poly[i]);
    b.y0 = std::min(b.y0, poly[i + 1]);
    b.y1 = std::max(b.y1, poly[i + 1]);
  }
  return b;
}

Point interior_point(std::span<const double> poly) {
  if (poly.size() < 6) return centroid(poly);
  const Box b = bounds(poly);
  const Point c = centroid(poly);
  const double size = std::min(b.x1 - b.x0, b.y1 - b.y0);
  auto clearance = [&](double x, double y) {
    return point_in_polygon(poly, x, y) ? distance_to_edges(poly, x, y) : -1.0;
  };
  // The centroid is what a person calls the middle; use it unless a concave
  // shape puts it outside or on the rim.
  if (clearance(c.x, c.y) >= 0.25 * size / 2) return c;
  Point best = c;
  double best_d = clearance(c.x, c.y);
  constexpr int kGrid = 24;
  for (int i = 0; i <= kGrid; ++i) {
    for (int j = 0; j <= kGrid; ++j) {
      const double x = b.x0 + (b.x1 - b.x0) * i / kGrid, y = b.y0 + (b.y1 - b.y0) * j / kGrid;
      if (double d = clearance(x, y); d > best_d) {
        best_d = d;
        best = {x, y};
      }
    }
  }
  return best;
}

}  // namespace tpx::detail
