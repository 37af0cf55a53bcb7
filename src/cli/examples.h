// Each command's examples: what its --help ends with and what the man page
// shows under it, from this one table.
#ifndef TPX_SRC_CLI_EXAMPLES_H_
#define TPX_SRC_CLI_EXAMPLES_H_

#include <string_view>
#include <vector>

#include "options.h"

namespace tpx::cli {

/// The examples of the command `name` ("where", "cache"; a command's
/// subcommands share its list): the command line, and what it does.
/// Empty for a command without examples.
const std::vector<ManualEntry>& command_examples(std::string_view name);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_EXAMPLES_H_
