// The text printer's `where`, compact: per match the muscle, which phrases it
// explains and how, where to press and which method releases it; then each
// distinct method's numbered steps once, with each muscle's own notes
// beside its name.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <sstream>

#include "text_printer.h"

namespace tpx::printer {
namespace {

using image::TermKind;

std::string v(std::string_view s) { return visible(s); }

// The distinct protocols of the matches, first use first, and which
// matches use each: a method is printed once, however many muscles use it.
struct Method {
  std::uint32_t protocol;
  std::vector<std::size_t> matches;  ///< indices into Ranking::matches
};

std::vector<Method> methods(const Kb& kb, const Ranking& ranking) {
  std::vector<Method> out;
  for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
    const auto& mu = kb.muscles()[ranking.matches[i].muscle];
    std::uint32_t p = kb.protocol_uses(mu.protocols)[0].protocol;
    auto it = std::find_if(out.begin(), out.end(), [&](const Method& m) { return m.protocol == p; });
    if (it == out.end()) it = out.insert(out.end(), Method{p, {}});
    it->matches.push_back(i);
  }
  return out;
}

// Each condition named once: the note, the caveat where a nerve, joint or
// tendon may be the real cause, and where the muscle list comes from.
void print_conditions(std::ostream& out, const Kb& kb, const Resolution& r, const Style& st, std::size_t width) {
  std::vector<std::uint32_t> shown;
  for (const ResolvedTerm& t : r.terms) {
    if (t.kind != TermKind::kCondition) continue;
    if (std::find(shown.begin(), shown.end(), t.target) != shown.end()) continue;
    shown.push_back(t.target);
    const auto& c = kb.conditions()[t.target];
    paragraph(out, "", fmt::format("{}: {}.", v(kb.str(c.label)), kConditionNote), 2, width);
    if (c.caveat.size) paragraph(out, "  " + st.warn("Note:") + " ", v(kb.str(c.caveat)), 4, width);
    std::vector<std::string> sources;
    for (const auto& x : kb.strs(c.sources)) sources.push_back(v(kb.str(x)));
    if (!sources.empty())
      paragraph(out, "  " + st.dim("Sources:") + " ", fmt::format("{}", fmt::join(sources, "; ")), 4, width);
  }
}

// --explain: which words of each phrase matched which term, and why.
void print_resolution(std::ostream& out, const Kb& kb, const Resolution& r, std::size_t width) {
  for (const ResolvedTerm& t : r.terms) {
    paragraph(out, "  ",
              fmt::format("\"{}\": \"{}\" -> {} {} ({})", v(r.query[t.phrase]), v(t.matched), term_kind_name(t.kind),
                          v(term_id(kb, t.kind, t.target)), v(t.why)),
              4, width);
  }
}

char letter(std::size_t i) { return static_cast<char>('A' + i % 26); }

}  // namespace

std::string Style::bold(std::string_view s) const { return on ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s); }
std::string Style::dim(std::string_view s) const { return on ? fmt::format("\x1b[2m{}\x1b[0m", s) : std::string(s); }
std::string Style::press(std::string_view s) const {
  return on ? fmt::format("\x1b[1;36m{}\x1b[0m", s) : std::string(s);
}
std::string Style::warn(std::string_view s) const {
  return on ? fmt::format("\x1b[1;31m{}\x1b[0m", s) : std::string(s);
}

std::string_view tp_title(const Kb& kb, const image::TriggerPointRec& tp) {
  return tp.name.size ? kb.str(tp.name) : kb.str(tp.id);
}

void TextPrinter::steps(std::ostream& out, const Kb& kb, const image::ProtocolRec& p, std::size_t indent) const {
  int n = 1;
  for (const auto& s : kb.strs(p.steps)) {
    std::string lead = fmt::format("{:{}}{}. ", "", indent, n++);
    paragraph(out, lead, v(kb.str(s)), lead.size(), opt_.width);
  }
}

