// What may reach a terminal, judged independently of tpx's escaper: used
// by the escaper's fuzz target and tests and by the end-to-end injection
// tests, which link nothing of tpx.
#ifndef TPX_TESTS_FUZZ_TERMINAL_SAFE_H_
#define TPX_TESTS_FUZZ_TERMINAL_SAFE_H_

#include <cstddef>
#include <string_view>

namespace tpx_fuzz {

/// Nothing a terminal obeys: no C0 control, no DEL, only valid UTF-8, and
/// none of the code points visible() escapes. `allowed` may be '\n' or 0.
inline bool terminal_safe(std::string_view s, char allowed = 0) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 || c == 0x7F) && c != static_cast<unsigned char>(allowed)) return false;
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > s.size()) return false;
    char32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    // An oracle of its own, not tpx's list: C1 controls, bidirectional
    // marks, embeddings, overrides and isolates, line and paragraph separators.
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
      return false;
    i += len;
  }
  return true;
}

}  // namespace tpx_fuzz

#endif  // TPX_TESTS_FUZZ_TERMINAL_SAFE_H_
