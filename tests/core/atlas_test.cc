// The body atlas: loading and validating kb/atlas/*.yaml, the image's atlas
// sections, the geometry of the real drawing, and choosing views.
#include "tpx/atlas.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

#include "geometry.h"
#include "test_kb.h"
#include "tpx/compile.h"
#include "tpx/load.h"
#include "tpx/lookup.h"
#include "tpx/picture.h"

namespace tpx {
namespace {

const char* kSources[][2] = {
    {"regions.yaml", "- id: head\n  label: Head\n"},
    {"areas.yaml", "- id: temple\n  label: Temple\n  region: head\n- id: jaw\n  label: Jaw\n  region: head\n"},
    {"protocols.yaml", "- id: self-release\n  name: Self-release\n  steps: [Press.]\n  dose: 60 s\n"},
    {"muscles/temporalis.yaml",
     "id: temporalis\nname: Temporalis\nregion: head\nlocation: Over the temple.\ntrigger_points:\n"
     "  - id: front\n    location: Behind the eyebrow.\n    refers:\n      primary: [temple]\n"
     "      spillover: [jaw]\nprotocols: [self-release]\nsources: [T&S ch. 9]\n"},
};

constexpr const char* kView =
    "id: head-side\n"
    "label: Head from the right\n"
    "width: 100\n"
    "height: 100\n"
    "facing: right-side\n"
    "outline:\n"
    "  - [10, 10, 90, 10, 90, 90, 10, 90]\n"
    "areas:\n"
    "  temple:\n"
    "    - polygon: [20, 20, 40, 20, 40, 40]\n"
    "  jaw:\n"
    "    - ellipse: [60, 70, 10, 5]\n"
    "points:\n"
    "  temporalis/front: [30, 30]\n";

LoadResult load_view(const std::string& text) {
  std::vector<Source> sources;
  for (const auto& [rel, body] : kSources) sources.push_back({rel, std::string("kb/") + rel, body});
  sources.push_back({"atlas/head-side.yaml", "kb/atlas/head-side.yaml", text});
  return load_sources(sources);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

// Every diagnostic, formatted, one string.
std::string all(const LoadResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

TEST(AtlasLoad, AValidViewLoadsWithoutDiagnostics) {
  LoadResult r = load_view(kView);
  EXPECT_EQ(all(r), "");
  ASSERT_EQ(r.model.views.size(), 1u);
  const AtlasView& v = r.model.views[0];
  EXPECT_EQ(v.id.value, "head-side");
  EXPECT_FALSE(v.has_midline);
  ASSERT_EQ(v.areas.size(), 2u);
  EXPECT_EQ(v.areas[1].shapes[0].kind, AtlasShape::Kind::kEllipse);
  EXPECT_EQ(v.areas[1].shapes[0].values.size(), 5u);  // rotation 0 added
  ASSERT_EQ(v.points.size(), 1u);
  EXPECT_EQ(v.points[0].muscle.value, "temporalis");
  EXPECT_EQ(v.points[0].trigger_point.value, "front");
}

TEST(AtlasLoad, UnknownIdsSuggestTheNearest) {
  std::string text = replace(kView, "  temple:\n", "  tempel:\n");
  text = replace(text, "temporalis/front", "temporalis/frnt");
  const std::string d = all(load_view(text));
  EXPECT_NE(d.find("kb/atlas/head-side.yaml:9:3: error: unknown area 'tempel'; did you mean 'temple'?"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("error: unknown trigger point of 'temporalis' 'frnt'; did you mean 'front'?"), std::string::npos)
      << d;
  EXPECT_NE(all(load_view(replace(kView, "temporalis/front", "temporalus/front")))
                .find("head-side.yaml:14:3: error: unknown muscle 'temporalus'; did you mean 'temporalis'?"),
            std::string::npos);
}

TEST(AtlasLoad, MalformedShapesNameTheirPosition) {
  EXPECT_NE(
      all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, 40, 20]")))
          .find(
              "head-side.yaml:10:16: error: a polygon of shape #1 of area 'temple' has 2 points; it needs at least 3"),
      std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, 40, 20, 40]"))).find("an even count"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[60, 70, 10, 5]", "[60, 70, 10]"))).find("needs [cx, cy, rx, ry]"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[60, 70, 10, 5]", "[60, 70, 0, 5]"))).find("radii above 0"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, x, 20, 40, 40]")))
                .find("head-side.yaml:10:25: error: a coordinate of a polygon of shape #1 of area 'temple' must be a "
                      "number, found 'x'"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, 30, 30, 40, 40]"))).find("no area"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "    - polygon:", "    - circle:"))).find("unknown key 'circle'"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[30, 30]", "[30]"))).find("must be [x, y]"), std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[30, 30]", "[1e300, 30]")))
                .find("numbers in the atlas lie between -100000 and 100000"),
            std::string::npos);
}

