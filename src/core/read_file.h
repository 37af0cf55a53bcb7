// Reading one KB file, bounded and non-blocking: the one place that opens
// the files a KB directory lists.
#ifndef TPX_CORE_READ_FILE_H_
#define TPX_CORE_READ_FILE_H_

#include <string>

namespace tpx::detail {

/// Reads the whole of `path` into `text`, or returns why not (empty when it
/// worked). Only a regular file is read, and never waited for: the file is
/// opened with O_NONBLOCK, so a FIFO swapped in after the listing, or a
/// regular file whose read would block (a tracing pipe such as
/// /sys/kernel/tracing/trace_pipe), is an error, not a hang. A file that
/// grows past kMaxFileBytes while being read is an error too.
std::string read_kb_file(const std::string& path, std::string& text);

}  // namespace tpx::detail

#endif  // TPX_CORE_READ_FILE_H_
