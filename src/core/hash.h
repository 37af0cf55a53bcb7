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

#if TPX_HASH_AVX2
std::uint64_t hash64_avx2(const void* p, std::size_t n);  // hash_avx2.cc
#endif

/// hash64(p, n), the fastest way this CPU has: for the image's block sums,
/// which a query verifies as it reads (image.h).
inline std::uint64_t block_hash(const void* p, std::size_t n) {
#if TPX_HASH_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return hash64_avx2(p, n);
#endif
  return hash64(p, n);
}

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_HASH_H_
