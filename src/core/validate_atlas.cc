// Cross-file checks of the body atlas: ids that exist, shapes and points
// inside their view's outline, every area and trigger point placed.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "geometry.h"
#include "tpx/suggest.h"
#include "validate.h"

namespace tpx::detail {
namespace {

// How far (in view units) a vertex may stray outside the outline: shapes
// are drawn by hand against the silhouette's edge.
constexpr double kOutlineTolerance = 2.0;

class AtlasValidator {
 public:
  AtlasValidator(const Model& m, std::vector<Diagnostic>& out) : m_(m), out_(out) {}

  void run() {
    for (const Area& a : m_.areas) areas_.insert(a.id.value);
    for (const Muscle& mu : m_.muscles) {
      auto& tps = muscles_[mu.id.value];
      for (const TriggerPoint& tp : mu.trigger_points) tps.insert(tp.id.value);
    }
    std::map<std::string, Pos> ids;
    for (const AtlasView& v : m_.views) {
      if (!v.id.value.empty() && !ids.emplace(v.id.value, v.id.pos).second)
        add(Severity::kError, v.id.pos, fmt::format("duplicate atlas view id '{}'", v.id.value));
      check_view(v);
    }
    if (!m_.views.empty()) check_coverage();
  }

 private:
  void add(Severity s, const Pos& p, std::string msg) { out_.push_back(diagnostic_at(m_, p, s, std::move(msg))); }

  void unknown(const Text& t, std::string_view noun, const std::vector<std::string>& names) {
    std::string msg = fmt::format("unknown {} '{}'", noun, t.value);
    auto near = closest(t.value, names, 3, 1);
    if (!near.empty()) msg += fmt::format("; did you mean '{}'?", near.front());
    add(Severity::kError, t.pos, std::move(msg));
  }

  void check_header(const AtlasView& v) {
    if (!v.id.value.empty()) {
      if (!is_valid_id(v.id.value))
        add(Severity::kError, v.id.pos, fmt::format("atlas view id '{}' must be kebab-case", v.id.value));
      if (v.id.pos.file >= 0) {
        std::string stem = std::filesystem::path(m_.files[v.id.pos.file]).stem().string();
        if (stem != v.id.value)
          add(Severity::kError, v.id.pos,
              fmt::format("atlas view id '{}' must match its file name '{}.yaml'", v.id.value, stem));
      }
    }
    if (!v.facing.value.empty()) {
      std::vector<std::string> facings(std::begin(kFacings), std::end(kFacings));
      if (std::find(facings.begin(), facings.end(), v.facing.value) == facings.end())
        unknown(v.facing, "facing", facings);
    }
    if (v.has_midline && (v.midline <= 0 || v.midline >= v.width))
      add(Severity::kError, v.id.pos, fmt::format("the midline of view '{}' lies outside its width", v.id.value));
  }

  void check_view(const AtlasView& v) {
    check_header(v);
    std::vector<std::span<const double>> outline;
    for (const Polyline& p : v.outline) {
      outline.emplace_back(p.values);
      check_in_frame(v, p.values, p.pos, "the outline");
    }
    for (const Polyline& p : v.lines) check_in_frame(v, p.values, p.pos, "a landmark line");
    std::vector<std::string> area_names(areas_.begin(), areas_.end());
    std::set<std::string> seen;
    for (const AtlasArea& a : v.areas) {
      if (!areas_.count(a.area.value))
        unknown(a.area, "area", area_names);
      else
        placed_areas_.insert(a.area.value);
      if (!seen.insert(a.area.value).second)
        add(Severity::kError, a.area.pos,
            fmt::format("area '{}' is listed twice in view '{}'", a.area.value, v.id.value));
      for (const AtlasShape& s : a.shapes) check_shape(v, outline, a, s);
    }
    std::set<std::string> seen_points;
    for (const AtlasPoint& p : v.points) check_point(v, outline, p, seen_points);
  }

