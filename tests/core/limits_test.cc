// Limits that are too costly to reach from the CLI in a test: the file count
// (200,000 files) is checked through list_kb_files()' `max_files` parameter,
// the same code path with a smaller bound. docs/limits.md explains each.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

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

TEST(KbFileCountDefault, IsTheDocumentedLimit) {
  EXPECT_EQ(tpx::kMaxKbFiles, 200000u);  // docs/limits.md states it
}

}  // namespace
