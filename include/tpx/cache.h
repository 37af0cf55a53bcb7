// The image cache for user KB directories (`tpx --kb DIR`).
//
// The first query against a directory compiles it and stores the image as
// CACHE_DIR/<dir-hash>-<stamp-hash>.tpxi; later queries map that file and
// read it in place. The stamp hash covers every YAML file's relative path,
// size and modification time plus the image format version, so any edit
// gives a new name and a stale image is never read. Images are written to a
// temporary file and renamed into place, so concurrent processes never see
// half an image; Kb::open verifies magic, version and checksum, so a damaged
// image is rebuilt, never trusted. A cache that cannot be written costs
// speed, not an answer. The caller chooses the directory: the core reads no
// environment.
#ifndef TPX_CACHE_H_
#define TPX_CACHE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/image.h"

namespace tpx {

/// How a KB was obtained, for messages and tests.
enum class CacheOutcome { kHit, kCompiledAndStored, kCompiledNotStored, kCompiledNoCache };

struct CachedKb {
  std::optional<Kb> kb;                  ///< empty when the KB has errors
  std::vector<Diagnostic> diagnostics;   ///< load errors and warnings (empty on a hit)
  CacheOutcome outcome = CacheOutcome::kCompiledNoCache;
  std::filesystem::path image_path;      ///< where the image is or would be
  std::string note;                      ///< why an image was not used or not stored
};

/// Opens the KB in `kb_dir` through the cache in `cache_dir`; an empty
/// `cache_dir` compiles without caching.
CachedKb open_kb_dir(const std::filesystem::path& kb_dir, const std::filesystem::path& cache_dir);

/// The image file name the cache uses for `kb_dir` in its current state, or
/// nullopt (with diagnostics) when the directory cannot be listed.
std::optional<std::string> cache_file_name(const std::filesystem::path& kb_dir, std::vector<Diagnostic>& diags);

/// Deletes every image in `cache_dir`; returns how many, or nullopt on error.
std::optional<std::size_t> clear_cache(const std::filesystem::path& cache_dir, std::string* error);

/// A read-only memory map of a whole file (empty files are refused).
std::optional<Kb> map_image(const std::filesystem::path& path, std::string* error);

}  // namespace tpx

#endif  // TPX_CACHE_H_
