#include "notices.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <string>

#include "tpx/escape.h"

namespace tpx::cli {
namespace {

std::string warn(std::string_view s, bool color) {
  return color ? fmt::format("\x1b[1;31m{}\x1b[0m", s) : std::string(s);
}

}  // namespace

void error(std::string_view message) { fmt::print(std::cerr, "tpx: error: {}\n", visible(message)); }

void print_notices(const Kb& kb, const Resolution& r, Notices which, bool color, std::string_view context) {
  const std::string tpx = context.empty() ? std::string("tpx:") : fmt::format("tpx: {}:", context);
  // Red flags come most urgent first; an emergency gets a line of its own
  // before its message, so it cannot be missed among the rest. A caution
  // (pregnancy) is a note, not a warning.
  for (const RedFlagHit& h : r.red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    if (f.urgency == image::Urgency::kCaution) {
      fmt::print(std::cerr, "{} note: {}: {}\n", tpx, visible(kb.str(f.label)), visible(kb.str(f.message)));
      continue;
    }
    if (f.urgency == image::Urgency::kEmergency)
      fmt::print(
          std::cerr, "{}\n",
          warn(fmt::format("{} EMERGENCY: {}: call emergency services now", tpx, visible(kb.str(f.label))), color));
    std::string head = fmt::format("{} warning: get this checked ({}):", tpx, urgency_name(f.urgency));
    fmt::print(std::cerr, "{} {}: {}\n", warn(head, color), visible(kb.str(f.label)), visible(kb.str(f.message)));
  }
  if (which == Notices::kRedFlagsOnly) return;
  for (const Correction& c : r.corrections)
    fmt::print(std::cerr, "{} note: read \"{}\" as \"{}\"\n", tpx, visible(c.from), visible(c.to));
  for (const Unmatched& u : r.unmatched) {
    std::string msg = fmt::format("{} no area or symptom recognised in \"{}\"", tpx, r.query[u.phrase]);
    if (!u.suggestions.empty()) msg += fmt::format("; did you mean: {}?", fmt::join(u.suggestions, ", "));
    fmt::print(std::cerr, "{}\n", visible(msg));
  }
}

}  // namespace tpx::cli
