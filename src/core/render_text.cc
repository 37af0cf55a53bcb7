// The text printer, for people, plus the dispatch by format.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "tpx/render.h"

namespace tpx {
namespace {

using image::kNone;
using image::TermKind;
using image::Weight;

constexpr std::string_view kDisclaimer =
    "tpx is a reference, not medical advice. If pain is severe, lasting or unexplained, see a professional.";

struct Style {
  bool on;
  std::string bold(std::string_view s) const { return on ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s); }
  std::string dim(std::string_view s) const { return on ? fmt::format("\x1b[2m{}\x1b[0m", s) : std::string(s); }
  std::string warn(std::string_view s) const {
    return on ? fmt::format("\x1b[1;31m{}\x1b[0m", s) : std::string(s);
  }
};

std::string_view weight_word(Weight w) {
  switch (w) {
    case Weight::kPrimary: return "primary";
    case Weight::kSpillover: return "spillover";
    case Weight::kSymptom: return "symptom";
    case Weight::kCondition: return "condition";
  }
  return "";
}

// "upper trapezius point" or the id when the point has no name.
std::string_view tp_title(const Kb& kb, const image::TriggerPointRec& tp) {
  return tp.name.size ? kb.str(tp.name) : kb.str(tp.id);
}

void print_steps(std::ostream& out, const Kb& kb, const image::ProtocolRec& p, std::string_view indent) {
  int n = 1;
  for (const auto& s : kb.strs(p.steps)) fmt::print(out, "{}{}. {}\n", indent, n++, kb.str(s));
}

void print_explains(std::ostream& out, const Kb& kb, const Resolution& r, const Match& m, const RenderOptions& opt,
                    const Style& st) {
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
      how = fmt::format("{} ({}), from the trigger point \"{}\"", area, weight_word(e.weight), tp_title(kb, tp));
      if (t.kind == TermKind::kRegion) how += fmt::format(" (within {})", term_label(kb, t.kind, t.target));
    }
    fmt::print(out, "   {} {}: {}", st.dim("explains"), what, how);
    if (opt.explain) {
      std::string culprit = e.culprit ? fmt::format(", culprit #{}", e.culprit) : "";
      fmt::print(out, "  [rarity {:.3f}{} -> +{:.3f}]", e.rarity, culprit, e.contribution);
    }
    fmt::print(out, "\n");
  }
}

// Each condition named once: the note, the caveat where a nerve, joint or
// tendon may be the real cause, and where the list comes from.
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

void print_match(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, std::size_t rank,
                 const RenderOptions& opt, const Style& st) {
  const Match& m = ranking.matches[rank];
  const auto& mu = kb.muscles()[m.muscle];
  fmt::print(out, "{}. {}  {}\n", rank + 1, st.bold(kb.str(mu.name)),
             st.dim(fmt::format("({}; explains {} of {}, score {:.2f})", kb.str(mu.id), m.explained, ranking.items,
                                m.score)));
  print_explains(out, kb, r, m, opt, st);
  for (std::uint32_t tp_index : press_points(kb, m)) {
    const auto& tp = kb.trigger_point(tp_index);
    fmt::print(out, "   {} ({}): {}\n", st.bold("Press"), tp_title(kb, tp), kb.str(tp.location));
  }
  const auto& use = kb.protocol_uses(mu.protocols)[0];
  const auto& p = kb.protocols()[use.protocol];
  fmt::print(out, "   {}: {}\n", st.bold("Self-release"), kb.str(p.name));
  if (use.notes.size) fmt::print(out, "   For this muscle: {}\n", kb.str(use.notes));
  print_steps(out, kb, p, "     ");
  fmt::print(out, "   Dose: {}\n", kb.str(p.dose));
  for (const auto& c : kb.strs(mu.cautions)) fmt::print(out, "   {} {}\n", st.warn("Caution:"), kb.str(c));
}

}  // namespace

std::optional<Format> parse_format(std::string_view word) {
  if (word == "text") return Format::kText;
  if (word == "json") return Format::kJson;
  if (word == "tsv") return Format::kTsv;
  if (word == "ids") return Format::kIds;
  return std::nullopt;
}

void render_notices(std::ostream& out, const Kb& kb, const Resolution& r, const RenderOptions& opt) {
  Style st{opt.color};
  for (const RedFlagHit& h : r.red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    fmt::print(out, "{} {}: {}\n", st.warn("tpx: warning: get this checked:"), kb.str(f.label), kb.str(f.message));
  }
  for (const Correction& c : r.corrections) {
    fmt::print(out, "tpx: note: read \"{}\" as \"{}\"\n", c.from, c.to);
  }
  for (const Unmatched& u : r.unmatched) {
    std::string msg = fmt::format("tpx: no area or symptom recognised in \"{}\"", r.query[u.phrase]);
    if (!u.suggestions.empty()) msg += "; did you mean: " + fmt::format("{}", fmt::join(u.suggestions, ", ")) + "?";
    fmt::print(out, "{}\n", msg);
  }
}

