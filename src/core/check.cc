#include "tpx/check.h"

#include <fmt/core.h>

#include <set>

#include "tpx/rank.h"
#include "validate.h"

namespace tpx {
namespace {

using image::TermKind;

Diagnostic warning_at(const Model& m, const Pos& p, std::string message) {
  return detail::diagnostic_at(m, p, Severity::kWarning, std::move(message));
}

// Muscles that reach the top kReachableRank of at least one single-term query
// (one area or one symptom): the others can never be found by asking.
std::vector<bool> reachable_muscles(const Kb& kb) {
  std::vector<bool> reached(kb.muscles().size(), false);
  auto try_term = [&](TermKind kind, std::uint32_t target) {
    Resolution r;
    r.query = {""};
    r.terms.push_back({0, "", kind, target, MatchHow::kExact, ""});
    for (const Match& match : rank(kb, r, kReachableRank).matches) reached[match.muscle] = true;
  };
  for (std::uint32_t a = 0; a < kb.areas().size(); ++a) try_term(TermKind::kArea, a);
  for (std::uint32_t s = 0; s < kb.symptoms().size(); ++s) try_term(TermKind::kSymptom, s);
  return reached;
}

}  // namespace

std::vector<Diagnostic> lint(const Model& m, const Kb& kb) {
  std::vector<Diagnostic> out;
  for (std::uint32_t a = 0; a < kb.areas().size(); ++a) {
    if (kb.areas()[a].postings.count == 0)
      out.push_back(
          warning_at(m, m.areas[a].id.pos, fmt::format("no muscle refers pain to area '{}'", m.areas[a].id.value)));
  }
  for (std::uint32_t s = 0; s < kb.symptoms().size(); ++s) {
    if (kb.symptoms()[s].postings.count == 0)
      out.push_back(
          warning_at(m, m.symptoms[s].id.pos, fmt::format("no muscle causes symptom '{}'", m.symptoms[s].id.value)));
  }
  for (std::uint32_t c = 0; c < kb.causes().size(); ++c) {
    if (kb.causes()[c].muscles.count == 0)
      out.push_back(warning_at(m, m.causes[c].id.pos, fmt::format("no muscle lists cause '{}'", m.causes[c].id.value)));
  }
  std::set<std::string> used_protocols;
  for (const Muscle& mu : m.muscles) {
    for (const ProtocolUse& u : mu.protocols) used_protocols.insert(u.id.value);
  }
  for (const Protocol& p : m.protocols) {
    if (!used_protocols.count(p.id.value))
      out.push_back(warning_at(m, p.id.pos, fmt::format("no muscle uses protocol '{}'", p.id.value)));
  }
  std::vector<bool> reached = reachable_muscles(kb);
  for (std::uint32_t i = 0; i < m.muscles.size(); ++i) {
    if (!reached[i])
      out.push_back(warning_at(m, m.muscles[i].id.pos,
                               fmt::format("muscle '{}' is never in the top {} for any single area or symptom; "
                                           "no query can reach it",
                                           m.muscles[i].id.value, kReachableRank)));
  }
  return out;
}

}  // namespace tpx
