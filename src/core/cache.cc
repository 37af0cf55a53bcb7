#include "tpx/cache.h"

#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "hash.h"
#include "tpx/compile.h"
#include "tpx/image_file.h"
#include "tpx/kb_files.h"
#include "tpx/limits.h"
#include "tpx/load.h"

namespace tpx {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImageExtension = ".tpxi";

using detail::hash64;

std::string hex(std::uint64_t v) { return fmt::format("{:016x}", v); }

std::string dir_key(const fs::path& kb_dir) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(kb_dir, ec), ec);
  return hex(hash64(canonical.string()));
}

// Removes older images of the same KB directory, keeping `keep`.
void prune_stale(const fs::path& cache_dir, std::string_view dir_prefix, const fs::path& keep) {
  std::error_code ec;
  for (fs::directory_iterator it(cache_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (p != keep && name.rfind(dir_prefix, 0) == 0 && p.extension() == kImageExtension) {
      std::error_code rm;
      fs::remove(p, rm);
    }
  }
}

// A cached image file is the image followed by this trailer, which names
// the KB and state it was built from: an image of another KB (or of this KB
// before an edit) copied to this name is refused, never answered from.
struct Trailer {
  char magic[8];
  char key[56];  // the file name without its extension, NUL-padded
};
constexpr char kTrailerMagic[8] = {'T', 'P', 'X', 'C', 'A', 'C', 'H', 'E'};

std::string stem(std::string_view name) { return std::string(name.substr(0, name.size() - kImageExtension.size())); }

std::optional<std::string> key_of(const fs::path& kb_dir, std::vector<Diagnostic>& diags, FingerprintTimes* times) {
  std::optional<std::string> stamp = kb_fingerprint(kb_dir.string(), diags, times);
  if (!stamp) return std::nullopt;
  return fmt::format("{}-{}-v{}{}", dir_key(kb_dir), *stamp, image::kFormatVersion, kImageExtension);
}

std::int64_t now_ns() {
  struct timespec t {};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// The cached image at `path` if it is one, whole and of exactly the KB
// state `name` names; else nullopt, with why in `*why` (empty when there is
// simply no image yet).
std::optional<Kb> read_cached(const fs::path& path, const std::string& name, std::string* why) {
  auto head = [](std::span<const std::byte> bytes, std::uint64_t size) {
    return image::check_head(bytes, size - sizeof(Trailer));
  };
  std::optional<FileBytes> file =
      read_file_bytes(path, true, sizeof(image::Header) + sizeof(Trailer), kMaxImageBytes + sizeof(Trailer), why, head);
  if (!file) {
    if (*why == std::strerror(ENOENT)) why->clear();
    return std::nullopt;
  }
  const std::span<const std::byte> bytes = file->bytes.first(file->bytes.size() - sizeof(Trailer));
  Trailer t;
  std::memcpy(&t, file->bytes.data() + bytes.size(), sizeof t);
  const std::string key = stem(name);
  if (std::memcmp(t.magic, kTrailerMagic, sizeof t.magic) != 0 ||
      std::string_view(t.key, strnlen(t.key, sizeof t.key)) != key) {
    *why = "built from another KB or another state of it";
    return std::nullopt;
  }
  return Kb::open(bytes, std::move(file->owner), why);
}

// Writes the image and its trailer under `path`, atomically.
bool store(const fs::path& path, const std::string& name, std::span<const std::byte> image, std::string* why) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    *why = fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message());
    return false;
  }
  Trailer t{};
  std::memcpy(t.magic, kTrailerMagic, sizeof t.magic);
  const std::string key = stem(name);
  std::memcpy(t.key, key.data(), std::min(key.size(), sizeof t.key));
  std::vector<std::byte> bytes(image.size() + sizeof t);
  std::memcpy(bytes.data(), image.data(), image.size());
  std::memcpy(bytes.data() + image.size(), &t, sizeof t);
  // Not durable: a cached image lost or damaged in a crash is refused by
  // its checksum and rebuilt, so fsync would cost every first query for nothing.
  return write_image_file(path, bytes, why, false);
}

CachedKb compile_dir(const fs::path& kb_dir, CachedKb out) {
  LoadResult loaded = load_directory(kb_dir);
  out.diagnostics = std::move(loaded.diagnostics);
  if (has_errors(out.diagnostics)) return out;
  try {
    out.kb = compile_kb(loaded.model);
  } catch (const std::exception& e) {  // too large for the image format, or out of memory
    out.diagnostics.push_back({kb_dir.string(), 0, 0, Severity::kError, std::string("cannot compile: ") + e.what()});
  }
  return out;
}

}  // namespace

std::optional<std::string> cache_file_name(const fs::path& kb_dir, std::vector<Diagnostic>& diags) {
  return key_of(kb_dir, diags, nullptr);
}

CachedKb open_kb_dir(const fs::path& kb_dir, const fs::path& cache_dir, const CacheOptions& options) {
  CachedKb out;
  if (cache_dir.empty()) return compile_dir(kb_dir, std::move(out));
  const std::int64_t listed_at = now_ns();
  FingerprintTimes times;
  std::optional<std::string> name = key_of(kb_dir, out.diagnostics, &times);
  if (!name) return out;
  out.image_path = cache_dir / *name;
  std::string why;
  if (std::optional<Kb> kb = read_cached(out.image_path, *name, &why)) {
    out.kb = std::move(kb);
    out.outcome = CacheOutcome::kHit;
    return out;
  }
  if (!why.empty()) out.note = "ignored the cached image (" + why + "); rebuilding it";
  out = compile_dir(kb_dir, std::move(out));
  if (!out.kb) return out;
  // Store only if the directory did not change while it was being read.
  std::vector<Diagnostic> again;
  if (key_of(kb_dir, again, nullptr) != name) {
    out.outcome = CacheOutcome::kCompiledNotStored;
    out.note = "the KB changed while it was read; not cached";
    return out;
  }
  // The racy rule (as git's racy-git): a file changed within the clock's
  // granularity of the listing could change again with the same size and
  // timestamps, and the key would not see it. Such a KB is answered but not
  // stored; a query after the window stores it.
  const std::int64_t window =
      options.racy_window_ns >= 0 ? options.racy_window_ns : (times.coarse ? kRacyWindowCoarseNs : kRacyWindowNs);
  if (times.newest_ctime_ns >= listed_at - window) {
    out.outcome = CacheOutcome::kCompiledNotStored;
    out.note = "a KB file changed just now; not cached until its timestamps can tell a further change";
    return out;
  }
  if (!store(out.image_path, *name, out.kb->bytes(), &why)) {
    out.outcome = CacheOutcome::kCompiledNotStored;
    out.note = "cache not written: " + why;
    return out;
  }
  out.outcome = CacheOutcome::kCompiledAndStored;
  prune_stale(cache_dir, name->substr(0, 17), out.image_path);
  return out;
}

std::optional<std::size_t> clear_cache(const fs::path& cache_dir, std::string* error) {
  std::error_code ec;
  if (!fs::exists(cache_dir, ec)) return 0;
  std::size_t removed = 0;
  for (fs::directory_iterator it(cache_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (p.extension() == kImageExtension || name.find(".tpxi.tmp.") != std::string::npos) {
      std::error_code rm;
      if (fs::remove(p, rm)) ++removed;
      if (rm) {
        *error = fmt::format("cannot remove {}: {}", p.string(), rm.message());
        return std::nullopt;
      }
    }
  }
  if (ec) {
    *error = fmt::format("cannot list {}: {}", cache_dir.string(), ec.message());
    return std::nullopt;
  }
  return removed;
}

}  // namespace tpx
