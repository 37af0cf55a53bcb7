// tpx(1): the manual page in roff (the man macros), generated from the same
// definitions as --help (app_spec.h) and the prose in manual(). The build
// runs `tpx man` to write tpx.1; nothing is written twice.
#ifndef TPX_SRC_CLI_MANPAGE_H_
#define TPX_SRC_CLI_MANPAGE_H_

#include <CLI/CLI.hpp>

#include <string>

namespace tpx::cli {

/// The whole page: NAME, SYNOPSIS, DESCRIPTION, COMMANDS, OPTIONS, EXIT
/// STATUS, ENVIRONMENT, FILES, EXAMPLES.
std::string man_page(const CLI::App& app);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_MANPAGE_H_
