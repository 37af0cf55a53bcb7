// The "HiArgs" stage: turns CliOptions into core calls and an exit code.
#ifndef TPX_SRC_CLI_COMMANDS_H_
#define TPX_SRC_CLI_COMMANDS_H_

#include "options.h"

namespace tpx::cli {

/// Exit codes, as grep: a match, no match, an error.
inline constexpr int kExitMatch = 0;
inline constexpr int kExitNoMatch = 1;
inline constexpr int kExitError = 2;

/// Runs the chosen command; returns the exit code. Never throws.
int run(const CliOptions& opt);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_COMMANDS_H_
