#include "tpx/rank.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tpx {
namespace {

using image::kNone;
using image::TermKind;
using image::Weight;

double weight_value(Weight w) {
  switch (w) {
    case Weight::kPrimary: return kPrimaryWeight;
    case Weight::kSpillover: return kSpilloverWeight;
    case Weight::kSymptom: return kSymptomWeight;
    case Weight::kCondition: return kConditionWeight;
  }
  return 0;
}

// The best posting per muscle for one item, before rarity.
struct Best {
  double value = 0;
  std::uint32_t trigger_point = kNone;
  std::uint32_t area = kNone;
  Weight weight = Weight::kSpillover;
};
// In muscle order. Posting lists are sorted by muscle (Kb::open checks), so
// one pass over them builds this without a tree or a hash table: a popular
// area of a big KB has thousands of postings, and every node of a tree was
// an allocation.
using BestByMuscle = std::vector<std::pair<std::uint32_t, Best>>;

void take(BestByMuscle& best, Records<image::PostingRec> postings, std::uint32_t area) {
  for (const image::PostingRec& p : postings) {
    if (best.empty() || best.back().first != p.muscle) best.push_back({p.muscle, Best{}});
    Best& b = best.back().second;
    const double v = weight_value(p.weight);
    if (v > b.value) b = {v, p.trigger_point, area, p.weight};
  }
}

BestByMuscle postings_for(const Kb& kb, const ResolvedTerm& t) {
  BestByMuscle best;
  switch (t.kind) {
    case TermKind::kArea: take(best, kb.postings(kb.areas()[t.target].postings), t.target); break;
    case TermKind::kSymptom: take(best, kb.postings(kb.symptoms()[t.target].postings), kNone); break;
    case TermKind::kRegion: {
      // A vague word ("arm") is explained better by a muscle that refers to
      // more of the places it covers: combine the areas noisy-OR style, so one
      // primary area gives kRegionFactor and many approach twice that.
      // Each area's best per muscle, then grouped by muscle in area order.
      BestByMuscle all;
      for (std::uint32_t a : kb.u32s(kb.regions()[t.target].areas)) {
        BestByMuscle per_area;
        take(per_area, kb.postings(kb.areas()[a].postings), a);
        all.insert(all.end(), per_area.begin(), per_area.end());
      }
      std::stable_sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      for (std::size_t i = 0; i < all.size();) {
        const std::uint32_t muscle = all[i].first;
        double miss = 1.0;  // product of (1 - w/2) over the areas
        Best keep = all[i].second;
        for (; i < all.size() && all[i].first == muscle; ++i) {
          miss *= 1.0 - all[i].second.value / 2;
          if (all[i].second.value > keep.value) keep = all[i].second;
        }
        keep.value = kRegionFactor * 2 * (1 - miss);
        best.push_back({muscle, keep});
      }
      break;
    }
    case TermKind::kCause: {
      Records<std::uint32_t> muscles = kb.u32s(kb.causes()[t.target].muscles);
      for (std::uint32_t m : muscles) best.push_back({m, {1.0, kNone, kNone, Weight::kSymptom}});
      std::sort(best.begin(), best.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      best.erase(std::unique(best.begin(), best.end(), [](const auto& x, const auto& y) { return x.first == y.first; }),
                 best.end());
      break;
    }
    case TermKind::kCondition:
      for (std::uint32_t m : kb.u32s(kb.conditions()[t.target].muscles))
        best.push_back({m, {kConditionWeight, kNone, kNone, Weight::kCondition}});
      std::sort(best.begin(), best.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      break;
    case TermKind::kMuscle: {
      // A muscle named by name or nickname ("my lats", "sore traps") explains
      // its own item fully, like a primary referral; press its first point.
      const auto& mu = kb.muscles()[t.target];
      best.push_back({t.target, {kPrimaryWeight, mu.trigger_points.first, kNone, Weight::kPrimary}});
      break;
    }
  }
  return best;
}

// The pain guide's order for an area, symptom or condition term, and for a
// cause when causes are the items; empty for others.
Records<std::uint32_t> culprits_of(const Kb& kb, const ResolvedTerm& t, bool only_causes) {
  if (t.kind == TermKind::kCause)
    return only_causes ? kb.u32s(kb.causes()[t.target].culprits) : Records<std::uint32_t>{};
  if (t.kind == TermKind::kArea) return kb.u32s(kb.areas()[t.target].culprits);
  if (t.kind == TermKind::kSymptom) return kb.u32s(kb.symptoms()[t.target].culprits);
  // A condition's muscles are in the references' order, most likely first.
  if (t.kind == TermKind::kCondition) return kb.u32s(kb.conditions()[t.target].muscles);
  return {};
}

// How many explains come from an area inside the muscle's own region: the
// tie-break that puts local muscles (the forearm extensors for the outer
// elbow) before distant ones with the same score.
std::size_t local_explains(const Kb& kb, const Match& m) {
  const std::uint32_t own = kb.muscles()[m.muscle].region;
  std::size_t n = 0;
  for (const Explain& e : m.explains) {
    if (e.area == kNone) continue;
    for (std::uint32_t r = kb.areas()[e.area].region, steps = 0; r != kNone && steps <= kb.regions().size();
         r = kb.regions()[r].parent, ++steps) {
      if (r == own) {
        ++n;
        break;
      }
    }
  }
  return n;
}

}  // namespace

Ranking rank(const Kb& kb, const Resolution& r, std::size_t top) {
  Ranking out;
  const double n = static_cast<double>(kb.muscles().size());
  std::vector<Match> by_muscle;  // in muscle order; each term's postings are merged in
  std::set<std::pair<TermKind, std::uint32_t>> seen;
  bool only_causes =
      std::all_of(r.terms.begin(), r.terms.end(), [](const ResolvedTerm& t) { return t.kind == TermKind::kCause; });
  for (std::size_t i = 0; i < r.terms.size(); ++i) {
    const ResolvedTerm& t = r.terms[i];
    if (!seen.insert({t.kind, t.target}).second) continue;  // the same term twice is one item
    const bool is_cause = t.kind == TermKind::kCause;
    const bool counts = !is_cause || only_causes;
    if (counts) ++out.items;
    BestByMuscle best = postings_for(kb, t);
    if (best.empty()) continue;
    const double rarity = std::log1p(n / static_cast<double>(best.size())) / std::log1p(n);
    const Records<std::uint32_t> culprits = culprits_of(kb, t, only_causes);
    std::vector<Match> merged;
    merged.reserve(by_muscle.size() + best.size());
    auto old = by_muscle.begin();
    for (const auto& [muscle, b] : best) {
      while (old != by_muscle.end() && old->muscle < muscle) merged.push_back(std::move(*old++));
      Match m;
      if (old != by_muscle.end() && old->muscle == muscle) m = std::move(*old++);
      m.muscle = muscle;
      double contribution = is_cause && !only_causes ? kCauseLift : b.value * rarity;
      auto at = std::find(culprits.begin(), culprits.end(), muscle);
      std::uint32_t culprit = at == culprits.end() ? 0 : static_cast<std::uint32_t>(at - culprits.begin()) + 1;
      if (culprit) {
        contribution +=
            kCulpritLift * static_cast<double>(culprits.size() - culprit + 1) / static_cast<double>(culprits.size());
      }
      if (counts) ++m.explained;
      m.score += contribution;
      m.explains.push_back({i, b.trigger_point, b.area, b.weight, rarity, culprit, contribution});
      merged.push_back(std::move(m));
    }
    while (old != by_muscle.end()) merged.push_back(std::move(*old++));
    by_muscle = std::move(merged);
  }
  for (Match& m : by_muscle) {
    if (m.explained == 0) continue;
    m.local = local_explains(kb, m);
    out.matches.push_back(std::move(m));
  }
  // A total order (ids are unique), so keeping only the best `top` gives
  // the same first `top` as sorting them all.
  auto better = [&](const Match& a, const Match& b) {
    if (a.explained != b.explained) return a.explained > b.explained;
    if (a.score != b.score) return a.score > b.score;
    if (a.local != b.local) return a.local > b.local;
    return kb.str(kb.muscles()[a.muscle].id) < kb.str(kb.muscles()[b.muscle].id);
  };
  out.total = out.matches.size();
  if (top > 0 && out.matches.size() > top) {
    std::partial_sort(out.matches.begin(), out.matches.begin() + static_cast<std::ptrdiff_t>(top), out.matches.end(),
                      better);
    out.matches.resize(top);
  } else {
    std::sort(out.matches.begin(), out.matches.end(), better);
  }
  return out;
}

std::vector<std::uint32_t> press_points(const Kb& kb, const Match& m) {
  std::vector<std::uint32_t> out;
  for (const Explain& e : m.explains) {
    if (e.trigger_point != kNone && std::find(out.begin(), out.end(), e.trigger_point) == out.end())
      out.push_back(e.trigger_point);
  }
  if (out.empty()) out.push_back(kb.muscles()[m.muscle].trigger_points.first);
  return out;
}

std::string_view weight_name(Weight w) {
  switch (w) {
    case Weight::kPrimary: return "primary";
    case Weight::kSpillover: return "spillover";
    case Weight::kSymptom: return "symptom";
    case Weight::kCondition: return "condition";
  }
  return "";
}

std::string_view explain_weight_name(const Resolution& r, const Explain& e) {
  switch (r.terms[e.term].kind) {
    case TermKind::kCause: return "cause";
    case TermKind::kMuscle: return "named";
    default: return weight_name(e.weight);
  }
}

}  // namespace tpx
