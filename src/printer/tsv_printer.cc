// The TSV printer: one row per result, fixed columns per command (documented
// in docs/usage.md), an optional header row, fields escaped so a value never
// splits a row or a column.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "printers.h"
#include "tpx/escape.h"

namespace tpx::printer {

void print_list_tsv(std::ostream& out, const std::vector<ListEntry>& entries, bool header) {
  // Red flags carry a third column, their urgency.
  const bool urgency = !entries.empty() && !entries.front().urgency.empty();
  if (header) out << (urgency ? "id\tlabel\turgency\n" : "id\tlabel\n");
  for (const ListEntry& e : entries) {
    out << visible_tsv(e.id) << '\t' << visible_tsv(e.label);
    if (urgency) out << '\t' << visible_tsv(e.urgency);
    out << '\n';
  }
}

namespace {

class TsvPrinter final : public Printer {
 public:
  explicit TsvPrinter(const PrintOptions& opt) : header_(opt.header) {}

  void where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) override {
    if (header_) out << "rank\tmuscle\tname\tscore\texplained\titems\tterms\tpress\n";
    for (std::size_t i = 0; i < ranking.matches.size(); ++i) {
      const Match& m = ranking.matches[i];
      const auto& mu = kb.muscles()[m.muscle];
      std::vector<std::string> terms;
      for (const Explain& e : m.explains) {
        const ResolvedTerm& t = r.terms[e.term];
        terms.push_back(fmt::format("{}:{}", term_id(kb, t.kind, t.target), explain_weight_name(r, e)));
      }
      const auto& tp = kb.trigger_point(press_points(kb, m).front());
      fmt::print(out, "{}\t{}\t{}\t{:.4f}\t{}\t{}\t{}\t{}\n", i + 1, visible_tsv(kb.str(mu.id)),
                 visible_tsv(kb.str(mu.name)), m.score, m.explained, ranking.items,
                 visible_tsv(fmt::format("{}", fmt::join(terms, ","))), visible_tsv(kb.str(tp.location)));
    }
  }

  void muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) override {
    if (header_) out << "id\tname\n";
    for (std::uint32_t m : muscles) {
      out << visible_tsv(kb.str(kb.muscles()[m].id)) << '\t' << visible_tsv(kb.str(kb.muscles()[m].name)) << '\n';
    }
  }

  void area(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<Referrer>& referrers) override {
    if (header_) out << "muscle\tname\tweight\ttrigger_point\tarea\n";
    for (const Referrer& x : referrers) {
      const auto& mu = kb.muscles()[x.muscle];
      out << visible_tsv(kb.str(mu.id)) << '\t' << visible_tsv(kb.str(mu.name)) << '\t' << weight_name(x.weight) << '\t'
          << visible_tsv(kb.str(kb.trigger_point(x.trigger_point).id)) << '\t'
          << visible_tsv(kb.str(kb.areas()[x.area].id)) << '\n';
    }
  }

  void causes(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<CauseMatch>& causes) override {
    if (header_) out << "rank\tcause\tlabel\tmuscles\n";
    for (std::size_t i = 0; i < causes.size(); ++i) {
      const auto& c = kb.causes()[causes[i].cause];
      std::vector<std::string_view> ids;
      for (std::uint32_t m : kb.u32s(c.muscles)) ids.push_back(kb.str(kb.muscles()[m].id));
      out << i + 1 << '\t' << visible_tsv(kb.str(c.id)) << '\t' << visible_tsv(kb.str(c.label)) << '\t'
          << visible_tsv(fmt::format("{}", fmt::join(ids, ","))) << '\n';
    }
  }

  void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) override {
    const auto& p = kb.protocols()[protocol];
    if (header_) out << "id\tname\n";
    out << visible_tsv(kb.str(p.id)) << '\t' << visible_tsv(kb.str(p.name)) << '\n';
  }

  void list(std::ostream& out, const std::vector<ListEntry>& entries) override {
    print_list_tsv(out, entries, header_);
  }

 private:
  bool header_;
};

}  // namespace

std::unique_ptr<Printer> make_tsv_printer(const PrintOptions& opt) { return std::make_unique<TsvPrinter>(opt); }

}  // namespace tpx::printer

namespace tpx {

std::string tsv_field(std::string_view s) { return visible_tsv(s); }

}  // namespace tpx
