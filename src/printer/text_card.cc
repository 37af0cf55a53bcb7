// The text printer's cards: a muscle's (`tpx muscle`) and a protocol's
// (`tpx protocol`), whole, sectioned and wrapped.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "text_printer.h"

namespace tpx::printer {
namespace {

std::string v(std::string_view s) { return visible(s); }

std::string area_labels(const Kb& kb, image::Range r) {
  std::vector<std::string> labels;
  for (std::uint32_t a : kb.u32s(r)) labels.push_back(v(kb.str(kb.areas()[a].label)));
  return fmt::format("{}", fmt::join(labels, ", "));
}

}  // namespace

void TextPrinter::muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) const {
  const auto& mu = kb.muscles()[muscle];
  const std::size_t w = opt_.width;
  paragraph(out, "", fmt::format("{} {}", st_.bold(v(kb.str(mu.name))), st_.dim(fmt::format("({})", v(kb.str(mu.id))))),
            2, w);
  std::vector<std::string> aka;
  for (const auto& a : kb.strs(mu.aka)) aka.push_back(v(kb.str(a)));
  if (!aka.empty()) paragraph(out, "Also called: ", fmt::format("{}", fmt::join(aka, ", ")), 2, w);
  para(out, "Region: ", kb.str(kb.regions()[mu.region].label), 2);
  out << '\n' << st_.bold("Where it is") << '\n';
  para(out, "  ", kb.str(mu.location), 2);
  out << '\n' << st_.bold("Trigger points") << '\n';
  for (const auto& tp : kb.trigger_points(mu.trigger_points)) {
    paragraph(out, "  ", st_.bold(v(tp_title(kb, tp))), 4, w);
    paragraph(out, "    " + st_.press("Press:") + " ", st_.press(v(kb.str(tp.location))), 6, w);
    paragraph(out, "    Refers pain to: ", area_labels(kb, tp.primary), 6, w);
    if (tp.spillover.count) paragraph(out, "    Sometimes also: ", area_labels(kb, tp.spillover), 6, w);
  }
  if (mu.symptoms.count) {
    out << '\n' << st_.bold("Other symptoms") << '\n';
    for (std::uint32_t s : kb.u32s(mu.symptoms)) para(out, "  - ", kb.str(kb.symptoms()[s].label), 4);
  }
  if (mu.causes.count) {
    out << '\n' << st_.bold("Common causes, and what to do") << '\n';
    for (std::uint32_t c : kb.u32s(mu.causes)) {
      const auto& cause = kb.causes()[c];
      paragraph(out, "  - ", fmt::format("{}: {}", v(kb.str(cause.label)), v(kb.str(cause.advice))), 4, w);
    }
  }
  out << '\n' << st_.bold("Self-release") << '\n';
  for (const auto& use : kb.protocol_uses(mu.protocols)) {
    const auto& p = kb.protocols()[use.protocol];
    std::string tool = p.tool.size ? fmt::format(" (tool: {})", v(kb.str(p.tool))) : "";
    paragraph(out, "  ", st_.bold(v(kb.str(p.name))) + tool, 4, w);
    if (use.notes.size) para(out, "    For this muscle: ", kb.str(use.notes), 6);
    steps(out, kb, p, 4);
    para(out, "    Dose: ", kb.str(p.dose), 6);
    for (const auto& c : kb.strs(p.cautions)) para(out, "    " + st_.warn("Caution:") + " ", kb.str(c), 6);
  }
  if (mu.cautions.count) {
    out << '\n' << st_.warn("Cautions") << '\n';
    for (const auto& c : kb.strs(mu.cautions)) para(out, "  - ", kb.str(c), 4);
  }
  if (mu.related.count) {
    out << '\n' << st_.bold("Related muscles") << '\n';
    for (const auto& rel : kb.related(mu.related)) {
      const auto& other = kb.muscles()[rel.muscle];
      paragraph(out, "  - ",
                fmt::format("{} ({}): {}", v(kb.str(other.name)), v(kb.str(other.id)), v(kb.str(rel.reason))), 4, w);
    }
  }
  out << '\n' << st_.bold("Sources") << '\n';
  for (const auto& s : kb.strs(mu.sources)) para(out, "  - ", kb.str(s), 4);
  out << '\n';
  paragraph(out, "", st_.dim(std::string(kDisclaimer)), 0, w);
}

void TextPrinter::muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) {
  for (std::size_t i = 0; i < muscles.size(); ++i) {
    if (i > 0) out << '\n';
    muscle(out, kb, muscles[i]);
  }
}

void TextPrinter::protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) {
  const auto& p = kb.protocols()[protocol];
  const std::size_t w = opt_.width;
  paragraph(out, "", fmt::format("{} {}", st_.bold(v(kb.str(p.name))), st_.dim(fmt::format("({})", v(kb.str(p.id))))),
            2, w);
  if (p.tool.size) para(out, "Tool: ", kb.str(p.tool), 2);
  out << '\n';
  steps(out, kb, p, 2);
  out << '\n';
  para(out, "Dose: ", kb.str(p.dose), 2);
  if (p.cautions.count) {
    out << '\n' << st_.warn("Cautions") << '\n';
    for (const auto& c : kb.strs(p.cautions)) para(out, "  - ", kb.str(c), 4);
  }
  std::vector<std::uint32_t> users = protocol_users(kb, protocol);
  if (!users.empty()) {
    std::vector<std::string> names;
    for (std::uint32_t m : users) names.push_back(v(kb.str(kb.muscles()[m].id)));
    out << '\n';
    paragraph(out, "Used for: ", fmt::format("{}", fmt::join(names, ", ")), 2, w);
  }
}

}  // namespace tpx::printer
