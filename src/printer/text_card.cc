// The text printer's cards: a muscle's (`tpx muscle`) and a protocol's
// (`tpx protocol`), whole and sectioned.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "text_printer.h"

namespace tpx::printer {

void TextPrinter::muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) const {
  const auto& mu = kb.muscles()[muscle];
  fmt::print(out, "{}  {}\n", st_.bold(kb.str(mu.name)), st_.dim(fmt::format("({})", kb.str(mu.id))));
  std::vector<std::string_view> aka;
  for (const auto& a : kb.strs(mu.aka)) aka.push_back(kb.str(a));
  if (!aka.empty()) fmt::print(out, "Also called: {}\n", fmt::join(aka, ", "));
  fmt::print(out, "Region: {}\n", kb.str(kb.regions()[mu.region].label));
  fmt::print(out, "\n{}\n  {}\n", st_.bold("Where it is"), kb.str(mu.location));
  fmt::print(out, "\n{}\n", st_.bold("Trigger points"));
  for (const auto& tp : kb.trigger_points(mu.trigger_points)) {
    fmt::print(out, "  {}\n    Press: {}\n", st_.bold(tp_title(kb, tp)), kb.str(tp.location));
    auto areas = [&](image::Range r) {
      std::vector<std::string_view> labels;
      for (std::uint32_t a : kb.u32s(r)) labels.push_back(kb.str(kb.areas()[a].label));
      return fmt::format("{}", fmt::join(labels, ", "));
    };
    fmt::print(out, "    Refers pain to: {}\n", areas(tp.primary));
    if (tp.spillover.count) fmt::print(out, "    Sometimes also: {}\n", areas(tp.spillover));
  }
  if (mu.symptoms.count) {
    fmt::print(out, "\n{}\n", st_.bold("Other symptoms"));
    for (std::uint32_t s : kb.u32s(mu.symptoms)) fmt::print(out, "  - {}\n", kb.str(kb.symptoms()[s].label));
  }
  if (mu.causes.count) {
    fmt::print(out, "\n{}\n", st_.bold("Common causes, and what to do"));
    for (std::uint32_t c : kb.u32s(mu.causes)) {
      const auto& cause = kb.causes()[c];
      fmt::print(out, "  - {}: {}\n", kb.str(cause.label), kb.str(cause.advice));
    }
  }
  fmt::print(out, "\n{}\n", st_.bold("Self-release"));
  for (const auto& use : kb.protocol_uses(mu.protocols)) {
    const auto& p = kb.protocols()[use.protocol];
    fmt::print(out, "  {}{}\n", st_.bold(kb.str(p.name)),
               p.tool.size ? fmt::format(" (tool: {})", kb.str(p.tool)) : "");
    if (use.notes.size) fmt::print(out, "    For this muscle: {}\n", kb.str(use.notes));
    int n = 1;
    for (const auto& s : kb.strs(p.steps)) fmt::print(out, "    {}. {}\n", n++, kb.str(s));
    fmt::print(out, "    Dose: {}\n", kb.str(p.dose));
    for (const auto& c : kb.strs(p.cautions)) fmt::print(out, "    Caution: {}\n", kb.str(c));
  }
  if (mu.cautions.count) {
    fmt::print(out, "\n{}\n", st_.warn("Cautions"));
    for (const auto& c : kb.strs(mu.cautions)) fmt::print(out, "  - {}\n", kb.str(c));
  }
  if (mu.related.count) {
    fmt::print(out, "\n{}\n", st_.bold("Related muscles"));
    for (const auto& rel : kb.related(mu.related)) {
      const auto& other = kb.muscles()[rel.muscle];
      fmt::print(out, "  - {} ({}): {}\n", kb.str(other.name), kb.str(other.id), kb.str(rel.reason));
    }
  }
  fmt::print(out, "\n{}\n", st_.bold("Sources"));
  for (const auto& s : kb.strs(mu.sources)) fmt::print(out, "  - {}\n", kb.str(s));
  fmt::print(out, "\n{}\n", st_.dim(kDisclaimer));
}

void TextPrinter::muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) {
  for (std::size_t i = 0; i < muscles.size(); ++i) {
    if (i > 0) fmt::print(out, "\n");
    muscle(out, kb, muscles[i]);
  }
}

void TextPrinter::protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) {
  const auto& p = kb.protocols()[protocol];
  fmt::print(out, "{}  ({})\n", st_.bold(kb.str(p.name)), kb.str(p.id));
  if (p.tool.size) fmt::print(out, "Tool: {}\n", kb.str(p.tool));
  fmt::print(out, "\n");
  int n = 1;
  for (const auto& step : kb.strs(p.steps)) fmt::print(out, "  {}. {}\n", n++, kb.str(step));
  fmt::print(out, "\nDose: {}\n", kb.str(p.dose));
  if (p.cautions.count) {
    fmt::print(out, "\nCautions:\n");
    for (const auto& c : kb.strs(p.cautions)) fmt::print(out, "  - {}\n", kb.str(c));
  }
  std::vector<std::uint32_t> users = protocol_users(kb, protocol);
  if (!users.empty()) {
    std::vector<std::string_view> names;
    for (std::uint32_t m : users) names.push_back(kb.str(kb.muscles()[m].id));
    fmt::print(out, "\nUsed for: {}\n", fmt::join(names, ", "));
  }
}

}  // namespace tpx::printer
