// Private to the compiler: id -> index over a Model's entries.
#ifndef TPX_SRC_CORE_ID_TABLE_H_
#define TPX_SRC_CORE_ID_TABLE_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hash.h"
#include "tpx/image.h"

namespace tpx::detail {

// Id -> index, by open addressing over views of the model's own ids: no
// copies, and one probe of a flat array per reference instead of a walk
// through scattered hash nodes, which is what kept compiling from growing
// linearly once the model no longer fits in the caches.
class IdTable {
 public:
  template <typename T>
  explicit IdTable(const std::vector<T>& items) {
    std::size_t n = 16;
    while (n < 2 * items.size()) n *= 2;
    slots_.assign(n, Slot{});
    ids_.reserve(items.size());
    for (const T& item : items) {
      const std::string_view id = item.id.value;
      const std::uint64_t h = hash64(id.data(), id.size());
      std::size_t i = probe(id, h);
      if (slots_[i].index == image::kNone) slots_[i] = {h, static_cast<std::uint32_t>(ids_.size())};  // first wins
      ids_.push_back(id);
    }
  }

  std::optional<std::uint32_t> find(std::string_view id) const {
    const std::size_t i = probe(id, hash64(id.data(), id.size()));
    if (slots_[i].index == image::kNone) return std::nullopt;
    return slots_[i].index;
  }
  // Only for references the validator has resolved already.
  std::uint32_t at(std::string_view id) const {
    if (std::optional<std::uint32_t> i = find(id)) return *i;
    throw std::out_of_range("unknown id '" + std::string(id) + "'");
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = image::kNone;
  };
  // The slot holding `id`, or the empty slot where it would go.
  std::size_t probe(std::string_view id, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].index != image::kNone && (slots_[i].hash != h || ids_[slots_[i].index] != id)) i = (i + 1) & mask;
    return i;
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> ids_;
};

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_ID_TABLE_H_
