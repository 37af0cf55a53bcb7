// The text printer's `where`: the ranked muscles, what each explains, where
// to press and how to release it.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "text_printer.h"

namespace tpx::printer {
namespace {

using image::TermKind;

void print_steps(std::ostream& out, const Kb& kb, const image::ProtocolRec& p, std::string_view indent) {
  int n = 1;
  for (const auto& s : kb.strs(p.steps)) fmt::print(out, "{}{}. {}\n", indent, n++, kb.str(s));
}

// Each condition named once: the note, the caveat where a nerve, joint or
// tendon may be the real cause, and where the muscle list comes from.
void print_conditions(std::ostream& out, const Kb& kb, const Resolution& r, const Style& st) {
  std::vector<std::uint32_t> shown;
  for (const ResolvedTerm& t : r.terms) {
    if (t.kind != TermKind::kCondition) continue;
    if (std::find(shown.begin(), shown.end(), t.target) != shown.end()) continue;
    shown.push_back(t.target);
    const auto& c = kb.conditions()[t.target];
    fmt::print(out, "{}: {}.\n", kb.str(c.label), kConditionNote);
    if (c.caveat.size) fmt::print(out, "  {} {}\n", st.warn("Note:"), kb.str(c.caveat));
    std::vector<std::string_view> sources;
    for (const auto& x : kb.strs(c.sources)) sources.push_back(kb.str(x));
    if (!sources.empty()) fmt::print(out, "  {} {}\n", st.dim("Sources:"), fmt::join(sources, "; "));
  }
}

// --explain: which words of each phrase matched which term, and why.
void print_resolution(std::ostream& out, const Kb& kb, const Resolution& r) {
  for (const ResolvedTerm& t : r.terms) {
    fmt::print(out, "  \"{}\": \"{}\" -> {} {} ({})\n", r.query[t.phrase], t.matched, term_kind_name(t.kind),
               term_id(kb, t.kind, t.target), t.why);
  }
}

}  // namespace

std::string Style::bold(std::string_view s) const { return on ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s); }
std::string Style::dim(std::string_view s) const { return on ? fmt::format("\x1b[2m{}\x1b[0m", s) : std::string(s); }
std::string Style::warn(std::string_view s) const {
  return on ? fmt::format("\x1b[1;31m{}\x1b[0m", s) : std::string(s);
}

std::string_view tp_title(const Kb& kb, const image::TriggerPointRec& tp) {
  return tp.name.size ? kb.str(tp.name) : kb.str(tp.id);
}

void TextPrinter::explains(std::ostream& out, const Kb& kb, const Resolution& r, const Match& m) const {
  for (const Explain& e : m.explains) {
    const ResolvedTerm& t = r.terms[e.term];
    std::string what = fmt::format("\"{}\"", r.query[t.phrase]);
    std::string how;
    if (t.kind == TermKind::kCause) {
      how = fmt::format("{} is a known cause", term_label(kb, t.kind, t.target));
    } else if (t.kind == TermKind::kSymptom) {
      how = fmt::format("causes {}", term_label(kb, t.kind, t.target));
    } else if (t.kind == TermKind::kMuscle) {
      how = fmt::format("names {}", term_label(kb, t.kind, t.target));
    } else if (t.kind == TermKind::kCondition) {
      how = fmt::format("can cause or mimic {} (#{} of {} the references name)", term_label(kb, t.kind, t.target),
                        e.culprit, kb.conditions()[t.target].muscles.count);
    } else {
      const auto& tp = kb.trigger_point(e.trigger_point);
      std::string area(term_label(kb, TermKind::kArea, e.area));
      how = fmt::format("{} ({}), from the trigger point \"{}\"", area, weight_name(e.weight), tp_title(kb, tp));
      if (t.kind == TermKind::kRegion) how += fmt::format(" (within {})", term_label(kb, t.kind, t.target));
    }
    fmt::print(out, "   {} {}: {}", st_.dim("explains"), what, how);
    if (opt_.explain) {
      std::string culprit = e.culprit ? fmt::format(", culprit #{}", e.culprit) : "";
      fmt::print(out, "  [rarity {:.3f}{} -> +{:.3f}]", e.rarity, culprit, e.contribution);
    }
    fmt::print(out, "\n");
  }
}

void TextPrinter::match(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                        std::size_t rank) const {
  const Match& m = ranking.matches[rank];
  const auto& mu = kb.muscles()[m.muscle];
  fmt::print(out, "{}. {}  {}\n", rank + 1, st_.bold(kb.str(mu.name)),
             st_.dim(fmt::format("({}; explains {} of {}, score {:.2f})", kb.str(mu.id), m.explained, ranking.items,
                                 m.score)));
  explains(out, kb, r, m);
  for (std::uint32_t tp_index : press_points(kb, m)) {
    const auto& tp = kb.trigger_point(tp_index);
    fmt::print(out, "   {} ({}): {}\n", st_.bold("Press"), tp_title(kb, tp), kb.str(tp.location));
  }
  const auto& use = kb.protocol_uses(mu.protocols)[0];
  const auto& p = kb.protocols()[use.protocol];
  fmt::print(out, "   {}: {}\n", st_.bold("Self-release"), kb.str(p.name));
  if (use.notes.size) fmt::print(out, "   For this muscle: {}\n", kb.str(use.notes));
  print_steps(out, kb, p, "     ");
  fmt::print(out, "   Dose: {}\n", kb.str(p.dose));
  for (const auto& c : kb.strs(mu.cautions)) fmt::print(out, "   {} {}\n", st_.warn("Caution:"), kb.str(c));
}

void TextPrinter::where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) {
  if (!r.terms.empty()) {
    std::vector<std::string> parts;
    for (const ResolvedTerm& t : r.terms) {
      parts.push_back(fmt::format("{} ({})", term_label(kb, t.kind, t.target), term_kind_name(t.kind)));
    }
    for (const Descriptor& d : r.descriptors) parts.push_back(fmt::format("{} ({})", d.word, d.kind));
    fmt::print(out, "{} {}\n", st_.dim("Looking for:"), fmt::join(parts, ", "));
    print_conditions(out, kb, r, st_);
    if (opt_.explain) print_resolution(out, kb, r);
    fmt::print(out, "\n");
  }
  if (ranking.matches.empty()) {
    fmt::print(out, "No muscle in the knowledge base refers pain there.\n");
    return;
  }
  for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
    if (i > 0) fmt::print(out, "\n");
    match(out, kb, r, ranking, i);
  }
  if (ranking.total > ranking.matches.size()) {
    std::size_t more = ranking.total - ranking.matches.size();
    fmt::print(out, "\n{}\n", st_.dim(fmt::format("{} more {}; use --top N (0 for all) to see them.", more,
                                                   more == 1 ? "match" : "matches")));
  }
  fmt::print(out, "\n{}\n", st_.dim(kDisclaimer));
}

std::unique_ptr<Printer> make_text_printer(const PrintOptions& opt) { return std::make_unique<TextPrinter>(opt); }

}  // namespace tpx::printer
