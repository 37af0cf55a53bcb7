#include "tpx/diagnostic.h"

#include <algorithm>

namespace tpx {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {
      out += ':' + std::to_string(d.line);
      if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
  }
  out += d.severity == Severity::kError ? "error: " : "warning: ";
  for (char c : d.message) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace tpx
