// The body map from the command line: where it appears, in which form, and
// that every other output stays as it was.
#include <gtest/gtest.h>

#include <sstream>

#include "run_tpx.h"

namespace {

using tpx_test::tpx;

const std::string kKb = std::string(TPX_TEST_DATA_DIR) + "/kb-small";

std::vector<std::string> with_kb(std::vector<std::string> args) {
  args.insert(args.begin(), {"--kb", kKb});
  return args;
}

TEST(PictureCli, NoMapWhenPipedUnlessAsked) {
  auto plain = tpx(with_kb({"muscle", "trapezius"}));
  auto no_map = tpx(with_kb({"muscle", "trapezius", "--no-map"}));
  EXPECT_EQ(plain.code, 0);
  EXPECT_EQ(plain.out, no_map.out);
  EXPECT_EQ(plain.out.find("primary pain zone"), std::string::npos);
  auto json = tpx(with_kb({"where", "temple", "--format", "json"}));
  EXPECT_EQ(json.out.find("<svg"), std::string::npos);
}

TEST(PictureCli, MapInPlainCharactersWhenColourIsOff) {
  auto r = tpx(with_kb({"muscle", "trapezius", "--map", "--color", "never"}), "", {"COLUMNS=100"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  // The card comes first, unchanged, then the picture and its legend.
  auto card = tpx(with_kb({"muscle", "trapezius"}));
  EXPECT_EQ(r.out.rfind(card.out, 0), 0u);
  EXPECT_NE(r.out.find("# primary pain zone   + spillover zone   X trigger point: press here"), std::string::npos);
  EXPECT_NE(r.out.find("your right"), std::string::npos);
  EXPECT_NE(r.out.find("Back of the body"), std::string::npos);
  std::istringstream lines(r.out.substr(card.out.size()));
  for (std::string line; std::getline(lines, line);)
    if (line.find("pain zone") == std::string::npos) EXPECT_LE(line.size(), 100u) << line;
  auto no_color = tpx(with_kb({"muscle", "trapezius", "--map"}), "", {"NO_COLOR=1"});
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos);
}

TEST(PictureCli, MapColoursFollowColorterm) {
  auto truecolor = tpx(with_kb({"muscle", "trapezius", "--map", "--color", "always"}), "", {"COLORTERM=truecolor"});
  EXPECT_NE(truecolor.out.find("38;2;215;38;30"), std::string::npos);
  EXPECT_NE(truecolor.out.find("\u2580"), std::string::npos);
  auto xterm = tpx(with_kb({"muscle", "trapezius", "--map", "--color", "always"}), "", {"COLORTERM="});
  EXPECT_EQ(xterm.out.find("38;2;"), std::string::npos);
  EXPECT_NE(xterm.out.find("38;5;"), std::string::npos);
}

TEST(PictureCli, SvgAndHtmlForMuscleWhereAndArea) {
  for (auto args : {std::vector<std::string>{"muscle", "trapezius"},
                    {"where", "temple", "top of shoulder"},
                    {"area", "top of shoulder"}}) {
    auto argv = with_kb(args);
    argv.insert(argv.end(), {"--format", "svg"});
    auto svg = tpx(argv);
    EXPECT_EQ(svg.code, 0) << args[0] << svg.err;
    EXPECT_EQ(svg.out.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << args[0];
    EXPECT_NE(svg.out.find("class=\"trigger-point\""), std::string::npos) << args[0];
    argv.back() = "html";
    auto html = tpx(argv);
    EXPECT_EQ(html.code, 0) << args[0];
    EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u) << args[0];
    EXPECT_NE(html.out.find("<svg"), std::string::npos) << args[0];
  }
  auto where = tpx(with_kb({"where", "temple", "top of shoulder", "--format", "svg"}));
  EXPECT_NE(where.out.find("class=\"area primary asked\""), std::string::npos);
}

TEST(PictureCli, MapWithAnotherFormatIsAnError) {
  auto r = tpx(with_kb({"where", "temple", "--map", "--format", "json"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("tpx: error: --map draws the body map under text output"), std::string::npos) << r.err;
  auto both = tpx(with_kb({"muscle", "trapezius", "--map", "--no-map"}));
  EXPECT_EQ(both.code, 2);
}

}  // namespace
