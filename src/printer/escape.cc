#include "tpx/escape.h"

#include <fmt/format.h>

#include "../core/utf8.h"

namespace tpx {
namespace {

char32_t decode(std::string_view s, std::size_t i, std::size_t len) {
  auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (len) {
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default: return b(0);
  }
}

std::string escape(std::string_view s, bool tsv) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      // A run of printable ASCII (most text) is copied in one piece.
      std::size_t end = i + 1;
      while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x20 &&
             static_cast<unsigned char>(s[end]) < 0x7F && !(tsv && s[end] == '\\'))
        ++end;
      if (c == '\\' && tsv) out += '\\';
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x80) {
      out += fmt::format("\\x{:02x}", c);
    } else if (std::size_t len = detail::utf8_length(s, i); len == 0) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      char32_t cp = decode(s, i, len);
      if (is_invisible_control(cp)) {
        out += fmt::format("\\u{{{:04x}}}", static_cast<std::uint32_t>(cp));
      } else {
        out.append(s.substr(i, len));
      }
      i += len;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace

bool is_invisible_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) ||                    // C1 controls: U+009B is a CSI to some terminals
         cp == 0x061C || cp == 0x200E || cp == 0x200F ||  // bidirectional marks
         (cp >= 0x202A && cp <= 0x202E) ||                // bidirectional embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||                // bidirectional isolates
         cp == 0x2028 || cp == 0x2029;                    // line and paragraph separators
}

std::string visible(std::string_view s) { return escape(s, false); }

std::string visible_tsv(std::string_view s) { return escape(s, true); }

std::string visible_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size();) {
    std::size_t len = static_cast<unsigned char>(json[i]) < 0x80 ? 1 : detail::utf8_length(json, i);
    if (len == 0) {  // a JSON library replaces these; never let a raw one out
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (json[i] == '\x7f') {  // DEL: JSON allows it raw, a terminal may not
      out += "\\u007f";
    } else if (len > 1 && is_invisible_control(decode(json, i, len))) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(decode(json, i, len)));
    } else {
      out.append(json.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace tpx
