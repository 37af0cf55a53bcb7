// The text printer's reference lookups: `tpx area`, `tpx cause`, `tpx list`.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "text_printer.h"

namespace tpx::printer {
namespace {

using image::Weight;

std::string muscle_names(const Kb& kb, image::Range muscles) {
  std::vector<std::string_view> names;
  for (std::uint32_t m : kb.u32s(muscles)) names.push_back(kb.str(kb.muscles()[m].name));
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

void TextPrinter::area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) {
  std::vector<std::string> labels;
  for (const ResolvedTerm& t : r.terms) labels.emplace_back(term_label(kb, t.kind, t.target));
  fmt::print(out, "Muscles that refer pain to {}:\n", st_.bold(fmt::format("{}", fmt::join(labels, ", "))));
  if (referrers.empty()) fmt::print(out, "  none in the knowledge base\n");
  // One column for the muscles, as wide as the widest, so the points line up.
  auto who = [&](const Referrer& x) {
    const auto& mu = kb.muscles()[x.muscle];
    return fmt::format("{} ({})", kb.str(mu.name), kb.str(mu.id));
  };
  std::size_t width = 0;
  for (const Referrer& x : referrers) width = std::max(width, who(x).size());
  Weight section = Weight::kSymptom;
  for (const Referrer& x : referrers) {
    if (x.weight != section) {
      section = x.weight;
      fmt::print(out, "\n{}\n",
                 x.weight == Weight::kPrimary ? "Main pain zone (primary):" : "Occasional spread (spillover):");
    }
    fmt::print(out, "  {:<{}}  {}\n", who(x), width, tp_title(kb, kb.trigger_point(x.trigger_point)));
  }
}

void TextPrinter::causes(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<CauseMatch>& causes) {
  if (causes.empty()) fmt::print(out, "No known cause matches.\n");
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const auto& c = kb.causes()[causes[i].cause];
    if (i > 0) fmt::print(out, "\n");
    fmt::print(out, "{}. {}  ({})\n   {}\n", i + 1, st_.bold(kb.str(c.label)), kb.str(c.id), kb.str(c.advice));
    if (c.muscles.count) fmt::print(out, "   Overloads: {}\n", muscle_names(kb, c.muscles));
  }
}

// A listing is for scripts as much as for people: the same id<TAB>label
// rows as TSV.
void TextPrinter::list(std::ostream& out, const std::vector<ListEntry>& entries) {
  print_list_tsv(out, entries, opt_.header);
}

}  // namespace tpx::printer
