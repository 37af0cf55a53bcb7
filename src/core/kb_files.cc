#include "tpx/kb_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

#include "hash.h"
#include "tpx/limits.h"

namespace tpx {
namespace {

bool is_yaml_name(std::string_view name) {
  auto ends = [&](std::string_view s) { return name.size() > s.size() && name.substr(name.size() - s.size()) == s; };
  return ends(".yaml") || ends(".yml");
}

// What the cache key and the loader need of one file's stat.
struct FileStat {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;  // for the cache key: no user can set it (cp -p, rsync -a, tar x set mtime)
  std::uint64_t ino = 0;
  mode_t mode = 0;
  int error = 0;  // errno of a failed stat
};

// Walks a KB directory, calling `visit` for each YAML file found, in
// directory order.
class Walker {
 public:
  using Visit = std::function<void(std::string_view rel, const FileStat&)>;

  Walker(std::string root, std::vector<Diagnostic>& diags, Visit visit, std::size_t max_files = kMaxKbFiles,
         std::size_t max_dirs = kMaxKbDirs)
      : root_(std::move(root)), diags_(diags), visit_(std::move(visit)), max_files_(max_files), max_dirs_(max_dirs) {}

  bool run() {
    int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      // Say what is wrong: a KB that cannot be opened (permissions, too
      // many open files) is not "not a directory".
      const int why = errno;
      if (why == ENOENT)
        error(root_, "KB directory not found");
      else if (why == ENOTDIR)
        error(root_, "not a directory");
      else
        error(root_, fmt::format("cannot open the KB directory: {}", std::strerror(why)));
      return {};
    }
    walk(fd, "", 0);
    return !too_many_;
  }

 private:
  // A path below the root as the user gave the root: "kb/muscles", "/proc".
  std::string in_root(const std::string& rel) const {
    return !root_.empty() && root_.back() == '/' ? root_ + rel : root_ + "/" + rel;
  }

  void error(const std::string& path, std::string message) {
    diags_.push_back({path, 0, 0, Severity::kError, std::move(message)});
  }

