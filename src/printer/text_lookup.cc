// The text printer's reference lookups: `tpx area`, `tpx cause`, `tpx list`.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "text_printer.h"

namespace tpx::printer {
namespace {

using image::Weight;

std::string v(std::string_view s) { return visible(s); }

std::string muscle_names(const Kb& kb, image::Range muscles) {
  std::vector<std::string> names;
  for (std::uint32_t m : kb.u32s(muscles)) names.push_back(v(kb.str(kb.muscles()[m].name)));
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

void TextPrinter::area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) {
  std::vector<std::string> labels;
  for (const ResolvedTerm& t : r.terms) labels.push_back(v(term_label(kb, t.kind, t.target)));
  paragraph(out, "Muscles that refer pain to ", st_.bold(fmt::format("{}", fmt::join(labels, ", "))) + ":", 2,
            opt_.width);
  if (referrers.empty()) out << "  none in the knowledge base\n";
  // One column for the muscles, as wide as the widest (within reason), so
  // the points line up; the point's name wraps under itself.
  auto who = [&](const Referrer& x) {
    const auto& mu = kb.muscles()[x.muscle];
    return fmt::format("{} ({})", v(kb.str(mu.name)), v(kb.str(mu.id)));
  };
  std::size_t width = 0;
  for (const Referrer& x : referrers) width = std::max(width, columns(who(x)));
  width = std::min<std::size_t>(width, 40);
  Weight section = Weight::kSymptom;
  for (const Referrer& x : referrers) {
    if (x.weight != section) {
      section = x.weight;
      out << '\n'
          << (x.weight == Weight::kPrimary ? "Main pain zone (primary):" : "Occasional spread (spillover):") << '\n';
    }
    std::string name = who(x);
    std::size_t pad = width > columns(name) ? width - columns(name) : 0;
    std::string lead = fmt::format("  {}{:{}}  ", st_.bold(name), "", pad);
    paragraph(out, lead, v(tp_title(kb, kb.trigger_point(x.trigger_point))), width + 4, opt_.width);
  }
}

void TextPrinter::causes(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<CauseMatch>& causes) {
  if (causes.empty()) out << "No known cause matches.\n";
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const auto& c = kb.causes()[causes[i].cause];
    if (i > 0) out << '\n';
    paragraph(out, fmt::format("{}. ", i + 1),
              fmt::format("{} {}", st_.bold(v(kb.str(c.label))), st_.dim(fmt::format("({})", v(kb.str(c.id))))), 3,
              opt_.width);
    para(out, "   ", kb.str(c.advice), 3);
    if (c.muscles.count) paragraph(out, "   Overloads: ", muscle_names(kb, c.muscles), 5, opt_.width);
  }
}

// A listing is for scripts as much as for people: the same id<TAB>label
// rows as TSV.
void TextPrinter::list(std::ostream& out, const std::vector<ListEntry>& entries) {
  print_list_tsv(out, entries, opt_.header);
}

}  // namespace tpx::printer
