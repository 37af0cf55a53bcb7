#include "load_atlas.h"

#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "tpx/limits.h"

namespace tpx::detail {
namespace {

// Coordinates beyond kMaxAtlasCoordinate are surely a typo, and bounding
// them keeps every later computation (areas, rasterising) far from overflow.
constexpr double kMaxCoordinate = kMaxAtlasCoordinate;

// A scalar node as a finite number, or a diagnostic.
bool number(YamlReader& r, const YAML::Node& n, std::string_view what, double& out) {
  if (!n.IsScalar()) {
    r.error(n, fmt::format("{} must be a number, found {}", what, node_kind(n)));
    return false;
  }
  const std::string& s = n.Scalar();
  char* end = nullptr;
  errno = 0;
  const double v = s.empty() ? 0 : std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) {
    r.error(n, fmt::format("{} must be a number, found '{}'", what, s));
    return false;
  }
  if (std::fabs(v) > kMaxCoordinate) {
    r.error(n, fmt::format("{} is {}; numbers in the atlas lie between -{} and {}", what, s, kMaxCoordinate,
                           kMaxCoordinate));
    return false;
  }
  out = v;
  return true;
}

// A flow or block list of numbers.
bool numbers(YamlReader& r, const YAML::Node& n, std::string_view what, std::vector<double>& out) {
  if (!n.IsSequence()) {
    r.error(n, fmt::format("{} must be a list of numbers, found {}", what, node_kind(n)));
    return false;
  }
  bool ok = true;
  for (const YAML::Node& item : n) {
    double v = 0;
    if (number(r, item, fmt::format("a coordinate of {}", what), v))
      out.push_back(v);
    else
      ok = false;
  }
  return ok;
}

// A list of x, y pairs with at least `min_points` points.
bool point_list(YamlReader& r, const YAML::Node& n, std::string_view what, std::size_t min_points, Polyline& out) {
  out.pos = r.pos(n);
  if (!numbers(r, n, what, out.values)) return false;
  if (out.values.size() % 2 != 0) {
    r.error(n, fmt::format("{} has {} numbers; it needs x, y pairs (an even count)", what, out.values.size()));
    return false;
  }
  if (out.values.size() < 2 * min_points) {
    r.error(n, fmt::format("{} has {} point{}; it needs at least {}", what, out.values.size() / 2,
                           out.values.size() == 2 ? "" : "s", min_points));
    return false;
  }
  return true;
}

void read_polylines(YamlReader& r, const YAML::Node& doc, const char* key, std::size_t min_points,
                    std::vector<Polyline>& out) {
  YAML::Node list = doc[key];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    r.error(list, fmt::format("'{}' must be a list of coordinate lists, found {}", key, node_kind(list)));
    return;
  }
  std::size_t i = 0;
  for (const YAML::Node& item : list) {
    Polyline p;
    if (point_list(r, item, fmt::format("'{}' #{}", key, ++i), min_points, p)) out.push_back(std::move(p));
  }
}

void read_shape(YamlReader& r, const YAML::Node& n, const std::string& what, AtlasArea& out) {
  if (!r.check_map(n, {"polygon", "ellipse"}, {}, what)) return;
  if (n.size() != 1 || (!n["polygon"] && !n["ellipse"])) {
    r.error(n, fmt::format("{} must have exactly one of 'polygon' or 'ellipse'", what));
    return;
  }
  AtlasShape shape;
  if (YAML::Node poly = n["polygon"]) {
    Polyline p;
    if (!point_list(r, poly, "a polygon of " + what, 3, p)) return;
    shape.kind = AtlasShape::Kind::kPolygon;
    shape.values = std::move(p.values);
    shape.pos = p.pos;
  } else {
    YAML::Node e = n["ellipse"];
    shape.kind = AtlasShape::Kind::kEllipse;
    shape.pos = r.pos(e);
    if (!numbers(r, e, "an ellipse of " + what, shape.values)) return;
    if (shape.values.size() != 4 && shape.values.size() != 5) {
      r.error(e, fmt::format("an ellipse of {} has {} numbers; it needs [cx, cy, rx, ry] or [cx, cy, rx, ry, "
                             "degrees]",
                             what, shape.values.size()));
      return;
    }
    if (shape.values[2] <= 0 || shape.values[3] <= 0) {
      r.error(e, fmt::format("an ellipse of {} needs radii above 0", what));
      return;
    }
    if (shape.values.size() == 4) shape.values.push_back(0);
  }
  out.shapes.push_back(std::move(shape));
}

