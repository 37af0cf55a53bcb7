// `tpx where --each`: many queries in one process, one per line of stdin.
#ifndef TPX_SRC_CLI_EACH_H_
#define TPX_SRC_CLI_EACH_H_

#include "options.h"
#include "tpx/image.h"

namespace tpx::cli {

/// Answers each line of stdin as one `tpx where` query (phrases separated by
/// ';') with the same resolution, ranking, notices and formats; returns 0
/// when any query matched, 1 when none did, 2 when a line was refused.
int run_where_each(const CliOptions& opt, const Kb& kb);

}  // namespace tpx::cli

#endif  // TPX_SRC_CLI_EACH_H_
