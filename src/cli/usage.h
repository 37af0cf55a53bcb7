// Usage errors in tpx's own words, found before CLI11 parses: an unknown
// command, sub-command or option (with "did you mean"), an option given
// before its command, a number that is not one. One line each; CLI11's own
// messages remain only for what these do not cover.
#ifndef TPX_SRC_CLI_USAGE_H_
#define TPX_SRC_CLI_USAGE_H_

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace tpx::cli {

/// The first usage error in argv, or nullopt. `app` is fully defined.
std::optional<std::string> usage_error(const CLI::App& app, int argc, char** argv);

/// The short usage bare `tpx` prints: a few lines, ending with how to learn more.
std::string short_usage(const CLI::App& app);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_USAGE_H_
