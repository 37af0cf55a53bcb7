// Private: plane geometry for the atlas (validation, the scene, tests).
// Polygons are flat lists x1, y1, x2, y2, ... closed implicitly.
#ifndef TPX_SRC_CORE_GEOMETRY_H_
#define TPX_SRC_CORE_GEOMETRY_H_

#include <span>
#include <vector>

namespace tpx::detail {

struct Point {
  double x = 0, y = 0;
};

/// Even-odd rule: true when (x, y) is inside `poly`.
bool point_in_polygon(std::span<const double> poly, double x, double y);

/// The shortest distance from (x, y) to the edges of the closed `poly`.
double distance_to_edges(std::span<const double> poly, double x, double y);

/// True when (x, y) is inside one of `polys` or within `tolerance` of an edge.
bool inside_any(const std::vector<std::span<const double>>& polys, double x, double y, double tolerance);

/// The ellipse [cx, cy, rx, ry, degrees clockwise] as a polygon of `n` points.
std::vector<double> ellipse_polygon(std::span<const double> e, int n);

/// The area-weighted centroid of `poly` (the vertex mean if it has no area).
Point centroid(std::span<const double> poly);

/// A point well inside `poly`: its centroid when that lies inside and clear
/// of the edges, else the grid point farthest from every edge. For labels
/// and for probing a shape's colour.
Point interior_point(std::span<const double> poly);

/// Bounding box {min x, min y, max x, max y}.
struct Box {
  double x0, y0, x1, y1;
};
Box bounds(std::span<const double> poly);

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_GEOMETRY_H_
