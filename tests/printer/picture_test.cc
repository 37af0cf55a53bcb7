// The picture printers: the SVG contract, and our raster and terminal
// picture showing a primary zone's colour at its centre.
#include "tpx/picture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "../core/test_kb.h"
#include "geometry.h"
#include "tpx/lookup.h"

namespace tpx {
namespace {

std::uint32_t muscle(const Kb& kb, std::string_view name) { return *find_muscle(kb, name).muscle; }

// Points well inside a primary zone and clear of every X: where a probe
// must read the primary colour. `clearance` in scene units.
std::vector<detail::Point> primary_probes(const Scene& s, double clearance) {
  std::vector<detail::Point> out;
  for (const SceneShape& sh : s.shapes) {
    if (!sh.paint.primary || sh.mirrored) continue;
    std::vector<double> pts(sh.points.begin(), sh.points.end());
    const detail::Point c = detail::interior_point(pts);
    if (!detail::point_in_polygon(pts, c.x, c.y) || detail::distance_to_edges(pts, c.x, c.y) < clearance) continue;
    bool near_mark = false;
    for (const SceneMark& m : s.marks) near_mark |= std::hypot(m.x - c.x, m.y - c.y) < 20 + clearance;
    if (!near_mark) out.push_back(c);
  }
  return out;
}

TEST(Svg, FollowsTheContract) {
  const Kb& kb = test::small_kb();
  std::ostringstream out;
  render_svg(out, kb, make_scene(kb, muscle_picture(kb, muscle(kb, "trapezius"))));
  const std::string svg = out.str();
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find(R"(<g id="area-temple" class="area primary")"), std::string::npos) << svg;
  EXPECT_NE(svg.find(R"(<g id="area-behind-the-eye" class="area spillover")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<g class="trigger-point" id="tp-trapezius-upper"><title>Trapezius: Upper point</title>)"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>Temple (primary pain zone)</title>"), std::string::npos);
  EXPECT_NE(svg.find(">your right</text>"), std::string::npos);
  EXPECT_NE(svg.find(">your left</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"legend\""), std::string::npos);
  // Each area is one element, however many views show it.
  const std::size_t first = svg.find("id=\"area-temple\"");
  EXPECT_EQ(svg.find("id=\"area-temple\"", first + 1), std::string::npos);
  EXPECT_EQ(svg.find("http://", svg.find('>')), std::string::npos);  // nothing fetched
}

TEST(Svg, AskedAreasCarryTheAskedClass) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, {"temple", "top of shoulder"});
  Ranking ranking = rank(kb, r, 5);
  std::ostringstream out;
  render_svg(out, kb, make_scene(kb, where_picture(kb, r, ranking)));
  EXPECT_NE(out.str().find(R"(<g id="area-temple" class="area primary asked")"), std::string::npos) << out.str();
}

TEST(Raster, PrimaryZonesHaveThePrimaryColourAtTheirCentre) {
  const Kb& kb = test::small_kb();
  for (const char* name : {"trapezius", "temporalis", "pectoralis-major"}) {
    const Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, name)));
    const Raster r = rasterize(s, 1.0);
    const std::vector<detail::Point> probes = primary_probes(s, 3);
    EXPECT_FALSE(probes.empty()) << name;
    for (const detail::Point& p : probes)
      EXPECT_EQ(r.at(static_cast<int>(p.x), static_cast<int>(p.y)), palette::kPrimary)
          << name << " at " << p.x << "," << p.y;
    // Outside the body stays white, inside is the body's colour.
    EXPECT_EQ(r.at(1, 1), palette::kBackground);
  }
}

// One terminal cell as printed: its glyph and the colours in force.
struct Cell {
  std::string glyph;
  std::string fg, bg;  // "r;g;b", or empty for the terminal's own
};

