// Pictures as geometry: which views, where each shape and mark goes.
#include "tpx/atlas.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace tpx {
namespace {

using image::MarkRec;
using image::ShapeRec;
using image::ViewRec;

bool whole_body(const ViewRec& v) { return v.midline >= 0; }

// Scale from a view's frame to the scene.
float view_scale(const ViewRec& v) { return (whole_body(v) ? kBodyHeight : kCloseUpHeight) / v.height; }

// How large an area is drawn on a view, in scene units: the square root of
// its shapes' bounding boxes' areas.
float drawn_size(const Kb& kb, std::uint32_t area, std::uint32_t view) {
  double sum = 0;
  for (const ShapeRec& s : kb.shapes_of(area)) {
    if (s.view != view) continue;
    std::span<const float> p = kb.floats(s.points).verified();
    float x0 = p[0], x1 = p[0], y0 = p[1], y1 = p[1];
    for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
      x0 = std::min(x0, p[i]);
      x1 = std::max(x1, p[i]);
      y0 = std::min(y0, p[i + 1]);
      y1 = std::max(y1, p[i + 1]);
    }
    if (std::isfinite(x1 - x0) && std::isfinite(y1 - y0)) sum += double(x1 - x0) * double(y1 - y0);
  }
  return static_cast<float>(std::sqrt(sum)) * view_scale(kb.views()[view]);
}

// An area is shown well enough on a view drawn at least this share of its
// size on the view that shows it largest.
constexpr float kLegibleShare = 0.5f;

// Order of views in a scene: front, back, other whole-body views, then
// close-ups, each in KB order.
int view_rank(const Kb& kb, std::uint32_t v) {
  const ViewRec& rec = kb.views()[v];
  const std::string_view facing = kb.str(rec.facing);
  if (whole_body(rec)) return facing == "front" ? 0 : facing == "back" ? 1 : 2;
  return 3;
}

std::string side_note(std::string_view facing) {
  if (facing == "right-side") return "your right side";
  if (facing == "left-side") return "your left side";
  if (facing == "palm") return "your right hand, palm";
  if (facing == "back-of-hand") return "your right hand, back";
  if (facing == "sole") return "your right foot, sole";
  return {};
}

void add_paint(std::map<std::uint32_t, AreaPaint>& paints, std::uint32_t area, bool primary, bool asked) {
  AreaPaint& p = paints[area];
  p.area = area;
  if (asked)
    p.asked = true;
  else if (primary)
    p.primary = true;
  else
    p.spillover = true;
}

void add_trigger_point(const Kb& kb, std::uint32_t tp, std::map<std::uint32_t, AreaPaint>& paints,
                       std::vector<std::uint32_t>& marks) {
  const image::TriggerPointRec& rec = kb.trigger_point(tp);
  for (std::uint32_t a : kb.u32s(rec.primary)) add_paint(paints, a, true, false);
  for (std::uint32_t a : kb.u32s(rec.spillover)) add_paint(paints, a, false, false);
  if (std::find(marks.begin(), marks.end(), tp) == marks.end()) marks.push_back(tp);
}

std::vector<AreaPaint> values(const std::map<std::uint32_t, AreaPaint>& paints) {
  std::vector<AreaPaint> out;
  for (const auto& [area, p] : paints) out.push_back(p);
  return out;
}

void add_asked(const Kb& kb, const Resolution& r, std::map<std::uint32_t, AreaPaint>& paints) {
  for (const ResolvedTerm& t : r.terms) {
    if (t.kind == image::TermKind::kArea) add_paint(paints, t.target, false, true);
    if (t.kind == image::TermKind::kRegion)
      for (std::uint32_t a : kb.u32s(kb.regions()[t.target].areas)) add_paint(paints, a, false, true);
  }
}

std::vector<float> place(std::span<const float> xy, const SceneView& sv, float mirror_axis) {
  std::vector<float> out(xy.size());
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
    const float x = mirror_axis >= 0 ? 2 * mirror_axis - xy[i] : xy[i];
    out[i] = sv.x + sv.scale * x;
    out[i + 1] = sv.y + sv.scale * xy[i + 1];
  }
  return out;
}

}  // namespace

Picture muscle_picture(const Kb& kb, std::uint32_t muscle) {
  const image::MuscleRec& m = kb.muscles()[muscle];
  std::map<std::uint32_t, AreaPaint> paints;
  Picture p;
  p.title = std::string(kb.str(m.name));
  for (std::uint32_t i = 0; i < m.trigger_points.count; ++i)
    add_trigger_point(kb, m.trigger_points.first + i, paints, p.trigger_points);
  p.areas = values(paints);
  return p;
}

Picture where_picture(const Kb& kb, const Resolution& r, const Ranking& ranking) {
  std::map<std::uint32_t, AreaPaint> paints;
  Picture p;
  add_asked(kb, r, paints);
  if (!ranking.matches.empty()) {
    const Match& top = ranking.matches.front();
    p.title = std::string(kb.str(kb.muscles()[top.muscle].name));
    for (std::uint32_t tp : press_points(kb, top)) add_trigger_point(kb, tp, paints, p.trigger_points);
  }
  p.areas = values(paints);
  return p;
}

Picture area_picture(const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) {
  std::map<std::uint32_t, AreaPaint> paints;
  Picture p;
  add_asked(kb, r, paints);
  for (const AreaPaint& a : values(paints)) {
    if (!p.title.empty()) p.title += ", ";
    p.title += kb.str(kb.areas()[a.area].label);
  }
  for (const Referrer& ref : referrers)
    if (std::find(p.trigger_points.begin(), p.trigger_points.end(), ref.trigger_point) == p.trigger_points.end())
      p.trigger_points.push_back(ref.trigger_point);
  p.areas = values(paints);
  return p;
}