void TextPrinter::explains(std::ostream& out, const Kb& kb, const Resolution& r, const Match& m) const {
  for (const Explain& e : m.explains) {
    const ResolvedTerm& t = r.terms[e.term];
    std::string how;
    if (t.kind == TermKind::kCause) {
      how = fmt::format("{}, a known cause", v(term_label(kb, t.kind, t.target)));
    } else if (t.kind == TermKind::kSymptom) {
      how = fmt::format("{}, a symptom it causes", v(term_label(kb, t.kind, t.target)));
    } else if (t.kind == TermKind::kMuscle) {
      how = fmt::format("names {}", v(term_label(kb, t.kind, t.target)));
    } else if (t.kind == TermKind::kCondition) {
      how = fmt::format("can cause or mimic {} (#{} of {} the references name)", v(term_label(kb, t.kind, t.target)),
                        e.culprit, kb.conditions()[t.target].muscles.count);
    } else {
      how = fmt::format("{} ({}", v(term_label(kb, TermKind::kArea, e.area)), weight_name(e.weight));
      if (t.kind == TermKind::kRegion) how += fmt::format(", within {}", v(term_label(kb, t.kind, t.target)));
      how += ")";
    }
    if (opt_.explain) {
      std::string culprit = e.culprit ? fmt::format(", culprit #{}", e.culprit) : "";
      how += st_.dim(fmt::format(" [rarity {:.3f}{} -> +{:.3f}]", e.rarity, culprit, e.contribution));
    }
    paragraph(out, fmt::format("   \"{}\": ", v(r.query[t.phrase])), how, 5, opt_.width);
  }
}

void TextPrinter::match(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, std::size_t rank,
                        char method) const {
  const Match& m = ranking.matches[rank];
  const auto& mu = kb.muscles()[m.muscle];
  std::string score = opt_.explain ? fmt::format(", score {:.2f}", m.score) : "";
  paragraph(out, fmt::format("{}. ", rank + 1),
            fmt::format("{} {}: explains {} of {}{}; method {}", st_.bold(v(kb.str(mu.name))),
                        st_.dim(fmt::format("({})", v(kb.str(mu.id)))), m.explained, ranking.items, score, method),
            3, opt_.width);
  explains(out, kb, r, m);
  // The place says where to press; a point's name only tells two apart.
  std::vector<std::uint32_t> points = press_points(kb, m);
  for (std::uint32_t tp_index : points) {
    const auto& tp = kb.trigger_point(tp_index);
    std::string lead = points.size() > 1 ? fmt::format("   {} ({}): ", st_.press("Press"), v(tp_title(kb, tp)))
                                         : fmt::format("   {}: ", st_.press("Press"));
    paragraph(out, lead, st_.press(v(kb.str(tp.location))), 5, opt_.width);
  }
  for (const auto& c : kb.strs(mu.cautions))
    paragraph(out, "   " + st_.warn("Caution:") + " ", v(kb.str(c)), 5, opt_.width);
}

// The matches after the detailed ones, by id (what `tpx muscle` takes),
// and how many more the ranking holds.
void TextPrinter::others(std::ostream& out, const Kb& kb, const Ranking& ranking, std::size_t from) const {
  std::vector<std::string> rest;
  for (std::size_t i = from; i < ranking.matches.size(); ++i) {
    rest.push_back(fmt::format("{}. {}", i + 1, st_.bold(v(kb.str(kb.muscles()[ranking.matches[i].muscle].id)))));
  }
  std::size_t more = ranking.total - ranking.matches.size();
  if (more > 0) rest.push_back(fmt::format("{} more", more));
  if (rest.empty()) return;
  std::string hint =
      more > 0 ? "--top N shows N whole (0: all)" : fmt::format("--top {} shows them whole", ranking.matches.size());
  paragraph(out, "Also: ", fmt::format("{}; {}, tpx muscle ID one card.", fmt::join(rest, ", "), hint), 2, opt_.width);
  out << '\n';
}