  void check_in_frame(const AtlasView& v, const std::vector<double>& xy, const Pos& pos, std::string_view what) {
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
      if (xy[i] < -kOutlineTolerance || xy[i] > v.width + kOutlineTolerance || xy[i + 1] < -kOutlineTolerance ||
          xy[i + 1] > v.height + kOutlineTolerance) {
        add(Severity::kError, pos,
            fmt::format("{} of view '{}' leaves its {}x{} frame at ({}, {})", what, v.id.value, v.width, v.height,
                        xy[i], xy[i + 1]));
        return;
      }
    }
  }

  void check_shape(const AtlasView& v, const std::vector<std::span<const double>>& outline, const AtlasArea& a,
                   const AtlasShape& s) {
    std::vector<double> pts = s.kind == AtlasShape::Kind::kEllipse ? ellipse_polygon(s.values, 16) : s.values;
    if (s.kind == AtlasShape::Kind::kPolygon && std::fabs(signed_area(pts)) < 1e-6) {
      add(Severity::kError, s.pos,
          fmt::format("a shape of area '{}' in view '{}' has no area (its points lie on "
                      "one line)",
                      a.area.value, v.id.value));
      return;
    }
    if (outline.empty()) return;
    for (std::size_t i = 0; i + 1 < pts.size(); i += 2) {
      if (!inside_any(outline, pts[i], pts[i + 1], kOutlineTolerance)) {
        add(Severity::kError, s.pos,
            fmt::format("a shape of area '{}' leaves the outline of view '{}' at ({:.0f}, {:.0f})", a.area.value,
                        v.id.value, pts[i], pts[i + 1]));
        return;
      }
    }
  }

  static double signed_area(const std::vector<double>& p) {
    double a = 0;
    const std::size_t n = p.size() / 2;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
    return a / 2;
  }

  void check_point(const AtlasView& v, const std::vector<std::span<const double>>& outline, const AtlasPoint& p,
                   std::set<std::string>& seen) {
    const std::string key = p.muscle.value + "/" + p.trigger_point.value;
    if (!seen.insert(key).second)
      add(Severity::kError, p.muscle.pos,
          fmt::format("trigger point '{}' is placed twice in view '{}'", key, v.id.value));
    auto mu = muscles_.find(p.muscle.value);
    if (mu == muscles_.end()) {
      std::vector<std::string> names;
      for (const auto& [name, tps] : muscles_) names.push_back(name);
      unknown(p.muscle, "muscle", names);
    } else if (!mu->second.count(p.trigger_point.value)) {
      std::vector<std::string> names(mu->second.begin(), mu->second.end());
      unknown(p.trigger_point, fmt::format("trigger point of '{}'", p.muscle.value), names);
    } else {
      placed_points_.insert(key);
    }
    if (!outline.empty() && !inside_any(outline, p.x, p.y, kOutlineTolerance))
      add(Severity::kError, p.muscle.pos,
          fmt::format("trigger point '{}' at ({}, {}) lies outside the outline of view '{}'", key, p.x, p.y,
                      v.id.value));
  }

  // Gaps in the drawing (kAtlasGapSeverity: errors); a KB without any view
  // has no pictures and no gaps.
  void check_coverage() {
    for (const Area& a : m_.areas)
      if (!placed_areas_.count(a.id.value))
        add(kAtlasGapSeverity, a.id.pos, fmt::format("area '{}' has no shape on any atlas view", a.id.value));
    for (const Muscle& mu : m_.muscles)
      for (const TriggerPoint& tp : mu.trigger_points)
        if (!placed_points_.count(mu.id.value + "/" + tp.id.value))
          add(kAtlasGapSeverity, tp.id.pos,
              fmt::format("trigger point '{}/{}' has no position on any atlas view", mu.id.value, tp.id.value));
  }

  const Model& m_;
  std::vector<Diagnostic>& out_;
  std::set<std::string> areas_;
  std::map<std::string, std::set<std::string>> muscles_;
  std::set<std::string> placed_areas_, placed_points_;
};

}  // namespace

void validate_atlas(const Model& m, std::vector<Diagnostic>& out) { AtlasValidator(m, out).run(); }

}  // namespace tpx::detail
