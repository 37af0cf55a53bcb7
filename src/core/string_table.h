// Private to the compiler: the image's strings section, written in place
// right after the header, with short strings shared.
#ifndef TPX_SRC_CORE_STRING_TABLE_H_
#define TPX_SRC_CORE_STRING_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "hash.h"
#include "tpx/image.h"

namespace tpx::detail {

/// Appends text to `out` after its first `base` bytes (the image header) and
/// hands out image::Str offsets relative to `base`. Short strings (ids,
/// labels, aliases, sources) repeat and are shared through an open-addressing
/// table over the section itself; long prose (locations, notes) is almost
/// always unique and goes straight in.
class StringTable {
 public:
  StringTable(std::vector<std::byte>& out, std::size_t base) : out_(out), base_(base) {}

  /// Sizes the table for about `expected` distinct short strings.
  void reserve(std::size_t expected) {
    std::size_t n = 1024;
    while (n < 2 * expected) n *= 2;
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(n));
    for (const Slot& o : old) {
      if (o.s.size == kEmptySlot) continue;
      std::size_t i = o.hash & (slots_.size() - 1);
      while (slots_[i].s.size != kEmptySlot) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = o;
    }
  }

  /// `s` in the section: the earlier copy of a short string, else appended.
  image::Str add(std::string_view s) {
    if (s.size() > kShareBelow) return append(s);
    if (slots_.empty()) reserve(0);
    const std::uint64_t h = hash64(s.data(), s.size());
    std::size_t i = h & (slots_.size() - 1);
    for (; slots_[i].s.size != kEmptySlot; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].hash == h && text_at(slots_[i].s) == s) return slots_[i].s;
    }
    const image::Str added = append(s);
    slots_[i] = {h, added};
    if (++interned_ * 2 > slots_.size()) reserve(interned_);
    return added;
  }

  /// The text of a string this table handed out.
  std::string_view text_at(image::Str s) const {
    return {reinterpret_cast<const char*>(out_.data()) + base_ + s.offset, s.size};
  }

  /// Bytes in the section so far.
  std::size_t size() const { return out_.size() - base_; }

 private:
  static constexpr std::size_t kShareBelow = 120;
  static constexpr std::uint32_t kEmptySlot = 0xFFFFFFFFu;
  struct Slot {
    std::uint64_t hash = 0;
    image::Str s{0, kEmptySlot};
  };

  image::Str append(std::string_view s) {
    if (size() + s.size() > 0xFFFFFFF0u) throw std::length_error("knowledge base too large for the image format");
    image::Str out{static_cast<std::uint32_t>(size()), static_cast<std::uint32_t>(s.size())};
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    out_.insert(out_.end(), p, p + s.size());
    return out;
  }

  std::vector<std::byte>& out_;
  std::size_t base_;
  std::vector<Slot> slots_;
  std::size_t interned_ = 0;
};

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_STRING_TABLE_H_
