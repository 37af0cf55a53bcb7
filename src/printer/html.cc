// The printable page: one self-contained HTML file (inline SVG and CSS, no
// network resources), laid out for A4 and Letter alike.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <set>
#include <sstream>

#include "svg_text.h"
#include "tpx/picture.h"

namespace tpx {
namespace {

constexpr const char* kDisclaimer =
    "This page is a reference, not medical advice. Numbness, weakness, chest pain, pain that wakes you at "
    "night, fever or a recent injury need a professional's check. Press gently; stop if pain grows.";

// Margins that both A4 and Letter hold; the map keeps to one page's height.
constexpr const char* kStyle = R"(
@page { margin: 14mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222; margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 1px solid #ccc; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; }
.map { text-align: center; margin: 2mm 0; break-inside: avoid; }
.map svg { width: 100%; height: auto; max-height: 150mm; }
.disclaimer { border: 1px solid #999; background: #f4f4f4; padding: 2mm 3mm; font-size: 9.5pt; }
.warning { border-left: 4px solid #d7261e; padding: 1mm 3mm; margin: 2mm 0; }
.press { margin: 1mm 0 2mm; }
ol, ul { margin: 1mm 0; padding-left: 6mm; }
li { margin: 0.5mm 0; }
section { break-inside: avoid-page; }
.muted { color: #555; font-size: 9.5pt; }
@media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
)";

std::string esc(std::string_view s) { return svg_escape(s); }

void begin(std::ostream& out, std::string_view title) {
  fmt::print(out,
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n"
             "<p class=\"disclaimer\">{}</p>\n",
             esc(title), kStyle, esc(title), esc(kDisclaimer));
}

void end(std::ostream& out) {
  fmt::print(out, "<p class=\"muted\">Made with tpx. Sides are the person's own: \"your left\" and \"your right\" "
                  "are marked on every view.</p>\n</body>\n</html>\n");
}

void map(std::ostream& out, const Kb& kb, const Picture& p) {
  const Scene scene = make_scene(kb, p);
  if (scene.empty()) return;
  out << "<div class=\"map\">\n";
  render_svg(out, kb, scene);
  out << "</div>\n";
}

void press_point(std::ostream& out, const Kb& kb, std::uint32_t tp) {
  const image::TriggerPointRec& t = kb.trigger_point(tp);
  if (kb.str(t.name).empty()) fmt::print(out, "<p class=\"press\">{}</p>\n", esc(kb.str(t.location)));
  else fmt::print(out, "<p class=\"press\"><b>{}.</b> {}</p>\n", esc(kb.str(t.name)), esc(kb.str(t.location)));
}

void steps(std::ostream& out, const Kb& kb, std::uint32_t muscle, std::set<std::uint32_t>& shown) {
  const image::MuscleRec& m = kb.muscles()[muscle];
  for (const image::ProtocolUseRec& use : kb.protocol_uses(m.protocols)) {
    const image::ProtocolRec& p = kb.protocols()[use.protocol];
    if (!kb.str(use.notes).empty())
      fmt::print(out, "<p><b>{}:</b> {}</p>\n", esc(kb.str(p.name)), esc(kb.str(use.notes)));
    if (!shown.insert(use.protocol).second) continue;
    fmt::print(out, "<h3>{}</h3>\n<ol>\n", esc(kb.str(p.name)));
    for (const image::Str& s : kb.strs(p.steps)) fmt::print(out, "<li>{}</li>\n", esc(kb.str(s)));
    out << "</ol>\n";
    if (!kb.str(p.dose).empty()) fmt::print(out, "<p><b>How much:</b> {}</p>\n", esc(kb.str(p.dose)));
    for (const image::Str& s : kb.strs(p.cautions)) fmt::print(out, "<p class=\"warning\">{}</p>\n", esc(kb.str(s)));
  }
}

void cautions(std::ostream& out, const Kb& kb, std::uint32_t muscle) {
  for (const image::Str& s : kb.strs(kb.muscles()[muscle].cautions))
    fmt::print(out, "<p class=\"warning\">{}</p>\n", esc(kb.str(s)));
}

void red_flags(std::ostream& out, const Kb& kb, const Resolution& r) {
  for (const RedFlagHit& h : r.red_flags) {
    const image::RedFlagRec& f = kb.red_flags()[h.red_flag];
    fmt::print(out, "<p class=\"warning\"><b>Get this checked: {}.</b> {}</p>\n", esc(kb.str(f.label)),
               esc(kb.str(f.message)));
  }
}

std::string asked_words(const Resolution& r) {
  std::string s;
  for (const std::string& q : r.query) s += (s.empty() ? "" : ", ") + q;
  return s;
}

}  // namespace

void render_html_muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) {
  const image::MuscleRec& m = kb.muscles()[muscle];
  begin(out, fmt::format("{}: where it refers pain and where to press", kb.str(m.name)));
  map(out, kb, muscle_picture(kb, muscle));
  fmt::print(out, "<section>\n<h2>The muscle</h2>\n<p>{}</p>\n</section>\n", esc(kb.str(m.location)));
  out << "<section>\n<h2>Where to press</h2>\n";
  for (std::uint32_t i = 0; i < m.trigger_points.count; ++i) press_point(out, kb, m.trigger_points.first + i);
  out << "</section>\n<section>\n<h2>Self-release steps</h2>\n";
  std::set<std::uint32_t> shown;
  steps(out, kb, muscle, shown);
  out << "</section>\n";
  if (m.cautions.count) {
    out << "<section>\n<h2>Cautions</h2>\n";
    cautions(out, kb, muscle);
    out << "</section>\n";
  }
  end(out);
}

void render_html_where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) {
  begin(out, fmt::format("Where it hurts: {}", asked_words(r)));
  red_flags(out, kb, r);
  map(out, kb, where_picture(kb, r, ranking));
  out << "<section>\n<h2>The muscles most likely behind it</h2>\n<ol>\n";
  for (const Match& match : ranking.matches)
    fmt::print(out, "<li><b>{}</b>: explains {} of the {} places and symptoms you named</li>\n",
               esc(kb.str(kb.muscles()[match.muscle].name)), match.explained, ranking.items);
  out << "</ol>\n</section>\n";
  if (ranking.matches.empty()) {
    out << "<p>No muscle in the knowledge base refers pain to these places.</p>\n";
    end(out);
    return;
  }
  out << "<section>\n<h2>Where to press</h2>\n";
  for (const Match& match : ranking.matches) {
    fmt::print(out, "<h3>{}</h3>\n", esc(kb.str(kb.muscles()[match.muscle].name)));
    for (std::uint32_t tp : press_points(kb, match)) press_point(out, kb, tp);
  }
  out << "</section>\n<section>\n<h2>Self-release steps</h2>\n";
  std::set<std::uint32_t> shown;
  for (const Match& match : ranking.matches) steps(out, kb, match.muscle, shown);
  out << "</section>\n<section>\n<h2>Cautions</h2>\n";
  for (const Match& match : ranking.matches) cautions(out, kb, match.muscle);
  out << "</section>\n";
  end(out);
}

void render_html_area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) {
  const Picture p = area_picture(kb, r, referrers);
  begin(out, fmt::format("Muscles that refer pain to: {}", p.title.empty() ? asked_words(r) : p.title));
  map(out, kb, p);
  out << "<section>\n<h2>The muscles, primary first</h2>\n<ul>\n";
  for (const Referrer& ref : referrers) {
    const image::TriggerPointRec& tp = kb.trigger_point(ref.trigger_point);
    fmt::print(out, "<li><b>{}</b> ({}): {}</li>\n", esc(kb.str(kb.muscles()[ref.muscle].name)),
               ref.weight == image::Weight::kPrimary ? "primary" : "spillover", esc(kb.str(tp.location)));
  }
  out << "</ul>\n</section>\n";
  end(out);
}

}  // namespace tpx
