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

void print_notices(const Kb& kb, const Resolution& r, Notices which, bool color) {
  for (const RedFlagHit& h : r.red_flags) {
    const auto& f = kb.red_flags()[h.red_flag];
    fmt::print(std::cerr, "{} {}: {}\n", warn("tpx: warning: get this checked:", color), visible(kb.str(f.label)),
               visible(kb.str(f.message)));
  }
  if (which == Notices::kRedFlagsOnly) return;
  for (const Correction& c : r.corrections) {
    fmt::print(std::cerr, "tpx: note: read \"{}\" as \"{}\"\n", visible(c.from), visible(c.to));
  }
  for (const Unmatched& u : r.unmatched) {
    std::string msg = fmt::format("tpx: no area or symptom recognised in \"{}\"", r.query[u.phrase]);
    if (!u.suggestions.empty()) msg += fmt::format("; did you mean: {}?", fmt::join(u.suggestions, ", "));
    fmt::print(std::cerr, "{}\n", visible(msg));
  }
}

}  // namespace tpx::cli
