#include "tpx/image_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "tpx/limits.h"

namespace tpx {
namespace {

namespace fs = std::filesystem;

bool write_all(int fd, std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Ignores SIGXFSZ while it lives: past a file-size limit, write() then
// fails with EFBIG instead of the signal killing the process.
class IgnoreFileSizeSignal {
 public:
  IgnoreFileSizeSignal() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigemptyset(&ignore.sa_mask);
    saved_ok_ = ::sigaction(SIGXFSZ, &ignore, &saved_) == 0;
  }
  ~IgnoreFileSizeSignal() {
    if (saved_ok_) ::sigaction(SIGXFSZ, &saved_, nullptr);
  }
  IgnoreFileSizeSignal(const IgnoreFileSizeSignal&) = delete;
  IgnoreFileSizeSignal& operator=(const IgnoreFileSizeSignal&) = delete;

 private:
  struct sigaction saved_ {};
  bool saved_ok_ = false;
};

// Fresh memory for `size` bytes, 8-byte aligned (page aligned, in fact).
std::shared_ptr<void> allocate(std::size_t size) {
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  return std::shared_ptr<void>(p, [size](void* q) { ::munmap(q, size); });
}

// ---- Leased mappings ------------------------------------------------------
//
// Copying an image into fresh memory costs a page fault and a zeroed page
// per 4 KiB: 20 ms for a 13 MB image on the machine of docs/performance.md,
// against 2 ms to map it. A file can be mapped safely while tpx holds a
// read lease on it (fcntl F_SETLEASE): the kernel then makes any process
// that opens it for writing or truncates it wait (up to
// /proc/sys/fs/lease-break-time, 45 s by default) and tells us with a
// signal. The handler below copies the mapped bytes into anonymous memory,
// moves that memory over the mapping at the same address (mremap), and
// releases the lease: readers keep the same, already verified bytes, and
// the writer proceeds. A lease is granted only on a file nobody has open for
// writing and only to its owner; when it is refused (another user's file, a
// file being written, a file system without leases, SIGIO taken by the
// program that links tpx), the file is read into memory instead.

constexpr int kLeaseSignal = SIGIO;
constexpr int kSlots = 16;
enum SlotState : int { kFree, kClaimed, kLeased, kCopying, kCopied, kFreeing };

struct LeaseSlot {
  std::atomic<int> state{kFree};
  int fd = -1;
  void* addr = nullptr;
  std::size_t size = 0;
};
LeaseSlot g_slots[kSlots];

// Replaces the leased mapping of `slot` by a private copy, then releases
// the lease. Only async-signal-safe calls.
void copy_out(LeaseSlot& slot) {
  void* copy = ::mmap(nullptr, slot.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (copy != MAP_FAILED) {
    std::memcpy(copy, slot.addr, slot.size);
    ::mprotect(copy, slot.size, PROT_READ);
    if (::mremap(copy, slot.size, slot.size, MREMAP_MAYMOVE | MREMAP_FIXED, slot.addr) == MAP_FAILED)
      ::munmap(copy, slot.size);
  }
  // Without memory for the copy, the lease is kept: the writer waits until
  // the process ends or lease-break-time passes.
  if (copy != MAP_FAILED) ::fcntl(slot.fd, F_SETLEASE, F_UNLCK);
}

// Copies a slot's bytes aside once, whoever sees the break first: the
// signal handler, or map_leased() for a break that came before the slot was
// marked leased. Only async-signal-safe calls.
void copy_if_leased(LeaseSlot& slot) {
  int expected = kLeased;
  if (slot.state.compare_exchange_strong(expected, kCopying)) {
    copy_out(slot);
    slot.state.store(kCopied);
  }
}

void on_lease_break(int, siginfo_t* info, void*) {
  const int saved = errno;
  for (LeaseSlot& slot : g_slots)
    if (slot.fd == info->si_fd) copy_if_leased(slot);
  errno = saved;
}

bool lease_handler_installed() {
  static const bool installed = [] {
    struct sigaction current {};
    if (::sigaction(kLeaseSignal, nullptr, &current) != 0) return false;
    // Only a SIGIO nobody handles (an ignored one would never tell us of a
    // lease break, and the kernel would end the lease after
    // lease-break-time with the file still mapped).
    if ((current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL) return false;
    struct sigaction act {};
    act.sa_sigaction = on_lease_break;
    act.sa_flags = SA_SIGINFO | SA_RESTART;
    ::sigemptyset(&act.sa_mask);
    return ::sigaction(kLeaseSignal, &act, nullptr) == 0;
  }();
  return installed;
}

// The file open as `fd` (`size` bytes, checked), mapped under a read lease,
// every page mapped at once when `populate` (it will all be read); null when
// no lease is to be had. Takes `fd` on success.
std::shared_ptr<void> map_leased(int fd, std::size_t size, bool populate) {
  if (!lease_handler_installed()) return nullptr;
  LeaseSlot* slot = nullptr;
  for (LeaseSlot& s : g_slots) {
    int expected = kFree;
    if (s.state.compare_exchange_strong(expected, kClaimed)) {
      slot = &s;
      break;
    }
  }
  if (!slot) return nullptr;
  auto give_back = [&] {
    ::fcntl(fd, F_SETLEASE, F_UNLCK);
    slot->state.store(kFree);
    return nullptr;
  };
  if (::fcntl(fd, F_SETSIG, kLeaseSignal) != 0 || ::fcntl(fd, F_SETLEASE, F_RDLCK) != 0) return give_back();
  // The size again, under the lease: a truncation before it was granted
  // would leave pages past the end (SIGBUS).
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size) return give_back();
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_SHARED | (populate ? MAP_POPULATE : 0), fd, 0);
  if (addr == MAP_FAILED) return give_back();
  slot->fd = fd;
  slot->addr = addr;
  slot->size = size;
  slot->state.store(kLeased);
  // A writer that came between granting the lease and the line above had
  // its signal ignored (the slot was not yet leased), and would wait out
  // lease-break-time and then change the mapped file. While a break is
  // pending, F_GETLEASE answers the type the lease is being broken to:
  // then do what the handler would have done.
  if (::fcntl(fd, F_GETLEASE) == F_UNLCK) copy_if_leased(*slot);
  return std::shared_ptr<void>(addr, [slot](void*) {
    int expected = kLeased;
    if (!slot->state.compare_exchange_strong(expected, kFreeing)) {
      while (slot->state.load() == kCopying) {
      }
    }
    ::fcntl(slot->fd, F_SETLEASE, F_UNLCK);
    ::munmap(slot->addr, slot->size);
    ::close(slot->fd);
    slot->fd = -1;
    slot->state.store(kFree);
  });
}

}  // namespace

std::optional<FileBytes> read_file_bytes(const fs::path& path, bool no_follow, std::size_t min_bytes,
                                         std::size_t max_bytes, std::string* error, const HeadCheck& check_head,
                                         bool sparse) {
  auto fail = [&](std::string why) -> std::optional<FileBytes> {
    *error = std::move(why);
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO nobody writes must not wait for a writer
  // (it is refused below, as is anything but a regular file).
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (no_follow ? O_NOFOLLOW : 0))};
  if (f.fd < 0) {
    if (no_follow && errno == ELOOP) return fail("a symbolic link (not followed)");
    return fail(std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail("a directory, not a KB image");
  if (!S_ISREG(st.st_mode)) return fail("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size < min_bytes) return fail("not a tpx KB image (too short)");
  if (size > max_bytes) return fail(fmt::format("{} bytes, more than the limit of {} bytes", size, max_bytes));
  auto read_at = [&](std::byte* to, std::uint64_t from, std::uint64_t count) -> std::string {
    for (std::uint64_t done = 0; done < count;) {
      ssize_t n = ::pread(f.fd, to + done, count - done, static_cast<off_t>(from + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errno == EAGAIN ? std::string("reading it would block") : std::strerror(errno);
      if (n == 0) return "the file shrank while it was read";
      done += static_cast<std::uint64_t>(n);
    }
    return {};
  };
  // The head alone first, so a file whose header is wrong (a huge sparse
  // file of zeros) is refused before the rest is read or mapped.
  if (check_head) {
    std::vector<std::byte> head(min_bytes);
    if (std::string why = read_at(head.data(), 0, min_bytes); !why.empty()) return fail(why);
    if (std::string why = check_head(head, size); !why.empty()) return fail(why);
  }
  if (std::shared_ptr<void> mapped = map_leased(f.fd, size, !sparse)) {
    f.fd = -1;  // the mapping's owner closes it
    return FileBytes{mapped, {static_cast<const std::byte*>(mapped.get()), size}};
  }
  std::shared_ptr<void> owner = allocate(size);
  if (!owner) return fail(fmt::format("out of memory reading {} bytes", size));
  auto* data = static_cast<std::byte*>(owner.get());
  if (std::string why = read_at(data, 0, size); !why.empty()) return fail(why);
  char extra;
  ssize_t n;
  while ((n = ::pread(f.fd, &extra, 1, static_cast<off_t>(size))) < 0 && errno == EINTR) {
  }
  if (n != 0) return fail("the file grew while it was read");
  return FileBytes{std::move(owner), {data, size}};
}

std::optional<Kb> open_image_file(const fs::path& path, std::string* error, ImageChecks checks) {
  auto head = [](std::span<const std::byte> bytes, std::uint64_t size) { return image::check_head(bytes, size); };
  std::optional<FileBytes> file =
      read_file_bytes(path, false, sizeof(image::Header), kMaxImageBytes, error, head, checks == ImageChecks::kLazily);
  if (!file) return std::nullopt;
  if (checks == ImageChecks::kLazily) return Kb::open_lazily(file->bytes, std::move(file->owner), error);
  return Kb::open(file->bytes, std::move(file->owner), error);
}

bool write_image_file(const fs::path& path, std::span<const std::byte> bytes, std::string* error, bool durable) {
  std::random_device rd;
  const fs::path tmp = path.string() + fmt::format(".tmp.{}.{:08x}", ::getpid(), rd());
  // O_EXCL | O_NOFOLLOW: never write through a file or link someone put there.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno));
    return false;
  }
  bool ok;
  int saved = 0;
  {
    IgnoreFileSizeSignal no_sigxfsz;
    ok = write_all(fd, bytes) && (!durable || ::fsync(fd) == 0);
    saved = ok ? 0 : errno;
  }
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (!ok) {
    fs::remove(tmp, ec);
    *error = fmt::format("cannot write {}: {}", tmp.string(), std::strerror(saved ? saved : errno));
    return false;
  }
  // rename() replaces a link planted at `path` itself, never its target.
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code rm;
    fs::remove(tmp, rm);
    *error = fmt::format("cannot rename {} to {}: {}", tmp.string(), path.string(), ec.message());
    return false;
  }
  return true;
}

}  // namespace tpx
