// XXH3 built for AVX2, for the image's block sums (hash.h's block_hash()):
// twice the bytes per instruction of the SSE2 build every x86-64 runs, so
// verifying the blocks a query reads costs half. Only this file is compiled
// with -mavx2, and block_hash() calls it only on a CPU that has AVX2; the
// hash is the same either way (xxHash's vector paths agree bit for bit).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstddef>
#include <cstdint>

namespace tpx::detail {

std::uint64_t hash64_avx2(const void* p, std::size_t n) { return XXH3_64bits(p, n); }

}  // namespace tpx::detail