void read_areas(YamlReader& r, const YAML::Node& doc, AtlasView& v) {
  YAML::Node areas = doc["areas"];
  if (!areas || areas.IsNull()) return;
  if (!areas.IsMap()) {
    r.error(areas, fmt::format("'areas' must map area ids to lists of shapes, found {}", node_kind(areas)));
    return;
  }
  for (auto it = areas.begin(); it != areas.end(); ++it) {
    AtlasArea a;
    if (!r.scalar(it->first, "an area id", a.area)) continue;
    const std::string what = fmt::format("area '{}'", a.area.value);
    const YAML::Node shapes = it->second;  // a copy: it-> yields a temporary
    if (!shapes.IsSequence() || shapes.size() == 0) {
      r.error(shapes, fmt::format("{} needs a list of shapes (- polygon: [...] or - ellipse: [...])", what));
      continue;
    }
    std::size_t i = 0;
    for (const YAML::Node& s : shapes) read_shape(r, s, fmt::format("shape #{} of {}", ++i, what), a);
    if (!a.shapes.empty()) v.areas.push_back(std::move(a));
  }
}

void read_points(YamlReader& r, const YAML::Node& doc, AtlasView& v) {
  YAML::Node points = doc["points"];
  if (!points || points.IsNull()) return;
  if (!points.IsMap()) {
    r.error(points, fmt::format("'points' must map muscle/trigger-point ids to [x, y], found {}", node_kind(points)));
    return;
  }
  for (auto it = points.begin(); it != points.end(); ++it) {
    Text key;
    if (!r.scalar(it->first, "a trigger point key", key)) continue;
    const std::size_t slash = key.value.find('/');
    if (slash == std::string::npos || key.value.find('/', slash + 1) != std::string::npos) {
      r.error(it->first, fmt::format("trigger point key '{}' must be <muscle id>/<trigger point id>", key.value));
      continue;
    }
    AtlasPoint p;
    p.muscle = {key.value.substr(0, slash), key.pos};
    p.trigger_point = {key.value.substr(slash + 1), key.pos};
    std::vector<double> xy;
    if (!numbers(r, it->second, fmt::format("the position of '{}'", key.value), xy)) continue;
    if (xy.size() != 2) {
      r.error(it->second, fmt::format("the position of '{}' must be [x, y], found {} numbers", key.value, xy.size()));
      continue;
    }
    p.x = xy[0];
    p.y = xy[1];
    v.points.push_back(std::move(p));
  }
}

}  // namespace

void read_atlas_view(YamlReader& r, const YAML::Node& doc, Model& m) {
  if (!r.check_map(doc, {"id", "label", "width", "height", "facing", "midline", "outline", "lines", "areas", "points"},
                   {"id", "label", "width", "height", "facing", "outline"}, "atlas view"))
    return;
  AtlasView v;
  r.read(doc, "id", v.id);
  r.read(doc, "label", v.label);
  r.read(doc, "facing", v.facing);
  for (auto [key, out] : {std::pair{"width", &v.width}, std::pair{"height", &v.height}}) {
    if (YAML::Node n = doc[key]; n && !n.IsNull() && number(r, n, fmt::format("'{}'", key), *out) && *out <= 0)
      r.error(n, fmt::format("'{}' must be above 0", key));
  }
  if (YAML::Node n = doc["midline"]; n && !n.IsNull()) v.has_midline = number(r, n, "'midline'", v.midline);
  read_polylines(r, doc, "outline", 3, v.outline);
  read_polylines(r, doc, "lines", 2, v.lines);
  read_areas(r, doc, v);
  read_points(r, doc, v);
  m.views.push_back(std::move(v));
}

}  // namespace tpx::detail
