// libFuzzer target: the image cache driven through sequences of file-system
// changes between queries (issue 14). The input is a program of operations
// on a KB directory (a copy of tests/data/kb-small) and on its cache:
//
//   0 edit a byte of a YAML file in place, size and mtime kept (cp -p, touch -d)
//   1 the same edit written to a new file renamed over it, mtime kept (rsync -a, tar x)
//   2 add a YAML file (a copy of a muscle under another id), with an old mtime
//   3 remove an added file, or a YAML file of the KB
//   4 truncate the cached image            5 overwrite bytes of it with input bytes
//   6 replace it with input bytes          7 plant a FIFO, directory or symlink in its place
//   8 put an image of another state of the KB (or another KB) in its place
//   9 query
//
// Every query opens the KB through the cache (open_kb_dir) and must give
// exactly the image a fresh, uncached load compiles (or the same "has
// errors"): never a stale image, never another KB's, never a crash or hang.
// The cache's racy rule is on, as in the CLI, so edits made within its
// window are answered without being stored; the KB's files are restored
// only where an input changed them, so most inputs query against a stored
// image that the operations then damage.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/cache.h"
#include "tpx/compile.h"
#include "tpx/load.h"

namespace {

namespace fs = std::filesystem;

struct World {
  fs::path root, kb, cache, other;
  std::map<std::string, std::string> base;  // rel -> text of the KB as it should be restored
  std::vector<std::string> files;           // rels, sorted
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write(const fs::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

World& world() {
  static World made = [] {
    World w;
    w.root = fs::temp_directory_path() / ("tpx-fuzz-cache-" + std::to_string(::getpid()));
    fs::remove_all(w.root);
    fs::create_directories(w.root);
    w.kb = w.root / "kb";
    w.cache = w.root / "cache";
    w.other = w.root / "other";
    fs::copy(std::string(TPX_TEST_DATA_DIR) + "/kb-small", w.kb, fs::copy_options::recursive);
    fs::copy(std::string(TPX_TEST_DATA_DIR) + "/kb-small", w.other, fs::copy_options::recursive);
    write(w.other / "muscles/temporalis.yaml",
          "id: temporalis\nname: Other temporalis\nregion: head\n"
          "location: Elsewhere.\ntrigger_points:\n  - id: front\n    location: Here.\n    refers:\n"
          "      primary: [temple]\nprotocols: [self-release]\nsources: [\"x\"]\n");
    for (const auto& e : fs::recursive_directory_iterator(w.kb)) {
      if (e.is_regular_file()) {
        std::string rel = fs::relative(e.path(), w.kb).string();
        w.base[rel] = read(e.path());
        w.files.push_back(rel);
      }
    }
    std::sort(w.files.begin(), w.files.end());
    std::atexit([] { fs::remove_all(world().root); });
    return w;
  }();
  return made;
}

// Puts the KB back as it was, touching only what an input changed (a
// rewritten file is "racy" for the cache's window, and would not be stored).
void restore(World& w) {
  for (const auto& e : fs::recursive_directory_iterator(w.kb)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), w.kb).string();
    auto it = w.base.find(rel);
    if (it == w.base.end()) fs::remove(e.path());
  }
  for (const auto& [rel, text] : w.base) {
    if (!fs::exists(w.kb / rel) || read(w.kb / rel) != text) write(w.kb / rel, text);
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(w.cache, ec)) fs::remove_all(e.path(), ec);
}

class Input {
 public:
  explicit Input(std::string_view d) : d_(d) {}
  bool empty() const { return d_.empty(); }
  std::uint8_t byte() {
    if (d_.empty()) return 0;
    auto b = static_cast<std::uint8_t>(d_[0]);
    d_.remove_prefix(1);
    return b;
  }
  std::string_view bytes(std::size_t n) {
    n = std::min(n, d_.size());
    std::string_view out = d_.substr(0, n);
    d_.remove_prefix(n);
    return out;
  }

 private:
  std::string_view d_;
};

// A YAML file an input may add: muscles/added-N.yaml, id added-N.
std::string fmt_name(std::uint8_t b) { return "muscles/added-" + std::to_string(b % 4) + ".yaml"; }

// The image the cache holds for the KB now, if any.
fs::path image_path(const World& w) {
  std::vector<tpx::Diagnostic> diags;
  std::optional<std::string> name = tpx::cache_file_name(w.kb, diags);
  return name ? w.cache / *name : w.cache / "none.tpxi";
}

void keep_mtime(const fs::path& p, const struct stat& before) {
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ::utimensat(AT_FDCWD, p.c_str(), times, 0);
}

void edit(World& w, Input& in, bool in_place) {
  const std::string rel = w.files[in.byte() % w.files.size()];
  const fs::path p = w.kb / rel;
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0 || st.st_size == 0) return;
  std::string text = read(p);
  std::size_t at = (static_cast<std::size_t>(in.byte()) << 8 | in.byte()) % text.size();
  char c = static_cast<char>(in.byte());
  if (c == '\0') c = 'x';
  text[at] = c;
  if (in_place) {
    int fd = ::open(p.c_str(), O_WRONLY);
    if (fd < 0) return;
    (void)!::pwrite(fd, &c, 1, static_cast<off_t>(at));
    ::close(fd);
    keep_mtime(p, st);
  } else {
    const fs::path tmp = p.string() + ".tmp";
    write(tmp, text);
    keep_mtime(tmp, st);
    fs::rename(tmp, p);
  }
}

