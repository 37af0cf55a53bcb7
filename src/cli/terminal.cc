#include "terminal.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
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

bool stdout_closed() {
  std::cout.flush();
  return std::cout.fail() && errno == EPIPE;
}

}  // namespace tpx::cli
