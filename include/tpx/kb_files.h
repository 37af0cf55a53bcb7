// Finding a KB directory's YAML files, with their sizes and modification
// times, in one pass: one fstatat per file, no path resolution per file.
// The cache keys images by exactly this listing, so a warm query costs one
// directory walk, not a parse.
#ifndef TPX_KB_FILES_H_
#define TPX_KB_FILES_H_

#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/limits.h"

namespace tpx {

struct KbFile {
  std::string path;  ///< as given: dir + "/" + rel
  std::string rel;   ///< relative to the KB directory, '/'-separated
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

/// Every *.yaml / *.yml regular file below `dir` (following symlinks to
/// files, not to directories), sorted by relative path. A missing or
/// unopenable directory, a directory named like a YAML file, an unreadable
/// entry (a symlink loop), a sub-directory that cannot be opened or listed
/// (permissions, too many open files), more than kMaxKbFiles files or more
/// than kMaxKbDirs directories become diagnostics.
std::vector<KbFile> list_kb_files(const std::string& dir, std::vector<Diagnostic>& diags,
                                  std::size_t max_files = kMaxKbFiles);

/// When the files of a fingerprint last changed, for the cache's "racy"
/// rule (cache.h): the newest status-change time (ctime) of any file, and
/// whether some ctime is a whole millisecond (a file system whose clock may
/// be as coarse as seconds).
struct FingerprintTimes {
  std::int64_t newest_ctime_ns = INT64_MIN;
  bool coarse = false;
};

/// A 128-bit fingerprint (32 hex digits) of the same listing: every file's
/// relative path, size, modification time, status-change time and inode, in
/// any order. Cheaper than list_kb_files() (no sorting, no per-file
/// strings); nullopt with diagnostics when the directory cannot be listed.
std::optional<std::string> kb_fingerprint(const std::string& dir, std::vector<Diagnostic>& diags,
                                          FingerprintTimes* times = nullptr);

}  // namespace tpx

#endif  // TPX_KB_FILES_H_
