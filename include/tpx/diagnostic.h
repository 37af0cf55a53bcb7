// Diagnostics: every problem the loader or a query finds, as data.
//
// The core never prints. It returns Diagnostic values that carry a position
// (1-based line and column, 0 when unknown) and a message naming the key or
// value at fault. The CLI decides how to show them.
#ifndef TPX_DIAGNOSTIC_H_
#define TPX_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace tpx {

enum class Severity { kError, kWarning };

/// One problem found in a file or a query.
struct Diagnostic {
  std::string file;  ///< path as given by the caller; empty when not in a file
  int line = 0;      ///< 1-based; 0 when there is no position
  int column = 0;    ///< 1-based; 0 when there is no position
  Severity severity = Severity::kError;
  std::string message;
};

/// Renders `file:line:column: error: message` (parts without a value are left
/// out), on one line: newlines in the message become spaces.
std::string format_diagnostic(const Diagnostic& d);

/// True when any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diags);

}  // namespace tpx

#endif  // TPX_DIAGNOSTIC_H_
