#include "tpx/escape.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "../fuzz/escape_check.h"

namespace tpx {
namespace {

TEST(Visible, PlainTextAndUtf8PassUnchanged) {
  EXPECT_EQ(visible("Top of the shoulder"), "Top of the shoulder");
  EXPECT_EQ(visible("M\xC3\xBCller, 6\xE2\x80\x93"
                    "7 / 10"),
            "M\xC3\xBCller, 6\xE2\x80\x93"
            "7 / 10");
  EXPECT_EQ(visible("C:\\path"), "C:\\path");
}

TEST(Visible, ControlBytesAreShownNeverSent) {
  EXPECT_EQ(visible("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(visible("one\ntwo\r\tthree"), "one\\ntwo\\r\\tthree");
  EXPECT_EQ(visible(std::string("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
  EXPECT_EQ(visible("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
}

TEST(Visible, InvalidUtf8AndTerminalCodePointsAreShown) {
  EXPECT_EQ(visible("a\xff\xfe"), "a\\xff\\xfe");
  EXPECT_EQ(visible("\xC0\xAF"), "\\xc0\\xaf");  // overlong '/'
  EXPECT_EQ(visible("\xC2\x9B"
                    "2J"),
            "\\u{009b}2J");  // C1 CSI
  EXPECT_EQ(visible("abc\xE2\x80\xAE"
                    "cba"),
            "abc\\u{202e}cba");  // right-to-left override
  EXPECT_EQ(visible("a\xE2\x80\xA8"
                    "b"),
            "a\\u{2028}b");  // line separator
}

TEST(VisibleTsv, DocumentedEscapesAndNoRawControl) {
  EXPECT_EQ(visible_tsv("a\tb\nc\\d\r"), "a\\tb\\nc\\\\d\\r");
  EXPECT_EQ(visible_tsv("\x1b[2J"), "\\x1b[2J");
}

TEST(VisibleJson, EscapesWhatJsonLeavesRawAndKeepsTheValue) {
  EXPECT_EQ(visible_json("\"a\xC2\x9B"
                         "b\""),
            "\"a\\u009bb\"");
  EXPECT_EQ(visible_json("{\"x\":\"\xE2\x80\xAE\"}"), "{\"x\":\"\\u202e\"}");
  EXPECT_EQ(visible_json("{\"x\":\"caf\xC3\xA9\"}"), "{\"x\":\"caf\xC3\xA9\"}");
}

// What fuzz_escape checks, on a fixed sample of random bytes, every build.
TEST(Escapers, HoldTheirPromisesOnRandomBytes) {
  std::mt19937 rng(15);
  for (int n = 0; n < 2000; ++n) {
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    tpx_fuzz::check_escapers(s);
    EXPECT_TRUE(tpx_fuzz::terminal_safe(visible(s)));
  }
}

}  // namespace
}  // namespace tpx