void TextPrinter::where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) {
  if (opt_.detail == 0 || opt_.width == 0) return where_page(out, kb, r, ranking, opt_.detail);
  // The answer should fit one page: fewer matches whole when it would not.
  for (std::size_t detail = opt_.detail;; --detail) {
    std::ostringstream page;
    where_page(page, kb, r, ranking, detail);
    std::string text = page.str();
    if (detail == 1 || static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) <= kPageLines) {
      out << text;
      return;
    }
  }
}

void TextPrinter::where_page(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& whole,
                             std::size_t detail) const {
  if (!r.terms.empty()) {
    std::vector<std::string> parts;
    for (const ResolvedTerm& t : r.terms) {
      parts.push_back(fmt::format("{} ({})", v(term_label(kb, t.kind, t.target)), term_kind_name(t.kind)));
    }
    for (const Descriptor& d : r.descriptors) parts.push_back(fmt::format("{} ({})", v(d.word), d.kind));
    paragraph(out, st_.dim("Looking for:") + " ", fmt::format("{}", fmt::join(parts, ", ")), 2, opt_.width);
    print_conditions(out, kb, r, st_, opt_.width);
    if (opt_.explain) print_resolution(out, kb, r, opt_.width);
    out << '\n';
  }
  if (whole.matches.empty()) {
    paragraph(out, "", "No muscle in the knowledge base refers pain there.", 0, opt_.width);
    return;
  }
  // The first `detail` matches whole; the methods are theirs.
  Ranking ranking = whole;
  if (detail > 0 && ranking.matches.size() > detail) ranking.matches.resize(detail);
  std::vector<Method> ms = methods(kb, ranking);
  for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
    std::size_t k = 0;
    while (std::find(ms[k].matches.begin(), ms[k].matches.end(), i) == ms[k].matches.end()) ++k;
    match(out, kb, r, ranking, i, letter(k));
    out << '\n';
  }
  others(out, kb, whole, ranking.matches.size());
  // Methods share much of their dose and cautions: each distinct text is
  // printed once (a dose under the first method that has it), the cautions
  // after the last method.
  std::vector<std::string_view> doses, cautions;
  for (std::size_t k = 0; k < ms.size(); ++k) {
    const auto& p = kb.protocols()[ms[k].protocol];
    paragraph(out, fmt::format("{}. ", letter(k)),
              fmt::format("{} {}", st_.bold(v(kb.str(p.name))), st_.dim(fmt::format("({})", v(kb.str(p.id))))), 3,
              opt_.width);
    steps(out, kb, p, 3);
    if (std::find(doses.begin(), doses.end(), kb.str(p.dose)) == doses.end()) {
      para(out, "   Dose: ", kb.str(p.dose), 5);
      doses.push_back(kb.str(p.dose));
    }
    for (std::size_t i : ms[k].matches) {
      const auto& mu = kb.muscles()[ranking.matches[i].muscle];
      const auto& use = kb.protocol_uses(mu.protocols)[0];
      if (use.notes.size) para(out, fmt::format("   {}: ", st_.bold(v(kb.str(mu.name)))), kb.str(use.notes), 5);
    }
    for (const auto& c : kb.strs(p.cautions)) {
      if (std::find(cautions.begin(), cautions.end(), kb.str(c)) == cautions.end()) cautions.push_back(kb.str(c));
    }
    out << '\n';
  }
  if (!cautions.empty()) {
    out << st_.warn(ms.size() > 1 ? "With these methods:" : "With this method:") << '\n';
    for (std::string_view c : cautions) para(out, "  - ", c, 4);
    out << '\n';
  }
  paragraph(out, "", st_.dim(std::string(kDisclaimer)), 0, opt_.width);
}

std::unique_ptr<Printer> make_text_printer(const PrintOptions& opt) { return std::make_unique<TextPrinter>(opt); }

}  // namespace tpx::printer
