// The TSV printer: one row per match, fixed columns (docs/usage.md):
// rank, muscle, name, score, explained, items, terms, press.
#include <fmt/format.h>

#include "tpx/render.h"

namespace tpx::detail {

std::string tsv_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

void render_where_tsv(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                      const RenderOptions& opt) {
  if (opt.header) out << "rank\tmuscle\tname\tscore\texplained\titems\tterms\tpress\n";
  for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
    const Match& m = ranking.matches[i];
    const auto& mu = kb.muscles()[m.muscle];
    std::vector<std::string> terms;
    for (const Explain& e : m.explains) {
      const ResolvedTerm& t = r.terms[e.term];
      std::string_view w = t.kind == image::TermKind::kCause    ? "cause"
                           : t.kind == image::TermKind::kMuscle ? "named"
                           : e.weight == image::Weight::kPrimary ? "primary"
                           : e.weight == image::Weight::kSpillover ? "spillover"
                           : e.weight == image::Weight::kCondition ? "condition"
                                                                   : "symptom";
      terms.push_back(fmt::format("{}:{}", term_id(kb, t.kind, t.target), w));
    }
    const auto& tp = kb.trigger_point(press_points(kb, m).front());
    out << fmt::format("{}\t{}\t{}\t{:.4f}\t{}\t{}\t{}\t{}\n", i + 1, tsv_escape(kb.str(mu.id)),
                       tsv_escape(kb.str(mu.name)), m.score, m.explained, ranking.items,
                       tsv_escape(fmt::format("{}", fmt::join(terms, ","))), tsv_escape(kb.str(tp.location)));
  }
}

}  // namespace tpx::detail
