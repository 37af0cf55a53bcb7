// Limits that are too costly to reach from the CLI in a test: the file count
// (200,000 files) is checked through list_kb_files()' `max_files` parameter,
// the same code path with a smaller bound. docs/limits.md explains each.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "tpx/kb_files.h"
#include "tpx/limits.h"

namespace {

namespace fs = std::filesystem;

class KbFileCount : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tpx-file-count-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "muscles");
    for (int i = 0; i < 4; ++i) std::ofstream(dir_ / "muscles" / ("m" + std::to_string(i) + ".yaml")) << "id: x\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(KbFileCount, AtTheLimitEveryFileIsListed) {
  std::vector<tpx::Diagnostic> diags;
  EXPECT_EQ(tpx::list_kb_files(dir_.string(), diags, 4).size(), 4u);
  EXPECT_TRUE(diags.empty());
}

TEST_F(KbFileCount, OnePastTheLimitIsOneError) {
  std::vector<tpx::Diagnostic> diags;
  tpx::list_kb_files(dir_.string(), diags, 3);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].severity, tpx::Severity::kError);
  EXPECT_EQ(diags[0].file, dir_.string());
  EXPECT_EQ(diags[0].message, "more than 3 YAML files in the KB");
}

// docs/limits.md gives each limit's value in its table row ("| `kMaxKbFiles` |
// 200,000 ... |"); the code and the page must agree, and every limit in
// limits.h must have a row.
std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The numbers in `text`, thousands separators removed ("4,194,304" -> 4194304).
std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> out;
  std::string digits;
  auto flush = [&] {
    if (!digits.empty()) out.push_back(std::stod(digits));
    digits.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == ',' && !digits.empty() && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

TEST(LimitsDocs, EveryLimitHasARowStatingItsValue) {
  const std::map<std::string, double> values = {
      {"kMaxFileBytes", static_cast<double>(tpx::kMaxFileBytes)},
      {"kMaxKbFiles", static_cast<double>(tpx::kMaxKbFiles)},
      {"kMaxFlowDepth", tpx::kMaxFlowDepth},
      {"kMaxIndentColumns", tpx::kMaxIndentColumns},
      {"kMaxDirDepth", tpx::kMaxDirDepth},
      {"kMaxAtlasCoordinate", tpx::kMaxAtlasCoordinate},
      {"kMaxPhrases", static_cast<double>(tpx::kMaxPhrases)},
      {"kMaxPhraseBytes", static_cast<double>(tpx::kMaxPhraseBytes)},
      {"kMaxKbDirs", static_cast<double>(tpx::kMaxKbDirs)},
      {"kMaxSuggestedErrors", static_cast<double>(tpx::kMaxSuggestedErrors)},
      {"kMaxImageBytes", static_cast<double>(tpx::kMaxImageBytes)},
      {"kMaxStdinLines", static_cast<double>(tpx::kMaxStdinLines)},
      {"kMaxStdinBytes", static_cast<double>(tpx::kMaxStdinBytes)},
      {"kMaxBlankLines", static_cast<double>(tpx::kMaxBlankLines)},
      {"kMaxCorrectedWordBytes", static_cast<double>(tpx::kMaxCorrectedWordBytes)},
  };
  // Every constant limits.h defines is in the map above.
  const std::string header = read_file(fs::path(TPX_SOURCE_DIR) / "include/tpx/limits.h");
  const std::regex defined(R"(constexpr[^=]*\b(kMax\w+)\s*=)");
  for (auto it = std::sregex_iterator(header.begin(), header.end(), defined); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(values.count((*it)[1])) << (*it)[1] << " is in limits.h but not checked against docs/limits.md here";

  const std::string doc = read_file(fs::path(TPX_SOURCE_DIR) / "docs/limits.md");
  ASSERT_FALSE(doc.empty());
  for (const auto& [name, value] : values) {
    const std::string row_start = "| `" + name + "` |";
    const std::size_t at = doc.find(row_start);
    ASSERT_NE(at, std::string::npos) << name << " has no row in docs/limits.md";
    const std::size_t value_end = doc.find('|', at + row_start.size());
    const std::string cell = doc.substr(at + row_start.size(), value_end - at - row_start.size());
    const std::vector<double> stated = numbers_in(cell);
    EXPECT_NE(std::find(stated.begin(), stated.end(), value), stated.end())
        << name << " is " << value << " in limits.h; docs/limits.md says: " << cell;
  }
}

}  // namespace
