// Private: escaping text for SVG and HTML (the same five characters), and
// dropping control bytes a KB string could carry.
#ifndef TPX_SRC_PRINTER_SVG_TEXT_H_
#define TPX_SRC_PRINTER_SVG_TEXT_H_

#include <string>
#include <string_view>

namespace tpx {

inline std::string svg_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
          out += c;
        else if (c == '\n' || c == '\t')
          out += ' ';
    }
  }
  return out;
}

}  // namespace tpx

#endif  // TPX_SRC_PRINTER_SVG_TEXT_H_
