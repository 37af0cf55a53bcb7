// The SVG printer, written by hand: a standalone document in scene units,
// drawn in the same order and colours as the rasteriser (raster.cc).
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "svg_text.h"
#include "tpx/picture.h"

namespace tpx {
namespace {

// Appends `v` with one decimal ("12.5", "-3", "0.1"), as {:.1f} would but
// without trailing ".0": general float formatting cost most of an SVG's
// time, and the atlas has thousands of coordinates.
void append_coord(std::string& d, float v) {
  if (!std::isfinite(v)) v = 0;
  v = std::clamp(v, -1e9f, 1e9f);  // a damaged image cannot overflow the integer
  long tenths = std::lround(static_cast<double>(v) * 10);
  if (tenths < 0) {
    d += '-';
    tenths = -tenths;
  }
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, tenths / 10);
  (void)ec;
  d.append(buf, end);
  if (tenths % 10) {
    d += '.';
    d += static_cast<char>('0' + tenths % 10);
  }
}

std::string path_data(const std::vector<float>& xy, bool closed) {
  std::string d;
  d.reserve(xy.size() * 6 + 4);
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
    d += i == 0 ? "M" : " L";
    append_coord(d, xy[i]);
    d += ' ';
    append_coord(d, xy[i + 1]);
  }
  if (closed) d += " Z";
  return d;
}

std::string area_class(const AreaPaint& a) {
  std::string c = "area";
  if (a.primary) c += " primary";
  if (a.spillover) c += " spillover";
  if (a.asked) c += " asked";
  return c;
}

std::string area_title(const Kb& kb, const AreaPaint& a) {
  std::string what = a.primary ? "primary pain zone" : a.spillover ? "spillover pain zone" : "";
  if (a.asked) what = what.empty() ? "where you feel it" : "where you feel it; " + what;
  return fmt::format("{} ({})", kb.str(kb.areas()[a.area].label), what);
}

struct Item {
  std::string swatch, text;
};

// How wide a legend item is drawn: the swatch, a gap and the text at 20
// units a line (about 11 units a character).
float item_width(const Item& it) { return 48 + 11.0f * static_cast<float>(it.text.size()); }

std::vector<Item> legend_items(const Scene& s) {
  std::vector<Item> items;
  auto box = [](Rgb fill, Rgb stroke) {
    return fmt::format(R"~(<rect width="28" height="20" fill="{}" stroke="{}" stroke-width="2"/>)~", palette::hex(fill),
                       palette::hex(stroke));
  };
  if (s.has_asked) items.push_back({box(palette::kAsked, palette::kAskedEdge), "where you feel it"});
  if (s.has_primary) items.push_back({box(palette::kPrimary, palette::kPrimary), "primary pain zone"});
  if (s.has_spillover) items.push_back({box(palette::kSpillover, palette::kSpillover), "spillover zone"});
  if (!s.marks.empty())
    items.push_back({fmt::format(R"~(<path d="M4 0 L24 20 M4 20 L24 0" stroke="{}" stroke-width="4"/>)~",
                                 palette::hex(palette::kMark)),
                     "trigger point: press here"});
  return items;
}

float legend_width(const Scene& s) {
  float w = 0;
  for (const Item& it : legend_items(s)) w += item_width(it);
  return w;
}

void legend(std::ostream& out, const Scene& s, float y) {
  fmt::print(out,
             R"~(<g class="legend" transform="translate(0 {:.0f})" font-size="20">)~"
             "\n",
             y);
  float x = kSceneMargin;
  for (const Item& it : legend_items(s)) {
    fmt::print(out,
               R"~(<g transform="translate({:.0f} 0)">{}<text x="36" y="17">{}</text></g>)~"
               "\n",
               x, it.swatch, svg_escape(it.text));
    x += item_width(it);
  }
  out << "</g>\n";
}

}  // namespace