TEST(AtlasLoad, NumbersAreBoundedByTheLimit) {
  EXPECT_EQ(all(load_view(replace(kView, "height: 100\n", "height: 100000\n"))), "");
  EXPECT_NE(
      all(load_view(replace(kView, "height: 100\n", "height: 100000.5\n")))
          .find("head-side.yaml:4:9: error: 'height' is 100000.5; numbers in the atlas lie between -100000 and 100000"),
      std::string::npos);
}

TEST(AtlasLoad, ShapesAndPointsOutsideTheOutlineAreErrors) {
  EXPECT_NE(all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, 40, 20, 40, 97]")))
                .find("head-side.yaml:10:16: error: a shape of area 'temple' leaves the outline of view 'head-side' at "
                      "(40, 97)"),
            std::string::npos);
  // Within the tolerance of the edge is fine.
  EXPECT_EQ(all(load_view(replace(kView, "[20, 20, 40, 20, 40, 40]", "[20, 20, 40, 20, 40, 91.5]"))), "");
  EXPECT_NE(all(load_view(replace(kView, "[30, 30]", "[95, 30]"))).find("lies outside the outline"), std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "[60, 70, 10, 5]", "[60, 70, 40, 5]"))).find("leaves the outline"),
            std::string::npos);
}

TEST(AtlasLoad, ViewHeaderIsChecked) {
  EXPECT_NE(
      all(load_view(replace(kView, "facing: right-side", "facing: rigth-side"))).find("did you mean 'right-side'"),
      std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "id: head-side", "id: head"))).find("must match its file name"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "width: 100", "width: -3"))).find("'width' must be above 0"),
            std::string::npos);
  EXPECT_NE(all(load_view(replace(kView, "outline:\n  - [10, 10, 90, 10, 90, 90, 10, 90]\n", "")))
                .find("missing required key 'outline'"),
            std::string::npos);
}

TEST(AtlasLoad, GapsAreErrors) {
  LoadResult r = load_view(replace(kView, "  jaw:\n    - ellipse: [60, 70, 10, 5]\n", ""));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(all(r).find("kb/areas.yaml:4:7: error: area 'jaw' has no shape on any atlas view"), std::string::npos)
      << all(r);
  r = load_view(replace(kView, "points:\n  temporalis/front: [30, 30]\n", ""));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(all(r).find("error: trigger point 'temporalis/front' has no position on any atlas view"),
            std::string::npos);
}

TEST(AtlasLoad, TheBuiltInAtlasPlacesEveryAreaAndTriggerPoint) {
  const LoadResult r = load_directory(TPX_SOURCE_KB_DIR);
  EXPECT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(all(r).find("atlas view"), std::string::npos) << all(r);
}

TEST(AtlasImage, ShapesAndMarksAreFoundByAreaAndTriggerPoint) {
  LoadResult r = load_view(kView);
  Kb kb = compile_kb(r.model);
  ASSERT_EQ(kb.views().size(), 1u);
  EXPECT_EQ(kb.str(kb.views()[0].id), "head-side");
  EXPECT_LT(kb.views()[0].midline, 0);
  EXPECT_EQ(kb.shapes_of(0).size(), 1u);                        // temple
  EXPECT_EQ(kb.floats(kb.shapes_of(1)[0].points).size(), 72u);  // jaw: an ellipse as 36 points
  ASSERT_EQ(kb.marks_of(0).size(), 1u);
  EXPECT_FLOAT_EQ(kb.marks_of(0)[0].x, 30);
}

// The fixture's views: front, back, head-side.
std::uint32_t muscle(const Kb& kb, std::string_view name) { return *find_muscle(kb, name).muscle; }
std::vector<std::string> view_ids(const Kb& kb, const Scene& s) {
  std::vector<std::string> out;
  for (const SceneView& v : s.views) out.emplace_back(kb.str(kb.views()[v.view].id));
  return out;
}

TEST(AtlasScene, AHeadPatternShowsTheHeadCloseUpOnly) {
  const Kb& kb = test::small_kb();
  Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, "temporalis")));
  EXPECT_EQ(view_ids(kb, s), std::vector<std::string>{"head-side"});
  EXPECT_EQ(s.views[0].side_note, "your right side");
}