std::vector<std::vector<Cell>> parse_cells(const std::string& text) {
  std::vector<std::vector<Cell>> rows(1);
  std::string fg, bg;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      rows.emplace_back();
      ++i;
    } else if (text[i] == '\x1b') {
      const std::size_t end = text.find('m', i);
      std::stringstream params(text.substr(i + 2, end - i - 2));
      std::vector<int> v;
      for (std::string part; std::getline(params, part, ';');) v.push_back(part.empty() ? 0 : std::stoi(part));
      for (std::size_t k = 0; k < v.size(); ++k) {
        if (v[k] == 0) fg.clear(), bg.clear();
        if ((v[k] == 38 || v[k] == 48) && k + 4 < v.size() + 0 && v[k + 1] == 2) {
          (v[k] == 38 ? fg : bg) =
              std::to_string(v[k + 2]) + ";" + std::to_string(v[k + 3]) + ";" + std::to_string(v[k + 4]);
          k += 4;
        }
      }
      i = end + 1;
    } else {
      std::size_t len = (text[i] & 0x80) == 0 ? 1 : (text[i] & 0xE0) == 0xC0 ? 2 : (text[i] & 0xF0) == 0xE0 ? 3 : 4;
      rows.back().push_back({text.substr(i, len), fg, bg});
      i += len;
    }
  }
  return rows;
}

TEST(Map, TheCellAtAPrimaryZoneCarriesItsColourOrGlyph) {
  const Kb& kb = test::small_kb();
  const std::string red = "215;38;30";
  for (const char* name : {"trapezius", "temporalis", "pectoralis-major"}) {
    const Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, name)));
    for (MapColors colors : {MapColors::kTrueColor, MapColors::kNone}) {
      MapOptions opt;
      opt.columns = 120;
      opt.colors = colors;
      std::ostringstream out;
      render_map(out, kb, s, opt);
      const auto rows = parse_cells(out.str());
      const double scale = map_scale(s, opt);
      for (const detail::Point& p : primary_probes(s, 1.5 / scale)) {
        const int px = static_cast<int>(p.x * scale), py = static_cast<int>(p.y * scale);
        const std::size_t row = 2 + static_cast<std::size_t>(py / 2);  // under the two label lines
        ASSERT_LT(row, rows.size());
        ASSERT_LT(static_cast<std::size_t>(px), rows[row].size()) << name;
        const Cell& c = rows[row][static_cast<std::size_t>(px)];
        if (colors == MapColors::kNone) {
          EXPECT_EQ(c.glyph, "#") << name;
        } else {
          const bool top = py % 2 == 0;
          const std::string& shown = c.glyph == "\u2580"   ? (top ? c.fg : c.bg)
                                     : c.glyph == "\u2584" ? (top ? "" : c.fg)
                                                           : "";
          EXPECT_EQ(shown, red) << name << " row " << row << " col " << px;
        }
      }
      if (colors == MapColors::kNone) {
        EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
        EXPECT_NE(out.str().find("# primary pain zone"), std::string::npos);
      }
    }
  }
}

TEST(Map, FitsTheWidthItIsGiven) {
  const Kb& kb = test::small_kb();
  const Scene s = make_scene(kb, muscle_picture(kb, muscle(kb, "trapezius")));
  for (int cols : {40, 80, 120}) {
    MapOptions opt;
    opt.columns = cols;
    std::ostringstream out;
    render_map(out, kb, s, opt);
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);)
      if (line.find("primary pain zone") == std::string::npos) {
        EXPECT_LE(static_cast<int>(line.size()), cols) << line;
      }
  }
}

TEST(Html, IsOneSelfContainedPage) {
  const Kb& kb = test::small_kb();
  std::ostringstream out;
  render_html_muscle(out, kb, muscle(kb, "trapezius"));
  const std::string html = out.str();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("@page"), std::string::npos);
  EXPECT_NE(html.find("not medical advice"), std::string::npos);
  EXPECT_NE(html.find("Where to press"), std::string::npos);
  for (const char* fetch : {"<script", "<link", "src=", "url(", "@import"})
    EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
}

}  // namespace
}  // namespace tpx
