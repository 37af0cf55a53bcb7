// The one hash of the core: XXH3, 64 bits (Debian's libxxhash-dev, used
// header-only, so users of the static library need nothing more). It names
// cache files (a KB directory, each file's path, size and modification
// time), checksums images and keys the compiler's tables. Fast, stable
// across runs and machines; not for security.
#ifndef TPX_SRC_CORE_HASH_H_
#define TPX_SRC_CORE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tpx::detail {

/// The hash of `n` bytes at `p`; `seed` chains it after another hash.
inline std::uint64_t hash64(const void* p, std::size_t n, std::uint64_t seed = 0) {
  return XXH3_64bits_withSeed(p, n, seed);
}

inline std::uint64_t hash64(std::string_view s, std::uint64_t seed = 0) { return hash64(s.data(), s.size(), seed); }

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_HASH_H_
