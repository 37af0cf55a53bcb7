// Ranking: which muscles explain the resolved terms, best first.
//
// The formula (docs/ranking.md has the reasons and a worked example): every
// area, symptom and region term is one item to explain. A muscle's
// contribution to an item is weight x rarity, where weight is 1.0 for a
// primary referral, 0.5 for spillover, 0.8 for a symptom it causes or a
// condition (a name people give their pain) that lists it, and for a
// vague region term 0.8 x (1 - product over the areas below the region of
// (1 - w/2)), so one primary area there gives 0.4 and many approach 0.8;
// rarity is ln(1 + N/df) / ln(1 + N) with N muscles of which df explain the
// item, plus a small lift (at most 0.05) when the item's culprit list, a pain
// guide's order, names the muscle. Muscles are ordered by how many items
// they explain, then by the sum of their contributions (plus a small lift
// for causes named in the query),
// then local muscles before distant ones, then by id, so output is stable.
#ifndef TPX_RANK_H_
#define TPX_RANK_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "tpx/image.h"
#include "tpx/resolve.h"

namespace tpx {

inline constexpr double kPrimaryWeight = 1.0;
inline constexpr double kSpilloverWeight = 0.5;
inline constexpr double kSymptomWeight = 0.8;
/// A muscle a named condition lists counts like a symptom it causes.
inline constexpr double kConditionWeight = 0.8;
inline constexpr double kRegionFactor = 0.4;
inline constexpr double kCauseLift = 0.1;
/// Lift for the muscles an area's or symptom's `culprits` list names, most
/// likely first: kCulpritLift x (k - position) / k for a list of k.
inline constexpr double kCulpritLift = 0.05;

/// One item's part of a match's score.
struct Explain {
  std::size_t term;             ///< index into Resolution::terms
  std::uint32_t trigger_point;  ///< image::kNone for symptoms, conditions and causes
  std::uint32_t area;           ///< the area that carried it; kNone if none
  image::Weight weight;
  double rarity;
  std::uint32_t culprit;  ///< 1-based position in the item's culprits list; 0 when not listed
  double contribution;
};

struct Match {
  std::uint32_t muscle;
  std::size_t explained = 0;  ///< items explained (causes excluded)
  double score = 0;
  std::size_t local = 0;  ///< explains from areas in the muscle's own region (tie-break)
  std::vector<Explain> explains;
};

struct Ranking {
  std::size_t items = 0;       ///< number of distinct items the query asked about
  std::vector<Match> matches;  ///< best first, at most `top`
  std::size_t total = 0;       ///< matches before the cut
};

/// Ranks every muscle against `r`; keeps the best `top` (0 keeps all).
Ranking rank(const Kb& kb, const Resolution& r, std::size_t top);

/// The trigger points that explain `m`, first use first; the muscle's first
/// trigger point when none does (a cause-only match).
std::vector<std::uint32_t> press_points(const Kb& kb, const Match& m);

/// "primary", "spillover" or "symptom": the one spelling of a weight that
/// every printer uses.
std::string_view weight_name(image::Weight w);

/// How one explain counts: "cause" for a cause the query named, else the
/// name of its weight.
std::string_view explain_weight_name(const Resolution& r, const Explain& e);

}  // namespace tpx

#endif  // TPX_RANK_H_
