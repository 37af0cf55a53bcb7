// The one output-side escaper (part of tpx::printer). Every string tpx
// prints, from the KB, a file name, a path or the command line, on stdout
// or stderr, passes through visible() (text, ids, diagnostics), the TSV
// printer's field escaping or the JSON printer's, which build on it; so a
// hostile KB or argument can never drive the terminal or split a one-line
// message.
#ifndef TPX_ESCAPE_H_
#define TPX_ESCAPE_H_

#include <string>
#include <string_view>

namespace tpx {

/// `s` as it may reach a terminal: printable text, including valid UTF-8,
/// unchanged; newline, carriage return and tab as \n, \r, \t; every other
/// control byte (ESC, DEL...) and every byte that is not valid UTF-8 as
/// \xHH; the C1 controls, the bidirectional overrides and the line and
/// paragraph separators, which some terminals obey, as \u{HHHH}. The result
/// holds no control character and never a line break.
std::string visible(std::string_view s);

/// As visible(), and a backslash doubled, so the original is recoverable:
/// the TSV field escaping documented in docs/usage.md.
std::string visible_tsv(std::string_view s);

/// JSON text as a JSON library wrote it (valid UTF-8, control characters
/// already escaped), with DEL and the code points visible() writes as
/// \u{HHHH} escaped as \uHHHH: the same JSON value, and nothing a
/// terminal obeys.
std::string visible_json(std::string_view json);

/// True when `cp` is a code point that visible() writes as \u{HHHH}.
bool is_invisible_control(char32_t cp);

}  // namespace tpx

#endif  // TPX_ESCAPE_H_
