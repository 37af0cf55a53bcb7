#include "tpx/cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>

#include "hash.h"
#include "tpx/compile.h"
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

// A name for a temporary file no other process will pick.
fs::path temporary_beside(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  return target.string() + fmt::format(".tmp.{}.{}.{:08x}", ::getpid(), counter++, rd());
}

bool write_atomically(const fs::path& target, std::span<const std::byte> bytes, std::string* error) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    *error = fmt::format("cannot create {}: {}", target.parent_path().string(), ec.message());
    return false;
  }
  const fs::path tmp = temporary_beside(target);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      *error = fmt::format("cannot write {}", tmp.string());
      return false;
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    *error = fmt::format("cannot rename into {}", target.string());
    return false;
  }
  return true;
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

std::optional<Kb> map_image(const fs::path& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot open " + path.string();
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
    ::close(fd);
    *error = "not a regular, non-empty file: " + path.string();
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  // MAP_POPULATE: the checksum reads every page anyway; one bulk fault is
  // cheaper than thousands of single ones.
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (addr == MAP_FAILED) {
    *error = "cannot map " + path.string();
    return std::nullopt;
  }
  std::shared_ptr<const void> owner(addr, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  return Kb::open({static_cast<const std::byte*>(addr), size}, owner, error);
}

std::optional<std::string> cache_file_name(const fs::path& kb_dir, std::vector<Diagnostic>& diags) {
  std::optional<std::string> stamp = kb_fingerprint(kb_dir.string(), diags);
  if (!stamp) return std::nullopt;
  return fmt::format("{}-{}-v{}{}", dir_key(kb_dir), *stamp, image::kFormatVersion, kImageExtension);
}

CachedKb open_kb_dir(const fs::path& kb_dir, const fs::path& cache_dir) {
  CachedKb out;
  if (cache_dir.empty()) return compile_dir(kb_dir, std::move(out));
  std::optional<std::string> name = cache_file_name(kb_dir, out.diagnostics);
  if (!name) return out;
  out.image_path = cache_dir / *name;
  std::error_code ec;
  if (fs::exists(out.image_path, ec)) {
    std::string why;
    if (std::optional<Kb> kb = map_image(out.image_path, &why)) {
      out.kb = std::move(kb);
      out.outcome = CacheOutcome::kHit;
      return out;
    }
    out.note = "ignored the cached image (" + why + "); rebuilding it";
  }
  out = compile_dir(kb_dir, std::move(out));
  if (!out.kb) return out;
  // Store only if the directory did not change while it was being read.
  std::vector<Diagnostic> again;
  if (cache_file_name(kb_dir, again) != name) {
    out.outcome = CacheOutcome::kCompiledNotStored;
    out.note = "the KB changed while it was read; not cached";
    return out;
  }
  std::string why;
  if (!write_atomically(out.image_path, out.kb->bytes(), &why)) {
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
