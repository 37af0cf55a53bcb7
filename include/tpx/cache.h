// The image cache for user KB directories (`tpx --kb DIR`).
//
// The first query against a directory compiles it and stores the image as
// CACHE_DIR/<dir-hash>-<stamp-hash>-v<format>.tpxi; later queries read that
// file (into memory tpx owns, never mapped: image_file.h) and check it.
//
// The stamp hash covers every YAML file's relative path, size, modification
// time, status-change time (ctime, which no user can set: `cp -p`, `rsync
// -a`, `touch -d` and `tar x` set only the mtime) and inode, so any edit
// gives a new name. A file changed within kRacyWindowNs of the listing (as
// git's "racy" files) could change again with the same size and
// timestamps: such a KB is answered but not stored. The file ends with a
// trailer naming the key it was built for, so an image of another KB put in
// its place is refused. Kb::open verifies magic, version, size, checksum
// and every offset, so a damaged image is rebuilt, never trusted.
//
// Images are written to a temporary file (O_EXCL, O_NOFOLLOW) and renamed
// into place, so concurrent processes never see half an image and a link
// planted in the cache is replaced, never written through; a cached image
// is opened with O_NOFOLLOW and must be a regular file of at most
// kMaxImageBytes (a FIFO or a huge sparse file is refused without reading
// it). A cache that cannot be written (not writable, a file in its place,
// `ulimit -f`) costs speed, never the answer. The caller chooses the
// directory: the core reads no environment.
#ifndef TPX_CACHE_H_
#define TPX_CACHE_H_

#include <cstdint>
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
  std::optional<Kb> kb;                 ///< empty when the KB has errors
  std::vector<Diagnostic> diagnostics;  ///< load errors and warnings (empty on a hit)
  CacheOutcome outcome = CacheOutcome::kCompiledNoCache;
  std::filesystem::path image_path;  ///< where the image is or would be
  std::string note;                  ///< why an image was not used or not stored
};

/// The racy window: a KB whose newest file status change is this recent
/// (or in the future) when listed is not stored. 100 ms is ten times the
/// coarsest kernel clock tick behind Linux file timestamps; when some ctime
/// is a whole millisecond (a file system that keeps seconds, as FAT or
/// some network file systems do), 2 s.
inline constexpr std::int64_t kRacyWindowNs = 100'000'000;
inline constexpr std::int64_t kRacyWindowCoarseNs = 2'000'000'000;

struct CacheOptions {
  std::int64_t racy_window_ns = -1;  ///< -1: kRacyWindowNs or kRacyWindowCoarseNs, as above (tests set 0)
};

/// Opens the KB in `kb_dir` through the cache in `cache_dir`; an empty
/// `cache_dir` compiles without caching.
CachedKb open_kb_dir(const std::filesystem::path& kb_dir, const std::filesystem::path& cache_dir,
                     const CacheOptions& options = {});

/// The image file name the cache uses for `kb_dir` in its current state, or
/// nullopt (with diagnostics) when the directory cannot be listed.
std::optional<std::string> cache_file_name(const std::filesystem::path& kb_dir, std::vector<Diagnostic>& diags);

/// Deletes every image in `cache_dir`; returns how many, or nullopt on error.
std::optional<std::size_t> clear_cache(const std::filesystem::path& cache_dir, std::string* error);

}  // namespace tpx

#endif  // TPX_CACHE_H_
