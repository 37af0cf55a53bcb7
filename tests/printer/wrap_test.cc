// paragraph() (src/printer/wrap.cc) against a plain word-by-word reference:
// the same bytes for any text, lead, indent and width, including runs of
// spaces, ANSI styles, UTF-8 and words wider than a line. The reference is
// the straightforward algorithm paragraph() was before it learned to copy
// runs of words at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include "../../src/printer/wrap.h"

namespace tpx::printer {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string take(std::string_view& rest, std::size_t room) {
  std::size_t i = 0, used = 0;
  while (i < rest.size()) {
    if (rest[i] == '\x1b') {
      while (i < rest.size() && rest[i] != 'm') ++i;
      ++i;
      continue;
    }
    if (used == room) break;
    ++i;
    while (i < rest.size() && continuation(rest[i])) ++i;
    ++used;
  }
  i = std::min(i, rest.size());
  std::string out(rest.substr(0, i));
  rest.remove_prefix(i);
  return out;
}

std::string reference(std::string_view lead, std::string_view text, std::size_t hang, std::size_t width) {
  std::ostringstream out;
  std::string line(lead);
  std::size_t used = columns(lead);
  bool empty = true;
  auto flush = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    line.assign(hang, ' ');
    used = hang;
    empty = true;
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::size_t w = columns(word);
    std::size_t gap = empty ? 0 : 1;
    if (width > 0 && used + gap + w > width && !empty) {
      flush();
      gap = 0;
    }
    if (width > hang && used + w > width) {
      while (!word.empty()) {
        if (used >= width) flush();
        line += take(word, width - used);
        used = columns(line);
        empty = false;
      }
      continue;
    }
    if (gap) line += ' ';
    line += word;
    used += gap + w;
    empty = false;
  }
  flush();
  return out.str();
}

TEST(Paragraph, WrapsAsTheWordByWordReferenceOnRandomText) {
  const std::string_view pieces[] = {"a",
                                     "press",
                                     "trapezius",
                                     " ",
                                     "  ",
                                     "\x1b[1m",
                                     "\x1b[0m",
                                     "é",
                                     "→",
                                     "x",
                                     "supercalifragilisticexpialidocious",
                                     "https://example.org/a/very/long/path"};
  std::mt19937 rng(7);
  for (int round = 0; round < 4000; ++round) {
    std::string text, lead;
    for (int k = static_cast<int>(rng() % 40); k > 0; --k) text += pieces[rng() % std::size(pieces)];
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) lead += pieces[rng() % std::size(pieces)];
    const std::size_t width = rng() % 5 == 0 ? 0 : rng() % 60, hang = rng() % 8;
    ASSERT_EQ(paragraph(lead, text, hang, width), reference(lead, text, hang, width))
        << "lead '" << lead << "' text '" << text << "' hang " << hang << " width " << width;
  }
}

TEST(Paragraph, NoLineIsWiderThanTheWidth) {
  const std::string text = "Press slowly into the upper trapezius with a ball against the wall for thirty seconds";
  std::istringstream lines(paragraph("1. ", text, 3, 24));
  for (std::string line; std::getline(lines, line);) EXPECT_LE(columns(line), 24u) << line;
}

}  // namespace
}  // namespace tpx::printer
