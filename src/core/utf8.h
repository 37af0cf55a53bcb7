// Private: UTF-8 validation shared by the YAML screen and the phrase checks.
#ifndef TPX_SRC_CORE_UTF8_H_
#define TPX_SRC_CORE_UTF8_H_

#include <cstddef>
#include <string_view>

namespace tpx::detail {

/// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 when
/// the bytes there are not valid UTF-8 (overlong forms, surrogates and code
/// points above U+10FFFF included).
inline std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
  return len;
}

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_UTF8_H_