  // Walks the directory open as `fd` (and closes it); `rel` is its path
  // relative to the root, empty or ending in '/'.
  void walk(int fd, const std::string& rel, int depth) {
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
      const int why = errno;
      ::close(fd);
      error(in_root(rel), fmt::format("cannot list directory: {}", std::strerror(why)));
      return;
    }
    // The YAML files of this directory, statted below: their names packed
    // into one buffer, each followed by a NUL. A big KB has ten thousand of
    // them, and fresh memory is not free (every new page is a fault).
    std::string names;
    std::vector<std::uint32_t> starts;
    for (;;) {
      errno = 0;
      dirent* e = ::readdir(dir);
      if (!e) {
        // A listing cut short is part of the KB missing: an error, not a
        // quiet end.
        if (const int why = errno; why != 0)
          error(in_root(rel), fmt::format("cannot list directory: {}", std::strerror(why)));
        break;
      }
      std::string_view name = e->d_name;
      if (too_many_) break;
      if (name == "." || name == "..") continue;
      bool is_dir = e->d_type == DT_DIR;
      bool maybe_file = e->d_type == DT_REG || e->d_type == DT_LNK || e->d_type == DT_UNKNOWN;
      if (e->d_type == DT_UNKNOWN) {
        struct stat st {};
        if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) is_dir = true;
      }
      if (is_dir) {
        const std::string child = rel + std::string(name);
        if (is_yaml_name(name)) error(in_root(child), "a directory is named like a YAML file");
        if (depth >= kMaxDirDepth) {
          error(in_root(child), fmt::format("directories nested deeper than {} levels", kMaxDirDepth));
          continue;
        }
        // A KB is a few dozen directories; TPX_KB=/ is the whole disk. Stop
        // the walk at the limit instead of visiting every directory.
        if (++dirs_ > max_dirs_) {
          error(root_, fmt::format("more than {} directories below the KB directory; is it really a KB?", max_dirs_));
          too_many_ = true;
          continue;
        }
        int sub = ::openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub >= 0) {
          walk(sub, child + "/", depth + 1);
        } else if (const int why = errno; why != ELOOP && why != ENOTDIR) {
          // Unreadable (permissions) or not opened (too many open files):
          // answering from the rest of the KB would be answering from part
          // of it, so this is an error naming the directory. A symlink
          // (ELOOP with O_NOFOLLOW) is not followed, as documented.
          error(in_root(child), fmt::format("cannot open directory: {}", std::strerror(why)));
        }
        continue;
      }
      if (maybe_file && is_yaml_name(name)) {
        starts.push_back(static_cast<std::uint32_t>(names.size()));
        names.append(name).push_back('\0');
      }
    }
    stat_files(fd, rel, names, starts);
    ::closedir(dir);
  }

  // Stats the YAML files of one directory. The stat calls are the whole
  // cost of a warm query on a big KB, so a big directory is split across
  // threads; results are visited in directory order either way.
  void stat_files(int fd, const std::string& rel, const std::string& names, const std::vector<std::uint32_t>& starts) {
    std::vector<FileStat> stats(starts.size());
    auto work = [&](std::size_t from, std::size_t step) {
      struct stat st {};
      for (std::size_t i = from; i < starts.size(); i += step) {
        if (::fstatat(fd, names.c_str() + starts[i], &st, 0) != 0) {
          stats[i].error = errno;
        } else {
          stats[i] = FileStat{static_cast<std::uint64_t>(st.st_size), to_ns(st.st_mtim), to_ns(st.st_ctim),
                              static_cast<std::uint64_t>(st.st_ino),  st.st_mode,        0};
        }
      }
    };
    const std::size_t threads =
        starts.size() < 1024 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
      try {
        pool.emplace_back(work, t, threads);
      } catch (const std::system_error&) {  // no thread to be had: do its share here
        work(t, threads);
      }
    }
    work(0, threads);
    for (std::thread& t : pool) t.join();
    std::string child = rel;
    for (std::size_t i = 0; i < starts.size() && !too_many_; ++i) {
      child.resize(rel.size());
      child.append(names.c_str() + starts[i]);
      if (stats[i].error) {
        error(in_root(child), fmt::format("cannot read file: {}", std::strerror(stats[i].error)));
      } else if (S_ISDIR(stats[i].mode)) {
        error(in_root(child), "a directory is named like a YAML file");
      } else if (S_ISREG(stats[i].mode)) {
        visit_(child, stats[i]);
        if (++count_ > max_files_) {
          error(root_, fmt::format("more than {} YAML files in the KB", max_files_));
          too_many_ = true;
        }
      }
    }
  }

  static std::int64_t to_ns(const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
  }

  std::string root_;
  std::vector<Diagnostic>& diags_;
  Visit visit_;
  std::size_t max_files_, max_dirs_;
  std::size_t count_ = 0, dirs_ = 0;
  bool too_many_ = false;
};

std::string trimmed(const std::string& dir) {
  std::string root = dir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace

std::vector<KbFile> list_kb_files(const std::string& dir, std::vector<Diagnostic>& diags, std::size_t max_files) {
  const std::string root = trimmed(dir);
  const std::string prefix = !root.empty() && root.back() == '/' ? root : root + "/";  // "/" stays "/"
  std::vector<KbFile> files;
  bool ok = Walker(
                root, diags,
                [&](std::string_view rel, const FileStat& st) {
                  files.push_back({prefix + std::string(rel), std::string(rel), st.size, st.mtime_ns});
                },
                max_files)
                .run();
  if (!ok) return {};
  std::sort(files.begin(), files.end(), [](const KbFile& a, const KbFile& b) { return a.rel < b.rel; });
  return files;
}

std::optional<std::string> kb_fingerprint(const std::string& dir, std::vector<Diagnostic>& diags,
                                          FingerprintTimes* times) {
  // Each file hashes alone (path, then size, mtime, ctime and inode); the
  // per-file hashes are combined by addition in two lanes, so order does
  // not matter.
  std::uint64_t sum = 0, mix = 0, count = 0;
  FingerprintTimes seen;
  bool ok = Walker(trimmed(dir), diags, [&](std::string_view rel, const FileStat& st) {
              const std::uint64_t fields[] = {st.size, static_cast<std::uint64_t>(st.mtime_ns),
                                              static_cast<std::uint64_t>(st.ctime_ns), st.ino};
              std::uint64_t h = detail::hash64(fields, sizeof fields, detail::hash64(rel));
              seen.newest_ctime_ns = std::max(seen.newest_ctime_ns, st.ctime_ns);
              seen.coarse = seen.coarse || st.ctime_ns % 1000000 == 0;
              sum += h;
              mix += (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
              ++count;
            }).run();
  if (!ok || has_errors(diags)) return std::nullopt;
  if (times) *times = seen;
  return fmt::format("{:016x}{:016x}", sum ^ count, mix);
}

}  // namespace tpx
