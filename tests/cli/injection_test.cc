// Terminal injection: escape sequences and newlines from a hostile KB's text
// (YAML escapes expand after the loader's byte screen), its file names, and
// --kb / TPX_KB paths must never reach either stream raw, and a one-line
// diagnostic must stay one line. Every format is tried; whatever tpx
// answers (a result or a refusal), what it prints is checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../fuzz/terminal_safe.h"
#include "run_tpx.h"

namespace {

namespace fs = std::filesystem;
using tpx_test::Result;

// Newlines end lines and tabs separate TSV columns; nothing else below 0x20.
bool clean(const std::string& s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) return false;
  }
  std::string no_layout;
  for (char c : s) no_layout += (c == '\n' || c == '\t') ? ' ' : c;
  return tpx_fuzz::terminal_safe(no_layout);
}

class Injection : public testing::Test {
 protected:
  void SetUp() override {
    kb_ = fs::temp_directory_path() / ("tpx-inject-" + std::to_string(::getpid()) + "-" +
                                       testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(kb_);
    fs::copy(std::string(TPX_TEST_DATA_DIR) + "/kb-small", kb_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(kb_); }

  void replace(const std::string& rel, const std::string& from, const std::string& to) {
    std::ifstream in(kb_ / rel);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(kb_ / rel, std::ios::trunc) << text;
  }

  // Runs every command in every format against the KB; checks both streams.
  void every_output_is_clean() {
    const std::vector<std::vector<std::string>> commands = {
        {"where", "temple", "top of shoulder"}, {"muscle", "trapezius"}, {"area", "temple"}, {"cause", "desk work"},
        {"protocol", "self-release"},           {"list", "muscles"}};
    for (const auto& cmd : commands) {
      for (const char* format : {"text", "json", "tsv", "ids"}) {
        std::vector<std::string> args = cmd;
        args.insert(args.end(), {"--format", format, "--kb", kb_.string(), "--no-cache"});
        Result r = tpx_test::tpx(args);
        EXPECT_TRUE(clean(r.out)) << cmd[0] << " " << format << " stdout: " << r.out;
        EXPECT_TRUE(clean(r.err)) << cmd[0] << " " << format << " stderr: " << r.err;
        if (std::string(format) == "json" && r.code == 0) {
          for (std::size_t at = 0, nl; at < r.out.size(); at = nl + 1) {
            nl = r.out.find('\n', at);
            EXPECT_TRUE(nlohmann::json::accept(r.out.substr(at, nl - at))) << r.out;
          }
        }
      }
    }
    Result check = tpx_test::tpx({"check", kb_.string()});
    EXPECT_TRUE(clean(check.out) && clean(check.err)) << check.out << check.err;
  }

  fs::path kb_;
};

// YAML double-quoted escapes (\e, \x1b, \u009b, \n) expand to control
// characters after the loader has screened the raw bytes.
TEST_F(Injection, KbTextWhoseYamlEscapesExpandToEscapeSequences) {
  replace("muscles/trapezius.yaml", "location: Midway along the top of the shoulder.",
          R"(location: "Midway\e[2J\x1b]0;pwned\x07 along\nthe top\u009b31m \u202e of the shoulder.")");
  replace("muscles/trapezius.yaml", "name: Trapezius", R"(name: "Trap\e[31mezius")");
  replace("protocols.yaml", "- Find the tender spot.", R"(- "Find the\r\e[1A tender spot.")");
  every_output_is_clean();
  // The value itself is kept: JSON carries the real characters, escaped.
  Result j = tpx_test::tpx({"muscle", "trapezius", "--format", "json", "--kb", kb_.string(), "--no-cache"});
  if (j.code == 0) {
    auto card = nlohmann::json::parse(j.out);
    EXPECT_NE(card["trigger_points"][0]["location"].get<std::string>().find("\x1b[2J"), std::string::npos);
  }
}

TEST_F(Injection, KbFileNameWithEscapeAndNewline) {
  std::ofstream(kb_ / "muscles" / "evil\x1b[2J\nname.yaml") << "id: [unclosed\n";
  Result r = tpx_test::tpx({"where", "temple", "--kb", kb_.string(), "--no-cache"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(clean(r.err)) << r.err;
  EXPECT_NE(r.err.find("evil\\x1b[2J\\nname.yaml"), std::string::npos) << r.err;
  // Each diagnostic is one line: the name's newline never starts a new one.
  for (std::size_t at = 0, nl; at < r.err.size(); at = nl + 1) {
    nl = r.err.find('\n', at);
    EXPECT_EQ(r.err.compare(at, 5, "tpx: ") == 0 || r.err.compare(at, kb_.string().size(), kb_.string()) == 0, true)
        << "a line that is not a diagnostic: " << r.err.substr(at, nl - at);
  }
  Result check = tpx_test::tpx({"check", kb_.string()});
  EXPECT_TRUE(clean(check.out) && clean(check.err)) << check.out << check.err;
  EXPECT_NE(check.out.find("evil\\x1b[2J\\nname.yaml"), std::string::npos) << check.out;
}

TEST(InjectionArgs, KbPathWithEscapeAndNewlineInOptionAndVariable) {
  const std::string path = "/nonexistent/\x1b]0;pwned\x07\nkb\x1b[2J";
  for (bool env : {false, true}) {
    Result r = env ? tpx_test::tpx({"where", "temple"}, "", {"TPX_KB=" + path})
                   : tpx_test::tpx({"where", "temple", "--kb", path});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(clean(r.err)) << r.err;
    // The KB's diagnostic and tpx's summary: two lines, never a third.
    for (std::size_t at = 0, nl; at < r.err.size(); at = nl + 1) {
      nl = r.err.find('\n', at);
      EXPECT_TRUE(r.err.compare(at, 13, "/nonexistent/") == 0 || r.err.compare(at, 5, "tpx: ") == 0)
          << "a line that is not a diagnostic: " << r.err.substr(at, nl - at);
    }
    EXPECT_NE(r.err.find("\\x1b]0;pwned\\x07\\nkb\\x1b[2J"), std::string::npos) << r.err;
    Result check = env ? tpx_test::tpx({"check"}, "", {"TPX_KB=" + path}) : tpx_test::tpx({"check", path});
    EXPECT_TRUE(clean(check.out) && clean(check.err)) << check.out << check.err;
  }
}

TEST(InjectionArgs, EchoedNamesAndPhrasesAreShownNotSent) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"muscle", "trap\x1b[2Jezius"},
                                             {"protocol", "self\nrelease"},
                                             {"list", "mu\x1bscles"},
                                             {"where\x1b[31m", "temple"},
                                             {"where", "temple", "--form\x1b[2Jat", "json"}}) {
    Result r = tpx_test::tpx(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(clean(r.err)) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
}

}  // namespace
