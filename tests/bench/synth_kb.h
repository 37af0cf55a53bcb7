// A synthetic knowledge base of any size, for benchmarks and scale tests.
//
// Realistic shape, not realistic facts: vocabulary grows slower than the
// muscle count (about 180 areas plus one per 20 muscles), each muscle has 1
// to 4 trigger points referring to 1 to 3 primary and 0 to 4 spillover areas
// chosen with a skew (a few areas are popular, as the temple and the low back
// are), and prose fields of a typical length. Deterministic for a seed.
#ifndef TPX_TESTS_BENCH_SYNTH_KB_H_
#define TPX_TESTS_BENCH_SYNTH_KB_H_

#include <cstdint>
#include <filesystem>

#include "tpx/model.h"

namespace tpx::bench {

/// A valid Model with `muscles` muscles.
Model synth_model(std::size_t muscles, std::uint32_t seed = 42);

/// Writes `m` as a KB directory (regions.yaml, areas.yaml, ..., muscles/).
void write_kb(const Model& m, const std::filesystem::path& dir);

}  // namespace tpx::bench

#endif  // TPX_TESTS_BENCH_SYNTH_KB_H_
