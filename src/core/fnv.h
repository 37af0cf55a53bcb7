// FNV-1a, 64 bits: the stable, dependency-free hash behind cache file names
// (a KB directory's path, and each file's path, size and modification time).
// Not for security: a cache name only has to change when its input does.
#ifndef TPX_SRC_CORE_FNV_H_
#define TPX_SRC_CORE_FNV_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tpx::detail {

inline constexpr std::uint64_t kFnvOffset = 0xCBF29CE484222325ull;

/// Continues the hash `h` over `n` bytes at `p`.
inline std::uint64_t fnv1a(const void* p, std::size_t n, std::uint64_t h = kFnvOffset) {
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<const unsigned char*>(p)[i]) * 0x100000001B3ull;
  return h;
}

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) { return fnv1a(s.data(), s.size(), h); }

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_FNV_H_