void render_svg(std::ostream& out, const Kb& kb, const Scene& s) {
  const float legend_y = s.height + 15, height = s.height + 50,
              width = std::max(s.width, legend_width(s) + 2 * kSceneMargin);
  fmt::print(
      out,
      R"~(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" )~"
      R"~(data-scene="{sw:.1f} {sh:.1f}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" role="img">)~"
      "\n<title>{t}</title>\n"
      R"~(<rect class="background" width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>)~"
      "\n",
      fmt::arg("w", width), fmt::arg("h", height), fmt::arg("sw", s.width), fmt::arg("sh", s.height),
      fmt::arg("t", svg_escape(s.title)));
  for (const SceneView& v : s.views) {
    const std::string id = std::string(kb.str(kb.views()[v.view].id));
    fmt::print(out,
               R"~(<g class="view" id="view-{}"><title>{}</title>)~"
               "\n",
               id, svg_escape(v.label));
    for (const auto& poly : v.outline)
      fmt::print(out,
                 R"~(<path class="body" d="{}" fill="{}"/>)~"
                 "\n",
                 path_data(poly, true), palette::hex(palette::kBody));
    for (const auto& line : v.lines)
      fmt::print(
          out,
          R"~(<path class="landmark" d="{}" fill="none" stroke="{}" stroke-width="1.5" stroke-linecap="round"/>)~"
          "\n",
          path_data(line, false), palette::hex(palette::kLine));
    const float cx = v.x + v.width / 2;
    fmt::print(out,
               R"~(<text class="view-label" x="{:.1f}" y="24" font-size="22" text-anchor="middle">{}</text>)~"
               "\n",
               cx, svg_escape(v.label));
    if (!v.side_note.empty())
      fmt::print(
          out,
          R"~(<text class="side-label" x="{:.1f}" y="54" font-size="20" text-anchor="middle" fill="#444">{}</text>)~"
          "\n",
          cx, svg_escape(v.side_note));
    if (!v.left_side.empty()) {
      fmt::print(out,
                 R"~(<text class="side-label" x="{:.1f}" y="54" font-size="20" fill="#444">{}</text>)~"
                 "\n",
                 v.x, svg_escape(v.left_side));
      fmt::print(
          out,
          R"~(<text class="side-label" x="{:.1f}" y="54" font-size="20" text-anchor="end" fill="#444">{}</text>)~"
          "\n",
          v.x + v.width, svg_escape(v.right_side));
    }
    out << "</g>\n";
  }
  // One element per area, holding its shapes on every view, in the scene's
  // drawing order (spillover under primary).
  std::vector<std::uint32_t> order;
  std::map<std::uint32_t, std::vector<const SceneShape*>> by_area;
  for (const SceneShape& sh : s.shapes) {
    if (by_area[sh.paint.area].empty()) order.push_back(sh.paint.area);
    by_area[sh.paint.area].push_back(&sh);
  }
  for (std::uint32_t a : order) {
    const AreaPaint& paint = by_area[a].front()->paint;
    const Rgb fill = paint.primary ? palette::kPrimary : paint.spillover ? palette::kSpillover : palette::kAsked;
    fmt::print(out, R"~(<g id="area-{}" class="{}" fill="{}")~", kb.str(kb.areas()[a].id), area_class(paint),
               palette::hex(fill));
    if (paint.asked) fmt::print(out, R"~( stroke="{}" stroke-width="3")~", palette::hex(palette::kAskedEdge));
    fmt::print(out, "><title>{}</title>\n", svg_escape(area_title(kb, paint)));
    for (const SceneShape* sh : by_area[a]) {
      // A mirrored copy of an asked area is only the asked side: no red there.
      const char* fill_other = sh->mirrored && (paint.primary || paint.spillover) ? R"~( fill="#a9cff0")~" : "";
      fmt::print(out,
                 R"~(<path d="{}"{}{}/>)~"
                 "\n",
                 path_data(sh->points, true), fill_other, sh->mirrored ? R"~( class="mirrored")~" : "");
    }
    out << "</g>\n";
  }
  for (const SceneView& v : s.views)
    for (const auto& poly : v.outline)
      fmt::print(out,
                 R"~(<path class="outline" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round"/>)~"
                 "\n",
                 path_data(poly, true), palette::hex(palette::kOutline));
  for (const SceneMark& m : s.marks) {
    const image::TriggerPointRec& tp = kb.trigger_point(m.trigger_point);
    const image::MuscleRec& mu = kb.muscles()[tp.muscle];
    const std::string d = fmt::format("M{:.1f} {:.1f} L{:.1f} {:.1f} M{:.1f} {:.1f} L{:.1f} {:.1f}", m.x - 12, m.y - 12,
                                      m.x + 12, m.y + 12, m.x - 12, m.y + 12, m.x + 12, m.y - 12);
    fmt::print(out,
               R"~(<g class="trigger-point" id="tp-{}-{}"><title>{}: {}</title>)~"
               R"~(<path d="{}" stroke="#ffffff" stroke-width="9" stroke-linecap="square"/>)~"
               R"~(<path d="{}" stroke="{}" stroke-width="5" stroke-linecap="square"/></g>)~"
               "\n",
               kb.str(mu.id), kb.str(tp.id), svg_escape(kb.str(mu.name)),
               svg_escape(kb.str(tp.name).empty() ? kb.str(tp.id) : kb.str(tp.name)), d, d,
               palette::hex(palette::kMark));
  }
  legend(out, s, legend_y);
  out << "</svg>\n";
}

}  // namespace tpx
