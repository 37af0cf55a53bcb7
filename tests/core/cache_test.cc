// The cache's failure cases: a stale image after an edit, a damaged image, a
// format version mismatch, a cache that cannot be written, and many first
// queries at once. In every case the answer is right; only speed differs.
#include "tpx/cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <thread>

#include "test_kb.h"
#include "tpx/rank.h"

namespace tpx {
namespace {

namespace fs = std::filesystem;

class CacheTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tpx-cache-test-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    kb_ = root_ / "kb";
    cache_ = root_ / "cache";
    fs::copy(test::data_dir() + "/kb-small", kb_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> top(const CachedKb& c, const std::string& phrase) {
    std::vector<std::string> out;
    if (!c.kb) return out;
    for (const Match& m : rank(*c.kb, resolve(*c.kb, {phrase}), 0).matches)
      out.emplace_back(c.kb->str(c.kb->muscles()[m.muscle].id));
    return out;
  }
  std::size_t images() {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_, ec)) n += e.path().extension() == ".tpxi";
    return n;
  }
  void rewrite(const fs::path& p, std::size_t offset, const void* data, std::size_t size) {
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  }

  fs::path root_;
  fs::path kb_;
  fs::path cache_;
};

TEST_F(CacheTest, FirstQueryStoresThenHits) {
  CachedKb first = open_kb_dir(kb_, cache_);
  EXPECT_EQ(first.outcome, CacheOutcome::kCompiledAndStored) << first.note;
  CachedKb second = open_kb_dir(kb_, cache_);
  EXPECT_EQ(second.outcome, CacheOutcome::kHit);
  EXPECT_EQ(top(first, "temple"), top(second, "temple"));
  EXPECT_EQ(images(), 1u);
}

TEST_F(CacheTest, AnEditedKbIsNeverAnsweredFromTheStaleImage) {
  ASSERT_EQ(open_kb_dir(kb_, cache_).outcome, CacheOutcome::kCompiledAndStored);
  // Pectoralis major now also refers to the temple.
  fs::path pec = kb_ / "muscles/pectoralis-major.yaml";
  std::ifstream in(pec);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  auto at = text.find("primary: [front-of-shoulder]");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 28, "primary: [front-of-shoulder, temple]");
  std::ofstream(pec, std::ios::trunc) << text;
  CachedKb after = open_kb_dir(kb_, cache_);
  EXPECT_EQ(after.outcome, CacheOutcome::kCompiledAndStored);
  EXPECT_EQ(top(after, "temple").size(), 3u);
  EXPECT_EQ(images(), 1u);  // the stale image was pruned
}

TEST_F(CacheTest, ADamagedImageIsRebuiltNotTrusted) {
  CachedKb first = open_kb_dir(kb_, cache_);
  std::uint64_t garbage = 0xDEADBEEFDEADBEEFull;
  rewrite(first.image_path, fs::file_size(first.image_path) / 2, &garbage, sizeof garbage);
  CachedKb again = open_kb_dir(kb_, cache_);
  EXPECT_EQ(again.outcome, CacheOutcome::kCompiledAndStored);
  EXPECT_NE(again.note.find("checksum mismatch"), std::string::npos) << again.note;
  EXPECT_EQ(top(again, "temple"), top(first, "temple"));
  EXPECT_EQ(open_kb_dir(kb_, cache_).outcome, CacheOutcome::kHit);  // repaired
}

TEST_F(CacheTest, ATruncatedOrEmptyImageIsRebuilt) {
  CachedKb first = open_kb_dir(kb_, cache_);
  fs::resize_file(first.image_path, 100);
  EXPECT_EQ(open_kb_dir(kb_, cache_).outcome, CacheOutcome::kCompiledAndStored);
  fs::resize_file(first.image_path, 0);
  CachedKb again = open_kb_dir(kb_, cache_);
  EXPECT_EQ(again.outcome, CacheOutcome::kCompiledAndStored);
  EXPECT_EQ(top(again, "temple"), top(first, "temple"));
}

TEST_F(CacheTest, AnImageOfAnotherFormatVersionIsRebuilt) {
  CachedKb first = open_kb_dir(kb_, cache_);
  std::uint32_t other = image::kFormatVersion + 1;
  rewrite(first.image_path, offsetof(image::Header, version), &other, sizeof other);
  CachedKb again = open_kb_dir(kb_, cache_);
  EXPECT_EQ(again.outcome, CacheOutcome::kCompiledAndStored);
  EXPECT_NE(again.note.find("format version"), std::string::npos) << again.note;
}

TEST_F(CacheTest, AnUnwritableCacheCostsSpeedNotTheAnswer) {
  fs::create_directories(root_);
  std::ofstream(root_ / "not-a-dir") << "x";
  CachedKb c = open_kb_dir(kb_, root_ / "not-a-dir" / "cache");
  EXPECT_EQ(c.outcome, CacheOutcome::kCompiledNotStored);
  EXPECT_NE(c.note.find("cache not written"), std::string::npos) << c.note;
  EXPECT_EQ(top(c, "temple"), (std::vector<std::string>{"temporalis", "trapezius"}));
}

TEST_F(CacheTest, ManyFirstQueriesAtOnceAgree) {
  std::vector<std::vector<std::string>> answers(20);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] { answers[i] = top(open_kb_dir(kb_, cache_), "temple"); });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& a : answers) EXPECT_EQ(a, answers[0]);
  EXPECT_EQ(images(), 1u);
  EXPECT_EQ(open_kb_dir(kb_, cache_).outcome, CacheOutcome::kHit);
}

TEST_F(CacheTest, AKbWithErrorsIsNeverCached) {
  fs::remove_all(kb_);
  fs::copy(test::data_dir() + "/kb-broken", kb_, fs::copy_options::recursive);
  CachedKb c = open_kb_dir(kb_, cache_);
  EXPECT_FALSE(c.kb);
  EXPECT_TRUE(has_errors(c.diagnostics));
  EXPECT_EQ(images(), 0u);
}

TEST_F(CacheTest, ClearRemovesImages) {
  open_kb_dir(kb_, cache_);
  std::string why;
  EXPECT_EQ(clear_cache(cache_, &why), std::optional<std::size_t>(1));
  EXPECT_EQ(images(), 0u);
  EXPECT_EQ(clear_cache(root_ / "nowhere", &why), std::optional<std::size_t>(0));
}

}  // namespace
}  // namespace tpx
