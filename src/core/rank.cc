#include "tpx/rank.h"

#include <algorithm>
#include <cmath>
#include <map>
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
using BestByMuscle = std::map<std::uint32_t, Best>;

void take(BestByMuscle& best, const image::PostingRec& p, std::uint32_t area, double factor) {
  double v = weight_value(p.weight) * factor;
  Best& b = best[p.muscle];
  if (v > b.value) b = {v, p.trigger_point, area, p.weight};
}

BestByMuscle postings_for(const Kb& kb, const ResolvedTerm& t) {
  BestByMuscle best;
  switch (t.kind) {
    case TermKind::kArea:
      for (const auto& p : kb.postings(kb.areas()[t.target].postings)) take(best, p, t.target, 1.0);
      break;
    case TermKind::kSymptom:
      for (const auto& p : kb.postings(kb.symptoms()[t.target].postings)) take(best, p, kNone, 1.0);
      break;
    case TermKind::kRegion: {
      // A vague word ("arm") is explained better by a muscle that refers to
      // more of the places it covers: combine the areas noisy-OR style, so one
      // primary area gives kRegionFactor and many approach twice that.
      std::map<std::uint32_t, double> miss;  // muscle -> product of (1 - w/2)
      for (std::uint32_t a : kb.u32s(kb.regions()[t.target].areas)) {
        BestByMuscle per_area;
        for (const auto& p : kb.postings(kb.areas()[a].postings)) take(per_area, p, a, 1.0);
        for (const auto& [muscle, b] : per_area) {
          auto [it, fresh] = miss.emplace(muscle, 1.0);
          it->second *= 1.0 - b.value / 2;
          Best& keep = best[muscle];
          if (b.value > keep.value || fresh) keep = b;
        }
      }
      for (auto& [muscle, b] : best) b.value = kRegionFactor * 2 * (1 - miss[muscle]);
      break;
    }
    case TermKind::kCause:
      for (std::uint32_t m : kb.u32s(kb.causes()[t.target].muscles)) best[m] = {1.0, kNone, kNone, Weight::kSymptom};
      break;
    case TermKind::kMuscle:
      break;
  }
  return best;
}

// The pain guide's order for an area or symptom term; empty for others.
std::span<const std::uint32_t> culprits_of(const Kb& kb, const ResolvedTerm& t) {
  if (t.kind == TermKind::kArea) return kb.u32s(kb.areas()[t.target].culprits);
  if (t.kind == TermKind::kSymptom) return kb.u32s(kb.symptoms()[t.target].culprits);
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
  std::map<std::uint32_t, Match> by_muscle;
  std::set<std::pair<TermKind, std::uint32_t>> seen;
  bool only_causes = std::all_of(r.terms.begin(), r.terms.end(),
                                 [](const ResolvedTerm& t) { return t.kind == TermKind::kCause; });
  for (std::size_t i = 0; i < r.terms.size(); ++i) {
    const ResolvedTerm& t = r.terms[i];
    if (!seen.insert({t.kind, t.target}).second) continue;  // the same term twice is one item
    const bool is_cause = t.kind == TermKind::kCause;
    const bool counts = !is_cause || only_causes;
    if (counts) ++out.items;
    BestByMuscle best = postings_for(kb, t);
    if (best.empty()) continue;
    const double rarity = std::log1p(n / static_cast<double>(best.size())) / std::log1p(n);
    const std::span<const std::uint32_t> culprits = culprits_of(kb, t);
    for (const auto& [muscle, b] : best) {
      Match& m = by_muscle[muscle];
      m.muscle = muscle;
      double contribution = is_cause && !only_causes ? kCauseLift : b.value * rarity;
      auto at = std::find(culprits.begin(), culprits.end(), muscle);
      std::uint32_t culprit = at == culprits.end() ? 0 : static_cast<std::uint32_t>(at - culprits.begin()) + 1;
      if (culprit) {
        contribution += kCulpritLift * static_cast<double>(culprits.size() - culprit + 1) /
                        static_cast<double>(culprits.size());
      }
      if (counts) ++m.explained;
      m.score += contribution;
      m.explains.push_back({i, b.trigger_point, b.area, b.weight, rarity, culprit, contribution});
    }
  }
  for (auto& [id, m] : by_muscle) {
    if (m.explained == 0) continue;
    m.local = local_explains(kb, m);
    out.matches.push_back(std::move(m));
  }
  std::sort(out.matches.begin(), out.matches.end(), [&](const Match& a, const Match& b) {
    if (a.explained != b.explained) return a.explained > b.explained;
    if (a.score != b.score) return a.score > b.score;
    if (a.local != b.local) return a.local > b.local;
    return kb.str(kb.muscles()[a.muscle].id) < kb.str(kb.muscles()[b.muscle].id);
  });
  out.total = out.matches.size();
  if (top > 0 && out.matches.size() > top) out.matches.resize(top);
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

}  // namespace tpx
