// The printable page: one self-contained HTML file (inline SVG and CSS, no
// network resources), laid out for A4 and Letter alike.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "svg_text.h"
#include "tpx/picture.h"

namespace tpx {
namespace {

constexpr const char* kDisclaimer =
    "This page is a reference, not medical advice. Numbness, weakness, chest pain, pain that wakes you at "
    "night, fever or a recent injury need a professional's check. Press gently; stop if pain grows.";

// Margins that both A4 and Letter hold. A handout fits on one or two
// sheets: the map keeps to half a page, the text runs in two columns in
// print, and each step list and each caution appears once.
constexpr const char* kStyle = R"(
@page { margin: 10mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222; margin: 0 auto; max-width: 186mm; padding: 6mm 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 3mm 0 1.5mm; border-bottom: 1px solid #ccc; break-after: avoid; }
h3 { font-size: 10pt; margin: 2mm 0 0.5mm; break-after: avoid; }
p { margin: 0.8mm 0; }
.map { text-align: center; margin: 1mm 0; break-inside: avoid; }
.map svg { width: 100%; height: auto; max-height: 170mm; }
.disclaimer { border: 1px solid #999; background: #f4f4f4; padding: 1.5mm 3mm; font-size: 9pt; }
.warning { border-left: 3px solid #d7261e; padding: 0.5mm 2mm; margin: 1mm 0; }
.press { margin: 0.5mm 0 1mm; }
.cautions { padding-left: 4mm; font-size: 0.92em; }
.cautions li { margin: 0.2mm 0; }
.cautions li::marker { color: #d7261e; }
ol, ul { margin: 0.5mm 0; padding-left: 5mm; }
li { margin: 0.3mm 0; }
.columns { column-gap: 7mm; }
.columns section { break-inside: auto; }
.columns h3 + p, .columns h3 + ol { break-before: avoid; }
.muted { color: #555; font-size: 8.5pt; }
@media print {
  body { padding: 0; font-size: 8.4pt; line-height: 1.25; max-width: none; }
  .map svg { max-height: 90mm; }
  h1 { font-size: 13pt; }
  .columns { column-count: 2; }
  a { color: inherit; text-decoration: none; }
}
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
  fmt::print(out,
             "<p class=\"muted\">Made with tpx. Sides are the person's own: \"your left\" and \"your right\" "
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
  if (kb.str(t.name).empty())
    fmt::print(out, "<p class=\"press\">{}</p>\n", esc(kb.str(t.location)));
  else
    fmt::print(out, "<p class=\"press\"><b>{}.</b> {}</p>\n", esc(kb.str(t.name)), esc(kb.str(t.location)));
}

// Every caution once, in the order first met: the protocols share most of
// theirs, and a handout that repeats them runs to many pages.
class Cautions {
 public:
  void add(std::string_view s) {
    if (seen_.insert(std::string(s)).second) list_.emplace_back(s);
  }
  void print(std::ostream& out) const {
    if (list_.empty()) return;
    out << "<section>\n<h2>Take care</h2>\n<ul class=\"cautions\">\n";
    for (const std::string& s : list_) fmt::print(out, "<li>{}</li>\n", esc(s));
    out << "</ul>\n</section>\n";
  }

 private:
  std::set<std::string> seen_;
  std::vector<std::string> list_;
};

// The self-release steps of `muscles`: each protocol once, with what it
// says for each muscle, its steps and how much. With several muscles only
// the first methods of each (the KB lists the main ones first): two for the
// best match, one for the others, so that the handout stays on two sheets.
void steps(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles, Cautions& cautions) {
  auto methods = [&](std::size_t i) { return muscles.size() == 1 ? SIZE_MAX : i == 0 ? 2 : 1; };
  std::vector<std::uint32_t> order;
  bool left_out = false;
  for (std::size_t i = 0; i < muscles.size(); ++i) {
    const std::uint32_t m = muscles[i];
    const std::size_t per_muscle = methods(i);
    std::size_t n = 0;
    for (const image::ProtocolUseRec& use : kb.protocol_uses(kb.muscles()[m].protocols)) {
      if (n++ >= per_muscle) {
        left_out = true;
        break;
      }
      if (std::find(order.begin(), order.end(), use.protocol) == order.end()) order.push_back(use.protocol);
    }
  }
  if (order.empty()) return;
  out << "<section>\n<h2>Self-release steps</h2>\n";
  if (left_out)
    out << "<p class=\"muted\">The main methods for each muscle; <code>tpx muscle NAME</code> lists them all.</p>\n";
  for (std::uint32_t pi : order) {
    const image::ProtocolRec& p = kb.protocols()[pi];
    if (kb.str(p.tool).empty())
      fmt::print(out, "<h3>{}</h3>\n", esc(kb.str(p.name)));
    else
      fmt::print(out, "<h3>{} <span class=\"muted\">({})</span></h3>\n", esc(kb.str(p.name)), esc(kb.str(p.tool)));
    for (std::size_t i = 0; i < muscles.size(); ++i) {
      const std::uint32_t m = muscles[i];
      const auto uses = kb.protocol_uses(kb.muscles()[m].protocols);
      for (const image::ProtocolUseRec& use : uses.subspan(0, std::min(methods(i), uses.size())))
        if (use.protocol == pi && !kb.str(use.notes).empty())
          fmt::print(out, "<p><b>{}:</b> {}</p>\n", esc(kb.str(kb.muscles()[m].name)), esc(kb.str(use.notes)));
    }
    out << "<ol>\n";
    for (const image::Str& st : kb.strs(p.steps)) fmt::print(out, "<li>{}</li>\n", esc(kb.str(st)));
    out << "</ol>\n";
    if (!kb.str(p.dose).empty()) fmt::print(out, "<p><b>How much:</b> {}</p>\n", esc(kb.str(p.dose)));
    for (const image::Str& st : kb.strs(p.cautions)) cautions.add(kb.str(st));
  }
  out << "</section>\n";
}

void muscle_cautions(const Kb& kb, std::uint32_t muscle, Cautions& cautions) {
  for (const image::Str& s : kb.strs(kb.muscles()[muscle].cautions)) cautions.add(kb.str(s));
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

// The handout's steps and presses cover this many of the best matches; the
// ranked list names them all.
constexpr std::size_t kHandoutMuscles = 3;

}  // namespace

void render_html_muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) {
  const image::MuscleRec& m = kb.muscles()[muscle];
  begin(out, fmt::format("{}: where it refers pain and where to press", kb.str(m.name)));
  map(out, kb, muscle_picture(kb, muscle));
  out << "<div class=\"columns\">\n";
  fmt::print(out, "<section>\n<h2>The muscle</h2>\n<p>{}</p>\n</section>\n", esc(kb.str(m.location)));
  out << "<section>\n<h2>Where to press</h2>\n";
  for (std::uint32_t i = 0; i < m.trigger_points.count; ++i) press_point(out, kb, m.trigger_points.first + i);
  out << "</section>\n";
  Cautions cautions;
  steps(out, kb, {muscle}, cautions);
  muscle_cautions(kb, muscle, cautions);
  cautions.print(out);
  out << "</div>\n";
  end(out);
}

void render_html_where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) {
  begin(out, fmt::format("Where it hurts: {}", asked_words(r)));
  red_flags(out, kb, r);
  map(out, kb, where_picture(kb, r, ranking));
  out << "<div class=\"columns\">\n<section>\n<h2>The muscles most likely behind it</h2>\n<ol>\n";
  for (const Match& match : ranking.matches)
    fmt::print(out, "<li><b>{}</b>: explains {} of the {} places and symptoms you named</li>\n",
               esc(kb.str(kb.muscles()[match.muscle].name)), match.explained, ranking.items);
  out << "</ol>\n</section>\n";
  if (ranking.matches.empty()) {
    out << "<p>No muscle in the knowledge base refers pain to these places.</p>\n</div>\n";
    end(out);
    return;
  }
  const std::size_t shown = std::min(ranking.matches.size(), kHandoutMuscles);
  std::vector<std::uint32_t> muscles;
  out << "<section>\n<h2>Where to press</h2>\n";
  if (shown < ranking.matches.size())
    fmt::print(out, "<p class=\"muted\">For the first {} muscles; <code>tpx muscle NAME</code> shows the others.</p>\n",
               shown);
  for (std::size_t i = 0; i < shown; ++i) {
    const Match& match = ranking.matches[i];
    muscles.push_back(match.muscle);
    fmt::print(out, "<h3>{}</h3>\n", esc(kb.str(kb.muscles()[match.muscle].name)));
    for (std::uint32_t tp : press_points(kb, match)) press_point(out, kb, tp);
  }
  out << "</section>\n";
  Cautions cautions;
  steps(out, kb, muscles, cautions);
  for (std::uint32_t m : muscles) muscle_cautions(kb, m, cautions);
  cautions.print(out);
  out << "</div>\n";
  end(out);
}

void render_html_area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) {
  const Picture p = area_picture(kb, r, referrers);
  begin(out, fmt::format("Muscles that refer pain to: {}", p.title.empty() ? asked_words(r) : p.title));
  map(out, kb, p);
  out << "<div class=\"columns\">\n<section>\n<h2>The muscles, primary first</h2>\n<ul>\n";
  for (const Referrer& ref : referrers) {
    const image::TriggerPointRec& tp = kb.trigger_point(ref.trigger_point);
    fmt::print(out, "<li><b>{}</b> ({}): {}</li>\n", esc(kb.str(kb.muscles()[ref.muscle].name)),
               ref.weight == image::Weight::kPrimary ? "primary" : "spillover", esc(kb.str(tp.location)));
  }
  out << "</ul>\n</section>\n</div>\n";
  end(out);
}

}  // namespace tpx