namespace detail {

void render_where_text(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                       const RenderOptions& opt) {
  Style st{opt.color};
  if (!r.terms.empty()) {
    std::vector<std::string> parts;
    for (const ResolvedTerm& t : r.terms) {
      parts.push_back(fmt::format("{} ({})", term_label(kb, t.kind, t.target), term_kind_name(t.kind)));
    }
    for (const Descriptor& d : r.descriptors) parts.push_back(fmt::format("{} ({})", d.word, d.kind));
    fmt::print(out, "{} {}\n", st.dim("Looking for:"), fmt::join(parts, ", "));
    print_conditions(out, kb, r, st);
    if (opt.explain) print_resolution(out, kb, r);
    fmt::print(out, "\n");
  }
  if (ranking.matches.empty()) {
    fmt::print(out, "No muscle in the knowledge base refers pain there.\n");
    return;
  }
  for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
    if (i > 0) fmt::print(out, "\n");
    print_match(out, kb, r, ranking, i, opt, st);
  }
  if (ranking.total > ranking.matches.size()) {
    std::size_t more = ranking.total - ranking.matches.size();
    fmt::print(out, "\n{}\n", st.dim(fmt::format("{} more {}; use --top N (0 for all) to see them.", more,
                                                  more == 1 ? "match" : "matches")));
  }
  fmt::print(out, "\n{}\n", st.dim(kDisclaimer));
}

void render_muscle_text(std::ostream& out, const Kb& kb, std::uint32_t muscle, const RenderOptions& opt) {
  Style st{opt.color};
  const auto& mu = kb.muscles()[muscle];
  fmt::print(out, "{}  {}\n", st.bold(kb.str(mu.name)), st.dim(fmt::format("({})", kb.str(mu.id))));
  std::vector<std::string_view> aka;
  for (const auto& a : kb.strs(mu.aka)) aka.push_back(kb.str(a));
  if (!aka.empty()) fmt::print(out, "Also called: {}\n", fmt::join(aka, ", "));
  fmt::print(out, "Region: {}\n", kb.str(kb.regions()[mu.region].label));
  fmt::print(out, "\n{}\n  {}\n", st.bold("Where it is"), kb.str(mu.location));
  fmt::print(out, "\n{}\n", st.bold("Trigger points"));
  for (const auto& tp : kb.trigger_points(mu.trigger_points)) {
    fmt::print(out, "  {}\n    Press: {}\n", st.bold(tp_title(kb, tp)), kb.str(tp.location));
    auto areas = [&](image::Range r) {
      std::vector<std::string_view> labels;
      for (std::uint32_t a : kb.u32s(r)) labels.push_back(kb.str(kb.areas()[a].label));
      return fmt::format("{}", fmt::join(labels, ", "));
    };
    fmt::print(out, "    Refers pain to: {}\n", areas(tp.primary));
    if (tp.spillover.count) fmt::print(out, "    Sometimes also: {}\n", areas(tp.spillover));
  }
  if (mu.symptoms.count) {
    fmt::print(out, "\n{}\n", st.bold("Other symptoms"));
    for (std::uint32_t s : kb.u32s(mu.symptoms)) fmt::print(out, "  - {}\n", kb.str(kb.symptoms()[s].label));
  }
  if (mu.causes.count) {
    fmt::print(out, "\n{}\n", st.bold("Common causes, and what to do"));
    for (std::uint32_t c : kb.u32s(mu.causes)) {
      const auto& cause = kb.causes()[c];
      fmt::print(out, "  - {}: {}\n", kb.str(cause.label), kb.str(cause.advice));
    }
  }
  fmt::print(out, "\n{}\n", st.bold("Self-release"));
  for (const auto& use : kb.protocol_uses(mu.protocols)) {
    const auto& p = kb.protocols()[use.protocol];
    fmt::print(out, "  {}{}\n", st.bold(kb.str(p.name)), p.tool.size ? fmt::format(" (tool: {})", kb.str(p.tool)) : "");
    if (use.notes.size) fmt::print(out, "    For this muscle: {}\n", kb.str(use.notes));
    print_steps(out, kb, p, "    ");
    fmt::print(out, "    Dose: {}\n", kb.str(p.dose));
    for (const auto& c : kb.strs(p.cautions)) fmt::print(out, "    Caution: {}\n", kb.str(c));
  }
  if (mu.cautions.count) {
    fmt::print(out, "\n{}\n", st.warn("Cautions"));
    for (const auto& c : kb.strs(mu.cautions)) fmt::print(out, "  - {}\n", kb.str(c));
  }
  if (mu.related.count) {
    fmt::print(out, "\n{}\n", st.bold("Related muscles"));
    for (const auto& rel : kb.related(mu.related)) {
      const auto& other = kb.muscles()[rel.muscle];
      fmt::print(out, "  - {} ({}): {}\n", kb.str(other.name), kb.str(other.id), kb.str(rel.reason));
    }
  }
  fmt::print(out, "\n{}\n", st.bold("Sources"));
  for (const auto& s : kb.strs(mu.sources)) fmt::print(out, "  - {}\n", kb.str(s));
  fmt::print(out, "\n{}\n", st.dim(kDisclaimer));
}

}  // namespace detail

void render_where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, Format format,
                  const RenderOptions& opt) {
  switch (format) {
    case Format::kText: detail::render_where_text(out, kb, r, ranking, opt); break;
    case Format::kJson: detail::render_where_json(out, kb, r, ranking); break;
    case Format::kTsv: detail::render_where_tsv(out, kb, r, ranking, opt); break;
    case Format::kIds:
      for (const Match& m : ranking.matches) out << kb.str(kb.muscles()[m.muscle].id) << '\n';
      break;
  }
}

void render_muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle, Format format, const RenderOptions& opt) {
  switch (format) {
    case Format::kText: detail::render_muscle_text(out, kb, muscle, opt); break;
    case Format::kJson: detail::render_muscle_json(out, kb, muscle); break;
    case Format::kTsv:
      out << detail::tsv_escape(kb.str(kb.muscles()[muscle].id)) << '\t'
          << detail::tsv_escape(kb.str(kb.muscles()[muscle].name)) << '\n';
      break;
    case Format::kIds: out << kb.str(kb.muscles()[muscle].id) << '\n'; break;
  }
}

}  // namespace tpx
