// Looking things up by name: one muscle for `tpx muscle`, and the sorted
// listings behind `tpx list`.
#ifndef TPX_LOOKUP_H_
#define TPX_LOOKUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/image.h"
#include "tpx/resolve.h"

namespace tpx {

struct MuscleLookup {
  std::optional<std::uint32_t> muscle;
  std::vector<std::string> suggestions;  ///< muscle ids, nearest first, when not found
};

/// Finds a muscle by id, name or any alias, in any case and spacing.
MuscleLookup find_muscle(const Kb& kb, std::string_view name);

struct ProtocolLookup {
  std::optional<std::uint32_t> protocol;
  std::vector<std::string> suggestions;  ///< protocol ids, nearest first
};

/// Finds a protocol by id or name, in any case and spacing.
ProtocolLookup find_protocol(const Kb& kb, std::string_view name);

/// The muscles that list a protocol, in muscle order.
std::vector<std::uint32_t> protocol_users(const Kb& kb, std::uint32_t protocol);

/// One muscle that refers pain to an area (the pain-finder view).
struct Referrer {
  std::uint32_t muscle;
  std::uint32_t trigger_point;
  image::Weight weight;
  std::uint32_t area;  ///< which area below a region carried it
};

/// Every muscle referring to the areas and regions `r` resolved (each
/// muscle once, with its strongest referral): primary first, then by id.
std::vector<Referrer> area_referrers(const Kb& kb, const Resolution& r);

/// One cause a query mentions, with how often it was mentioned.
struct CauseMatch {
  std::uint32_t cause;
  std::size_t mentions;
};

/// The causes `r` resolved: most mentioned first, then in query order.
std::vector<CauseMatch> matched_causes(const Resolution& r);

enum class ListKind { kMuscles, kAreas, kSymptoms, kCauses, kProtocols, kRegions, kRedFlags };

/// "muscles", "areas"... for `tpx list`, or nullopt.
std::optional<ListKind> parse_list_kind(std::string_view word);

struct ListEntry {
  std::string id;
  std::string label;
  std::string urgency;  ///< red flags only: emergency, urgent, soon or caution
};

/// Every entry of one kind as (id, label), sorted by id.
std::vector<ListEntry> list_entries(const Kb& kb, ListKind kind);

}  // namespace tpx

#endif  // TPX_LOOKUP_H_
