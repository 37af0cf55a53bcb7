// Paragraphs for a terminal: words wrapped to a width with a hanging indent.
#ifndef TPX_SRC_PRINTER_WRAP_H_
#define TPX_SRC_PRINTER_WRAP_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace tpx::printer {

/// Screen columns of `s`: one per code point, none for the ANSI styles
/// (ESC [ ... m) that Style adds. Text reaches here escaped by visible(),
/// so those are the only escape sequences in it.
std::size_t columns(std::string_view s);

/// Writes one paragraph: `lead` then the words of `text`, wrapped at
/// `width` columns (0: never), each further line indented by `hang` spaces.
/// A word longer than a whole line is broken; no line is ever wider than
/// `width` unless `lead` is.
void paragraph(std::ostream& out, std::string_view lead, std::string_view text, std::size_t hang, std::size_t width);

/// The same paragraph as a string, ending in a newline: for text that is
/// assembled before it is printed (the CLI's --help).
std::string paragraph(std::string_view lead, std::string_view text, std::size_t hang, std::size_t width);

}  // namespace tpx::printer

#endif  // TPX_SRC_PRINTER_WRAP_H_
