#include "terminal.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace tpx::cli {

void ignore_sigpipe() { std::signal(SIGPIPE, SIG_IGN); }

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }
bool stdin_is_tty() { return ::isatty(STDIN_FILENO) == 1; }
bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

bool use_color(std::string_view when) {
  if (when == "always") return true;
  if (when == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return stdout_is_tty();
}

std::size_t page_width(int given) {
  if (given >= 0) return static_cast<std::size_t>(given);
  winsize ws{};
  if (stdout_is_tty() && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* cols = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long n = std::strtol(cols, &end, 10);
    if (end != cols && *end == '\0' && n > 0 && n <= 100000) return static_cast<std::size_t>(n);
  }
  return 80;
}

int terminal_columns() {
  const std::size_t w = page_width(-1);
  return w > 10000 ? 10000 : static_cast<int>(w);
}

bool truecolor() {
  const char* v = std::getenv("COLORTERM");
  return v && (std::strcmp(v, "truecolor") == 0 || std::strcmp(v, "24bit") == 0);
}

std::string cache_dir() {
  // The XDG spec says relative paths are invalid and must be ignored.
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/tpx";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.cache/tpx";
  return {};
}

int finish_output(int code) {
  std::cout.flush();
  if (!std::cout.fail()) return code;
  // A reader that went away is a quiet success. errno may no longer say
  // EPIPE (a later isatty or ioctl overwrites it), so ask the pipe itself:
  // Linux reports POLLERR on a pipe's write end once no reader is left.
  if (errno == EPIPE) return 0;
  pollfd p{STDOUT_FILENO, 0, 0};
  if (::poll(&p, 1, 0) == 1 && (p.revents & POLLERR)) return 0;
  std::cerr << "tpx: error: cannot write the output: " << std::strerror(errno) << '\n';
  return 2;
}

}  // namespace tpx::cli
