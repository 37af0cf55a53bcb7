#include "tpx/image_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "tpx/image.h"

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

}  // namespace

bool write_image_file(const fs::path& path, std::span<const std::byte> bytes, std::string* error) {
  std::random_device rd;
  const fs::path tmp = path.string() + fmt::format(".tmp.{}.{:08x}", ::getpid(), rd());
  // O_EXCL | O_NOFOLLOW: never write through a file or link someone put there.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno));
    return false;
  }
  bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
  int saved = errno;
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (!ok) {
    fs::remove(tmp, ec);
    *error = fmt::format("cannot write {}: {}", tmp.string(), std::strerror(saved ? saved : errno));
    return false;
  }
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
