// What tpx says on stderr: errors and the notices of a query (red flags,
// corrections, phrases it did not understand), one line each, with tpx's
// prefixes and, on a terminal that allows it, colour. The core returns these
// as values; only the CLI knows the program's name and the terminal.
#ifndef TPX_SRC_CLI_NOTICES_H_
#define TPX_SRC_CLI_NOTICES_H_

#include <string_view>

#include "tpx/image.h"
#include "tpx/resolve.h"

namespace tpx::cli {

/// "tpx: error: MESSAGE" on stderr.
void error(std::string_view message);

/// Which of a query's notices to print.
enum class Notices { kAll, kRedFlagsOnly };

/// The red flags (always; most urgent first, an emergency with a leading
/// line of its own, a caution as a note), then the corrections and unmatched
/// phrases (kAll) of `r`, on stderr; coloured when `color`. A `context`
/// ("line 3") follows the "tpx:" of each line, for answers to many queries.
void print_notices(const Kb& kb, const Resolution& r, Notices which, bool color, std::string_view context = {});

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_NOTICES_H_