TEST(AtlasScene, ViewsCoverEveryZoneAndMarkWithFewViews) {
  const Kb& kb = test::small_kb();
  Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, "trapezius")));
  // The shoulder and the X are on the back; the temple reads best on the head.
  EXPECT_EQ(view_ids(kb, s), (std::vector<std::string>{"back", "head-side"}));
  EXPECT_EQ(s.marks.size(), 1u);
  EXPECT_TRUE(s.has_primary);
  EXPECT_TRUE(s.has_spillover);
  s = make_scene(kb, muscle_picture(kb, muscle(kb, "pectoralis-major")));
  EXPECT_EQ(view_ids(kb, s), std::vector<std::string>{"front"});
}

TEST(AtlasScene, SidesAreLabelledAsThePersonsOwn) {
  const Kb& kb = test::small_kb();
  Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, "pectoralis-major")));
  ASSERT_EQ(s.views.size(), 1u);
  EXPECT_EQ(s.views[0].left_side, "your right");  // a front view faces you
  EXPECT_EQ(s.views[0].right_side, "your left");
  s = make_scene(kb, muscle_picture(kb, muscle(kb, "trapezius")));
  EXPECT_EQ(s.views[0].left_side, "your left");  // a back view is seen from behind
  EXPECT_EQ(s.views[0].right_side, "your right");
}

TEST(AtlasScene, AskedAreasAreMirroredOnWholeBodyViewsOnly) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"top of shoulder"}, kPlaceKinds);
  Scene s = make_scene(kb, area_picture(kb, r, area_referrers(kb, r)));
  ASSERT_FALSE(s.empty());
  std::size_t mirrored = 0;
  for (const SceneShape& sh : s.shapes) {
    EXPECT_TRUE(sh.paint.asked);
    if (!sh.mirrored) continue;
    ++mirrored;
    EXPECT_FALSE(sh.paint.primary);
  }
  EXPECT_EQ(mirrored, s.views.size());
}

// The geometry of a KB's whole drawing.
void check_geometry(const std::string& dir) {
  LoadResult r = load_directory(dir);
  for (const AtlasView& v : r.model.views) {
    std::vector<std::span<const double>> outline;
    for (const Polyline& p : v.outline) outline.emplace_back(p.values);
    for (const AtlasArea& a : v.areas) {
      for (const AtlasShape& s : a.shapes) {
        std::vector<double> pts =
            s.kind == AtlasShape::Kind::kEllipse ? detail::ellipse_polygon(s.values, 36) : s.values;
        for (std::size_t i = 0; i + 1 < pts.size(); i += 2)
          EXPECT_TRUE(detail::inside_any(outline, pts[i], pts[i + 1], 2.0))
              << v.id.value << ": " << a.area.value << " at " << pts[i] << "," << pts[i + 1];
        const detail::Point c = detail::interior_point(pts);
        EXPECT_TRUE(detail::inside_any(outline, c.x, c.y, 0.0)) << v.id.value << ": centre of " << a.area.value;
        EXPECT_TRUE(detail::point_in_polygon(pts, c.x, c.y)) << v.id.value << ": centre of " << a.area.value;
        // Paired structures are drawn on the person's right: the viewer's
        // left on the front, the viewer's right on the back.
        if (!v.has_midline) continue;
        const detail::Box b = detail::bounds(pts);
        const bool straddles = b.x0 < v.midline - 2 && b.x1 > v.midline + 2;
        if (straddles || std::fabs(c.x - v.midline) < 3) continue;
        if (v.facing.value == "front") {
          EXPECT_LT(c.x, v.midline) << "front: " << a.area.value << " is on the left side";
        }
        if (v.facing.value == "back") {
          EXPECT_GT(c.x, v.midline) << "back: " << a.area.value << " is on the left side";
        }
      }
    }
    for (const AtlasPoint& p : v.points) {
      EXPECT_TRUE(detail::inside_any(outline, p.x, p.y, 2.0)) << v.id.value << ": " << p.muscle.value;
      if (!v.has_midline || std::fabs(p.x - v.midline) < 3) continue;
      if (v.facing.value == "front") {
        EXPECT_LT(p.x, v.midline) << p.muscle.value << "/" << p.trigger_point.value;
      }
      if (v.facing.value == "back") {
        EXPECT_GT(p.x, v.midline) << p.muscle.value << "/" << p.trigger_point.value;
      }
    }
  }
}

