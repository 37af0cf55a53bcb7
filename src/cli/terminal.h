// What the CLI takes from its environment: ttys and colour, how a closed
// pipe ends the program, and where the image cache lives. The only place
// that reads environment variables (TPX_KB is read by CLI11's --kb).
#ifndef TPX_SRC_CLI_TERMINAL_H_
#define TPX_SRC_CLI_TERMINAL_H_

#include <cstddef>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>

namespace tpx::cli {

/// Writes to a closed pipe fail with EPIPE instead of killing the process,
/// so main can end quietly with success (ripgrep's behaviour).
void ignore_sigpipe();

bool stdout_is_tty();
bool stdin_is_tty();
bool stderr_is_tty();

/// Colour for `--color auto|always|never`: auto means stdout is a terminal
/// and NO_COLOR is unset or empty.
bool use_color(std::string_view when);

/// Columns to wrap text at: `given` when it is 0 or more, else the
/// terminal's width when stdout is one, else $COLUMNS when it is a positive
/// number, else 80 (as man does).
std::size_t page_width(int given);

/// page_width(-1) as an int: the width the terminal picture is sized to.
int terminal_columns();

/// True when COLORTERM announces 24-bit colour ("truecolor" or "24bit").
bool truecolor();

/// Flushes stdout and gives the exit status: `code`, 0 when the reader went
/// away early (a closed pipe ends tpx quietly), or 2 with a one-line error
/// when the output never reached its file (a full disk, /dev/full).
int finish_output(int code);

/// What std::cout is given, held back until commit() when `hold`: a KB file
/// checked as it is read (Kb::verified_as_read) can turn out damaged half-way
/// through an answer, and then the command ends with an error and no half
/// of an answer. Without commit() (an exception), the held bytes are dropped.
class HeldOutput {
 public:
  explicit HeldOutput(bool hold) {
    if (hold) real_ = std::cout.rdbuf(&held_);
  }
  HeldOutput(const HeldOutput&) = delete;
  HeldOutput& operator=(const HeldOutput&) = delete;
  ~HeldOutput() {
    if (real_) std::cout.rdbuf(real_);
  }
  void commit() {
    if (!real_) return;
    std::cout.rdbuf(real_);
    real_ = nullptr;
    std::cout << held_.view();
  }

 private:
  std::stringbuf held_;
  std::streambuf* real_ = nullptr;
};

/// $XDG_CACHE_HOME/tpx, else $HOME/.cache/tpx; empty when neither is set.
std::string cache_dir();

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_TERMINAL_H_
