// Compiled KB files (.tpxi): what `tpx compile DIR -o FILE` writes and
// `--kb FILE` opens, and the reading and writing the cache (cache.h) shares.
// The bytes are exactly an image (image.h).
//
// An image file is read into memory tpx owns, never mapped: a file that
// another process truncates or rewrites in place would kill a process that
// maps it (SIGBUS), and a private mapping still shows other writers' changes
// to pages not yet copied, so bytes checked once could change afterwards.
// Reading is bounded before it starts: only a regular file (a FIFO, a
// device or a directory is refused without blocking) of at most
// kMaxImageBytes, whose header must already look like an image.
//
// A file tpx may hold a read lease on (its own) is mapped instead of copied,
// which is ten times cheaper for a big image: the lease makes a writer wait
// while tpx copies the bytes aside. For that the first such open installs
// a handler for SIGIO, and only when SIGIO has its default disposition (a
// program that uses SIGIO itself gets the copy). It assumes the kernel's
// lease-break-time (/proc/sys/fs/lease-break-time, 45 s by default) is
// longer than copying the image takes.
#ifndef TPX_IMAGE_FILE_H_
#define TPX_IMAGE_FILE_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "tpx/image.h"

namespace tpx {

/// The bytes of a file, in 8-byte-aligned memory `owner` keeps alive.
struct FileBytes {
  std::shared_ptr<const void> owner;
  std::span<const std::byte> bytes;
};

/// Checks the first bytes of a file (its whole size given) before the rest
/// is read: empty when they are fine, else why not.
using HeadCheck = std::function<std::string(std::span<const std::byte> head, std::uint64_t file_size)>;

/// Reads the whole of the regular file at `path` (not following a symlink
/// with `no_follow`), at most `max_bytes` long and at least `min_bytes`,
/// checking the size again after reading: a file that shrinks or grows
/// meanwhile is refused. `check_head` sees the first `min_bytes` before
/// the rest is read. nullopt with the reason (no path) in `*error`. A file
/// mapped (under a lease) has every page mapped at once unless `sparse`,
/// which suits a reader that will touch only some of it.
std::optional<FileBytes> read_file_bytes(const std::filesystem::path& path, bool no_follow, std::size_t min_bytes,
                                         std::size_t max_bytes, std::string* error, const HeadCheck& check_head = {},
                                         bool sparse = false);

/// How much of an image file is checked when it is opened.
enum class ImageChecks {
  kAll,     // every block and record now (Kb::open): `tpx check FILE`
  kLazily,  // the header and small sections now, the rest as it is read (Kb::open_lazily): `--kb FILE`
};

/// Opens a compiled KB file: the reason (no path) in `*error` when it is
/// not a usable image. Opened kLazily, the Kb's accessors throw DamagedImage
/// where a block they read turns out damaged.
std::optional<Kb> open_image_file(const std::filesystem::path& path, std::string* error,
                                  ImageChecks checks = ImageChecks::kAll);

/// Writes `bytes` to a new temporary file beside `path` and renames it over
/// `path`, so a reader sees the old file or the whole new one, never half
/// of one; with `durable`, the data reaches the disk before the rename.
/// SIGXFSZ is ignored meanwhile, so a file-size limit (`ulimit -f`) is an
/// error, not a killed process. False with the reason in `*error` (the
/// temporary file removed).
bool write_image_file(const std::filesystem::path& path, std::span<const std::byte> bytes, std::string* error,
                      bool durable = true);

}  // namespace tpx

#endif  // TPX_IMAGE_FILE_H_
