// The "HiArgs" stage: turns CliOptions into core calls and an exit code.
#ifndef TPX_SRC_CLI_COMMANDS_H_
#define TPX_SRC_CLI_COMMANDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "options.h"
#include "tpx/printer.h"

namespace tpx::cli {

/// Exit codes, as grep: a match, no match, an error.
inline constexpr int kExitMatch = 0;
inline constexpr int kExitNoMatch = 1;
inline constexpr int kExitError = 2;

/// How printers print for these options (--color, --explain, --header).
PrintOptions print_options(const CliOptions& opt);

/// Whether notices on stderr may be coloured (--color, NO_COLOR, a tty).
bool notice_color(const CliOptions& opt);

/// Why an option given changes nothing for this command and format, if one
/// does not (run() refuses it; so does main() for man and completion).
std::optional<std::string> inapplicable(const CliOptions& opt);

/// Runs the chosen command; returns the exit code. Never throws.
int run(const CliOptions& opt);

/// `text` with newlines folded into spaces.
std::string one_line(std::string_view text);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_COMMANDS_H_
