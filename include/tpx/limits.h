// Every limit that keeps hostile input from exhausting time or memory, in one
// place. docs/limits.md explains each; tests check each at and past its value.
#ifndef TPX_LIMITS_H_
#define TPX_LIMITS_H_

#include <cstddef>

namespace tpx {

// Knowledge bases.
inline constexpr std::size_t kMaxFileBytes = 4u << 20;   ///< bytes per YAML file
inline constexpr std::size_t kMaxKbFiles = 200000;       ///< YAML files per KB
inline constexpr int kMaxFlowDepth = 64;                 ///< nested [ and { in a file
inline constexpr int kMaxIndentColumns = 128;            ///< leading spaces and "- " markers on a line
inline constexpr int kMaxDirDepth = 32;                  ///< directories below the KB directory
inline constexpr std::size_t kMaxKbDirs = 10000;         ///< directories visited in a KB walk (TPX_KB=/ stops here)
inline constexpr double kMaxAtlasCoordinate = 100000;    ///< |number| in an atlas view
inline constexpr std::size_t kMaxSuggestedErrors = 100;  ///< unknown references that get a "did you mean"

// Images: a compiled KB file (`--kb FILE`) or a cached image. A file is
// refused before it is read when larger; the 10,000-muscle synthetic KB
// compiles to 13 MB.
inline constexpr std::size_t kMaxImageBytes = std::size_t{1} << 30;  ///< bytes per image file

// Queries.
inline constexpr std::size_t kMaxPhrases = 1000;           ///< phrases per query
inline constexpr std::size_t kMaxPhraseBytes = 4096;       ///< bytes per phrase (and per stdin line)
inline constexpr std::size_t kMaxStdinLines = 10000;       ///< lines on stdin for one query, blank ones included
inline constexpr std::size_t kMaxStdinBytes = 8u << 20;    ///< bytes on stdin for one query
inline constexpr std::size_t kMaxBlankLines = 10000;       ///< lines in a row that ask nothing (where --each)
inline constexpr std::size_t kMaxCorrectedWordBytes = 32;  ///< longer words are neither corrected nor suggested for

}  // namespace tpx

#endif  // TPX_LIMITS_H_