std::vector<std::uint32_t> choose_views(const Kb& kb, const Picture& p) {
  const std::uint32_t n_views = static_cast<std::uint32_t>(kb.views().size());
  // Each thing to show, with the views that show it well enough.
  std::vector<std::vector<std::uint32_t>> needs;
  for (const AreaPaint& a : p.areas) {
    std::vector<float> size(n_views, 0);
    for (const ShapeRec& s : kb.shapes_of(a.area)) size[s.view] = drawn_size(kb, a.area, s.view);
    const float best = *std::max_element(size.begin(), size.end());
    std::vector<std::uint32_t> good;
    for (std::uint32_t v = 0; v < n_views; ++v)
      if (size[v] > 0 && size[v] >= kLegibleShare * best) good.push_back(v);
    if (!good.empty()) needs.push_back(std::move(good));
  }
  // X marks: any view that carries them.
  for (std::uint32_t tp : p.trigger_points) {
    std::vector<std::uint32_t> views;
    for (const MarkRec& m : kb.marks_of(tp)) views.push_back(m.view);
    if (!views.empty()) needs.push_back(std::move(views));
  }
  // Greedy set cover: the view that shows most of what is still missing,
  // whole-body views first on a tie.
  std::vector<std::uint32_t> chosen;
  while (!needs.empty()) {
    std::uint32_t best_view = 0;
    std::size_t best_count = 0;
    for (std::uint32_t v = 0; v < n_views; ++v) {
      std::size_t count = 0;
      for (const auto& views : needs) count += std::count(views.begin(), views.end(), v);
      if (count > best_count || (count == best_count && count > 0 && view_rank(kb, v) < view_rank(kb, best_view))) {
        best_view = v;
        best_count = count;
      }
    }
    if (best_count == 0) break;
    chosen.push_back(best_view);
    std::erase_if(needs, [&](const auto& views) { return std::count(views.begin(), views.end(), best_view) > 0; });
  }
  std::sort(chosen.begin(), chosen.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::pair(view_rank(kb, a), a) < std::pair(view_rank(kb, b), b);
  });
  return chosen;
}

Scene make_scene(const Kb& kb, const Picture& p) {
  Scene scene;
  scene.title = p.title;
  float x = kSceneMargin, bottom = 0;
  std::map<std::uint32_t, std::size_t> slot;  // view index -> scene view
  for (std::uint32_t v : choose_views(kb, p)) {
    const ViewRec& rec = kb.views()[v];
    SceneView sv;
    sv.view = v;
    sv.scale = view_scale(rec);
    sv.x = x;
    sv.y = kLabelBand;
    sv.width = rec.width * sv.scale;
    sv.height = rec.height * sv.scale;
    sv.label = std::string(kb.str(rec.label));
    const std::string_view facing = kb.str(rec.facing);
    sv.side_note = side_note(facing);
    if (whole_body(rec)) {
      // On a front view the person's right is on the viewer's left.
      const bool front = facing == "front";
      sv.left_side = front ? "your right" : "your left";
      sv.right_side = front ? "your left" : "your right";
    }
    for (const image::Range& path : kb.paths(rec.outline))
      sv.outline.push_back(place(kb.floats(path).verified(), sv, -1));
    for (const image::Range& path : kb.paths(rec.lines)) sv.lines.push_back(place(kb.floats(path).verified(), sv, -1));
    x += sv.width + kViewGap;
    bottom = std::max(bottom, sv.y + sv.height);
    slot[v] = scene.views.size();
    scene.views.push_back(std::move(sv));
  }
  if (scene.views.empty()) return scene;
  scene.width = x - kViewGap + kSceneMargin;
  scene.height = bottom + 10;
  // Drawing order: spillover under primary, the asked outline on top.
  auto layer = [](const AreaPaint& a) { return a.primary ? 1 : a.spillover ? 0 : 2; };
  std::vector<AreaPaint> order = p.areas;
  std::stable_sort(order.begin(), order.end(),
                   [&](const AreaPaint& a, const AreaPaint& b) { return layer(a) < layer(b); });
  for (const AreaPaint& a : order) {
    for (const ShapeRec& s : kb.shapes_of(a.area)) {
      auto it = slot.find(s.view);
      if (it == slot.end()) continue;
      const SceneView& sv = scene.views[it->second];
      scene.shapes.push_back({a, it->second, false, place(kb.floats(s.points).verified(), sv, -1)});
      const float midline = kb.views()[s.view].midline;
      if (a.asked && p.mirror_asked && midline >= 0) {
        // The other side is where it may hurt, not where the pattern is.
        const AreaPaint asked_only{a.area, false, false, true};
        scene.shapes.push_back({asked_only, it->second, true, place(kb.floats(s.points).verified(), sv, midline)});
      }
      scene.has_primary |= a.primary;
      scene.has_spillover |= a.spillover && !a.primary;
      scene.has_asked |= a.asked;
    }
  }
  for (std::uint32_t tp : p.trigger_points) {
    for (const MarkRec& m : kb.marks_of(tp)) {
      auto it = slot.find(m.view);
      if (it == slot.end()) continue;
      const SceneView& sv = scene.views[it->second];
      scene.marks.push_back({tp, it->second, sv.x + sv.scale * m.x, sv.y + sv.scale * m.y});
    }
  }
  return scene;
}

}  // namespace tpx
