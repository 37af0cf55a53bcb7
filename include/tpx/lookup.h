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

namespace tpx {

struct MuscleLookup {
  std::optional<std::uint32_t> muscle;
  std::vector<std::string> suggestions;  ///< muscle ids, nearest first, when not found
};

/// Finds a muscle by id, name or any alias, in any case and spacing.
MuscleLookup find_muscle(const Kb& kb, std::string_view name);

enum class ListKind { kMuscles, kAreas, kSymptoms, kCauses, kProtocols, kRegions, kRedFlags };

/// "muscles", "areas"... for `tpx list`, or nullopt.
std::optional<ListKind> parse_list_kind(std::string_view word);

struct ListEntry {
  std::string id;
  std::string label;
};

/// Every entry of one kind as (id, label), sorted by id.
std::vector<ListEntry> list_entries(const Kb& kb, ListKind kind);

}  // namespace tpx

#endif  // TPX_LOOKUP_H_