void query(World& w) {
  tpx::CachedKb cached = tpx::open_kb_dir(w.kb, w.cache);
  tpx::LoadResult fresh = tpx::load_directory(w.kb);
  const bool fresh_ok = !tpx::has_errors(fresh.diagnostics);
  if (fresh_ok != cached.kb.has_value()) {
    std::fprintf(stderr, "cache gave %s, a fresh load %s (%s)\n", cached.kb ? "a KB" : "errors",
                 fresh_ok ? "a KB" : "errors", cached.note.c_str());
    std::abort();
  }
  if (!fresh_ok) return;
  tpx::Kb kb = tpx::compile_kb(fresh.model);
  const auto a = cached.kb->bytes(), b = kb.bytes();
  if (a.size() != b.size() || std::memcmp(a.data(), b.data(), a.size()) != 0) {
    std::fprintf(stderr, "the cache answered from another image than a fresh load's (outcome %d, note: %s)\n",
                 static_cast<int>(cached.outcome), cached.note.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  World& w = world();
  restore(w);
  Input in({reinterpret_cast<const char*>(data), size});
  int ops = 0;
  while (!in.empty() && ops++ < 24) {
    const std::uint8_t op = in.byte() % 10;
    std::error_code ec;
    const fs::path img = image_path(w);
    switch (op) {
      case 0:
      case 1: edit(w, in, op == 0); break;
      case 2: {
        const fs::path p = w.kb / fmt_name(in.byte());
        std::string text = w.base["muscles/temporalis.yaml"];
        text.replace(0, std::string_view("id: temporalis").size(), "id: " + p.stem().string());
        write(p, text);
        struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
        ::utimensat(AT_FDCWD, p.c_str(), old, 0);
        break;
      }
      case 3: {
        std::vector<fs::path> yaml;
        for (const auto& e : fs::recursive_directory_iterator(w.kb, ec))
          if (e.path().extension() == ".yaml") yaml.push_back(e.path());
        if (!yaml.empty()) fs::remove(yaml[in.byte() % yaml.size()], ec);
        break;
      }
      case 4:
        if (fs::is_regular_file(img, ec)) fs::resize_file(img, in.byte() * 64u, ec);
        break;
      case 5:
        if (fs::is_regular_file(img, ec)) {
          int fd = ::open(img.c_str(), O_WRONLY);
          if (fd >= 0) {
            std::size_t at = static_cast<std::size_t>(in.byte()) << 5;
            std::string_view b = in.bytes(1 + in.byte() % 16);
            (void)!::pwrite(fd, b.data(), b.size(), static_cast<off_t>(at));
            ::close(fd);
          }
        }
        break;
      case 6:
        fs::create_directories(w.cache, ec);
        fs::remove_all(img, ec);
        write(img, in.bytes(in.byte() * 4u));
        break;
      case 7: {
        fs::create_directories(w.cache, ec);
        fs::remove_all(img, ec);
        switch (in.byte() % 4) {
          case 0: ::mkfifo(img.c_str(), 0600); break;
          case 1: fs::create_directories(img, ec); break;
          case 2: fs::create_symlink("/dev/zero", img, ec); break;
          default: fs::create_symlink(w.root / "kb" / "areas.yaml", img, ec); break;
        }
        break;
      }
      case 8: {
        // Another KB's image (or this KB's in another state) at this path.
        tpx::CachedKb other = tpx::open_kb_dir(in.byte() % 2 ? w.other : w.kb, w.cache / "elsewhere");
        if (other.kb) {
          fs::create_directories(w.cache, ec);
          fs::remove_all(img, ec);
          if (!other.image_path.empty() && fs::exists(other.image_path, ec)) {
            fs::copy_file(other.image_path, img, ec);
          } else {
            write(img,
                  std::string_view(reinterpret_cast<const char*>(other.kb->bytes().data()), other.kb->bytes().size()));
          }
        }
        break;
      }
      default: query(w); break;
    }
  }
  query(w);
  // What the input added or changed is undone by restore() at the next input.
  return 0;
}