TEST(AtlasGeometry, FixtureShapesLieInsideTheirViewsOnTheRightSide) { check_geometry(test::data_dir() + "/kb-small"); }
TEST(AtlasGeometry, BuiltInShapesLieInsideTheirViewsOnTheRightSide) { check_geometry(TPX_SOURCE_KB_DIR); }

// The built-in KB, compiled once.
const Kb& builtin_kb() {
  static const LoadResult loaded = load_directory(TPX_SOURCE_KB_DIR);
  static const Kb kb = compile_kb(loaded.model);
  return kb;
}

// With colour off the body is traced as connected line glyphs: the cells
// around the figure join up into a few pieces (the silhouette, the gaps
// between arms and body and between the legs), not a scatter of dots.
TEST(AtlasPlainMap, TheOutlineIsTracedAsConnectedLines) {
  const Kb& kb = builtin_kb();
  for (const char* name : {"trapezius", "gastrocnemius", "masseter"}) {
    const Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, name)));
    for (int columns : {80, 120}) {
      MapOptions opt;
      opt.columns = columns;
      std::ostringstream out;
      render_map(out, kb, s, opt);
      std::vector<std::string> rows;
      std::istringstream in(out.str());
      for (std::string line; std::getline(in, line);) rows.push_back(line);
      ASSERT_GT(rows.size(), 4u);
      EXPECT_NE(rows.back().find("/|\\_ outline of the body"), std::string::npos) << rows.back();
      for (const std::string& row : rows) EXPECT_LE(static_cast<int>(row.size()), columns) << row;
      // The picture: under the two label lines, above the legend's lines.
      while (rows.size() > 2 &&
             (rows.back().find(" zone") != std::string::npos || rows.back().find("press here") != std::string::npos ||
              rows.back().find("outline of the body") != std::string::npos))
        rows.pop_back();
      rows.erase(rows.begin(), rows.begin() + 2);
      auto outline = [&](int x, int y) {
        if (y < 0 || y >= static_cast<int>(rows.size()) || x < 0 || x >= static_cast<int>(rows[y].size())) return false;
        return std::string_view("/|\\_-.").find(rows[y][x]) != std::string_view::npos;
      };
      // 8-connected pieces of outline glyphs.
      std::vector<std::vector<bool>> seen(rows.size(), std::vector<bool>(static_cast<std::size_t>(columns) + 1));
      int pieces = 0, cells = 0;
      for (int y = 0; y < static_cast<int>(rows.size()); ++y)
        for (int x = 0; x < static_cast<int>(rows[y].size()); ++x) {
          if (!outline(x, y) || seen[y][x]) continue;
          ++pieces;
          std::vector<std::pair<int, int>> todo{{x, y}};
          seen[y][x] = true;
          while (!todo.empty()) {
            auto [cx, cy] = todo.back();
            todo.pop_back();
            ++cells;
            for (int dy = -1; dy <= 1; ++dy)
              for (int dx = -1; dx <= 1; ++dx)
                if (outline(cx + dx, cy + dy) && !seen[cy + dy][cx + dx]) {
                  seen[cy + dy][cx + dx] = true;
                  todo.push_back({cx + dx, cy + dy});
                }
          }
        }
      EXPECT_GT(cells, 60) << name << " at " << columns << " columns";
      EXPECT_LE(pieces, 4 * static_cast<int>(s.views.size())) << name << " at " << columns << " columns:\n"
                                                              << out.str();
    }
  }
}

// In 256 colours the zones keep their hue: an anti-aliased blend of red and
// skin quantised to the 6x6x6 cube would be orange. Only the zones' own
// colours come from the cube; the body and its outline are greys.
TEST(AtlasTerminalMap, In256ColoursOnlyTheZonesColoursAreUsed) {
  const Kb& kb = builtin_kb();
  for (const char* name : {"trapezius", "gastrocnemius"}) {
    const Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, name)));
    MapOptions opt;
    opt.columns = 120;
    opt.colors = MapColors::k256;
    std::ostringstream out;
    render_map(out, kb, s, opt);
    std::set<int> cube;
    const std::string text = out.str();
    for (std::size_t at = text.find(";5;"); at != std::string::npos; at = text.find(";5;", at + 3)) {
      const int index = std::atoi(text.c_str() + at + 3);
      const int c = index - 16;
      if (index >= 16 && index < 232 && !(c / 36 == c / 6 % 6 && c / 6 % 6 == c % 6)) cube.insert(index);  // not grey
    }
    // Primary and spillover (the legend's swatches too): nothing in between.
    EXPECT_LE(cube.size(), 3u) << name << ": " << cube.size() << " colours of the cube";
  }
}

}  // namespace
}  // namespace tpx
