#include "tpx/lookup.h"

#include <algorithm>

#include "tpx/normalize.h"
#include "tpx/red_flags.h"
#include "tpx/suggest.h"

namespace tpx {

using image::TermKind;

MuscleLookup find_muscle(const Kb& kb, std::string_view name) {
  MuscleLookup out;
  const std::string key = normalize_key(name);
  for (const auto& t : kb.find_terms(key)) {
    if (t.kind == TermKind::kMuscle) {
      out.muscle = t.target;
      return out;
    }
  }
  // Nearest names by edit distance; then names that start with the input,
  // which catches abbreviations like "leva" for levator scapulae.
  std::vector<std::string> keys;
  std::vector<std::uint32_t> targets;
  for (const auto& t : kb.terms()) {
    if (t.kind != TermKind::kMuscle) continue;
    keys.emplace_back(kb.str(t.key));
    targets.push_back(t.target);
  }
  auto add = [&](std::uint32_t m) {
    std::string id(kb.str(kb.muscles()[m].id));
    if (std::find(out.suggestions.begin(), out.suggestions.end(), id) == out.suggestions.end())
      out.suggestions.push_back(std::move(id));
  };
  for (const std::string& k : closest(key, keys, 3, 5)) {
    add(targets[static_cast<std::size_t>(std::find(keys.begin(), keys.end(), k) - keys.begin())]);
  }
  for (std::size_t i = 0; i < keys.size() && out.suggestions.size() < 5 && !key.empty(); ++i) {
    if (keys[i].compare(0, key.size(), key) == 0) add(targets[i]);
  }
  if (out.suggestions.size() > 5) out.suggestions.resize(5);
  return out;
}

ProtocolLookup find_protocol(const Kb& kb, std::string_view name) {
  ProtocolLookup out;
  const std::string key = normalize_key(name);
  std::vector<std::string> keys;
  auto protocols = kb.protocols();
  for (std::uint32_t i = 0; i < protocols.size(); ++i) {
    for (std::string_view n : {kb.str(protocols[i].id), kb.str(protocols[i].name)}) {
      if (normalize_key(n) == key) {
        out.protocol = i;
        return out;
      }
    }
    keys.push_back(normalize_key(kb.str(protocols[i].id)));
  }
  for (const std::string& k : closest(key, keys, 3, 3)) {
    auto at = static_cast<std::size_t>(std::find(keys.begin(), keys.end(), k) - keys.begin());
    out.suggestions.emplace_back(kb.str(protocols[at].id));
  }
  return out;
}

std::vector<std::uint32_t> protocol_users(const Kb& kb, std::uint32_t protocol) {
  std::vector<std::uint32_t> out;
  auto muscles = kb.muscles();
  for (std::uint32_t m = 0; m < muscles.size(); ++m) {
    for (const auto& use : kb.protocol_uses(muscles[m].protocols)) {
      if (use.protocol == protocol) {
        out.push_back(m);
        break;
      }
    }
  }
  return out;
}

std::vector<Referrer> area_referrers(const Kb& kb, const Resolution& r) {
  std::vector<std::uint32_t> areas;
  for (const ResolvedTerm& t : r.terms) {
    if (t.kind == TermKind::kArea) areas.push_back(t.target);
    if (t.kind == TermKind::kRegion) {
      for (std::uint32_t a : kb.u32s(kb.regions()[t.target].areas)) areas.push_back(a);
    }
  }
  std::vector<Referrer> out;
  for (std::uint32_t a : areas) {
    for (const auto& p : kb.postings(kb.areas()[a].postings)) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Referrer& x) { return x.muscle == p.muscle; });
      if (it == out.end()) {
        out.push_back({p.muscle, p.trigger_point, p.weight, a});
      } else if (p.weight == image::Weight::kPrimary && it->weight != image::Weight::kPrimary) {
        *it = {p.muscle, p.trigger_point, p.weight, a};
      }
    }
  }
  std::sort(out.begin(), out.end(), [&](const Referrer& x, const Referrer& y) {
    bool xp = x.weight == image::Weight::kPrimary, yp = y.weight == image::Weight::kPrimary;
    if (xp != yp) return xp;
    return kb.str(kb.muscles()[x.muscle].id) < kb.str(kb.muscles()[y.muscle].id);
  });
  return out;
}

std::vector<CauseMatch> matched_causes(const Resolution& r) {
  std::vector<CauseMatch> out;
  for (const ResolvedTerm& t : r.terms) {
    if (t.kind != TermKind::kCause) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const CauseMatch& c) { return c.cause == t.target; });
    if (it == out.end())
      out.push_back({t.target, 1});
    else
      ++it->mentions;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CauseMatch& a, const CauseMatch& b) { return a.mentions > b.mentions; });
  return out;
}

std::optional<ListKind> parse_list_kind(std::string_view word) {
  if (word == "muscles") return ListKind::kMuscles;
  if (word == "areas") return ListKind::kAreas;
  if (word == "symptoms") return ListKind::kSymptoms;
  if (word == "causes") return ListKind::kCauses;
  if (word == "protocols") return ListKind::kProtocols;
  if (word == "regions") return ListKind::kRegions;
  if (word == "red-flags") return ListKind::kRedFlags;
  if (word == "conditions") return ListKind::kConditions;
  return std::nullopt;
}

std::vector<ListEntry> list_entries(const Kb& kb, ListKind kind) {
  std::vector<ListEntry> out;
  auto add = [&](auto records, auto label) {
    for (const auto& r : records) out.push_back({std::string(kb.str(r.id)), std::string(kb.str(label(r))), {}});
  };
  switch (kind) {
    case ListKind::kMuscles: add(kb.muscles(), [](const auto& r) { return r.name; }); break;
    case ListKind::kAreas: add(kb.areas(), [](const auto& r) { return r.label; }); break;
    case ListKind::kSymptoms: add(kb.symptoms(), [](const auto& r) { return r.label; }); break;
    case ListKind::kCauses: add(kb.causes(), [](const auto& r) { return r.label; }); break;
    case ListKind::kProtocols: add(kb.protocols(), [](const auto& r) { return r.name; }); break;
    case ListKind::kRegions: add(kb.regions(), [](const auto& r) { return r.label; }); break;
    case ListKind::kRedFlags:
      add(kb.red_flags(), [](const auto& r) { return r.label; });
      for (std::size_t i = 0; i < out.size(); ++i) out[i].urgency = urgency_name(kb.red_flags()[i].urgency);
      break;
    case ListKind::kConditions: add(kb.conditions(), [](const auto& r) { return r.label; }); break;
  }
  std::sort(out.begin(), out.end(), [](const ListEntry& a, const ListEntry& b) { return a.id < b.id; });
  return out;
}

}  // namespace tpx
