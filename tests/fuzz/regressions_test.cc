// Every input the fuzzers found a bug with, replayed in the normal suite
// (tests/fuzz/regressions/<target>/), plus a precise test of each fix, so a
// fixed crash or hang stays fixed in every build, sanitized or not.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "targets.h"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& target) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(TPX_FUZZ_REGRESSIONS_DIR) / target;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(FuzzRegressions, ReplayEveryInput) {
  std::size_t replayed = 0;
  for (const fs::path& p : inputs("load")) tpx_fuzz::load_one(read(p)), ++replayed;
  for (const fs::path& p : inputs("query")) tpx_fuzz::query_one(read(p)), ++replayed;
  for (const fs::path& p : inputs("image")) tpx_fuzz::image_one(read(p)), ++replayed;
  EXPECT_GE(replayed, 2u);
}

// yaml-cpp 0.7's LoadAll() looped forever, allocating, on a ',' at the start
// of a block line (found by fuzz_load). The screen refuses such a line and
// the loader reads one document with Load().
TEST(FuzzRegressions, CommaAtLineStartIsASyntaxErrorNotAHang) {
  tpx::LoadResult r = tpx_fuzz::load_with("# file: areas.yaml\n- id: temple\n  label: Temple\n, side\n");
  ASSERT_FALSE(r.ok());
  const tpx::Diagnostic& d = r.diagnostics.front();
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 1);
  EXPECT_EQ(d.message, "YAML syntax: unexpected ','");

  tpx::LoadResult found = tpx_fuzz::load_with(read(inputs("load").front()));
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.diagnostics.front().message.find("YAML syntax"), std::string::npos);
}

TEST(FuzzRegressions, CommaAloneIsASyntaxError) {
  tpx::LoadResult r = tpx_fuzz::load_with(",\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().message, "YAML syntax: unexpected ','");
}

// The compiled kb-small image, 8-byte aligned, with its postings section.
struct Image {
  std::vector<std::uint64_t> storage;
  std::size_t size = 0;
  tpx::image::PostingRec* postings = nullptr;
  tpx::Kb view() const {
    std::string why;
    std::optional<tpx::Kb> kb =
        tpx::Kb::open({reinterpret_cast<const std::byte*>(storage.data()), size}, nullptr, &why);
    EXPECT_TRUE(kb) << why;
    return *kb;
  }
  std::string open_error() {
    tpx_fuzz::fix_checksum(storage, size);
    std::string why;
    EXPECT_FALSE(tpx::Kb::open({reinterpret_cast<const std::byte*>(storage.data()), size}, nullptr, &why));
    return why;
  }
};

Image small_image() {
  tpx::LoadResult loaded = tpx::load_directory(std::string(TPX_TEST_DATA_DIR) + "/kb-small");
  EXPECT_TRUE(loaded.ok());
  std::vector<std::byte> bytes = tpx::compile(loaded.model);
  Image img;
  img.size = bytes.size();
  img.storage.resize(bytes.size() / 8 + 1);
  std::memcpy(img.storage.data(), bytes.data(), bytes.size());
  const auto* h = reinterpret_cast<const tpx::image::Header*>(img.storage.data());
  img.postings = reinterpret_cast<tpx::image::PostingRec*>(reinterpret_cast<std::byte*>(img.storage.data()) +
                                                           h->sections[tpx::image::kPostings].offset);
  return img;
}

// An area posting without a trigger point passed Kb::open(), and the text
// renderer then read trigger point 0xFFFFFFFF (found by fuzz_image).
TEST(FuzzRegressions, ImageAreaPostingWithoutTriggerPointIsRefused) {
  Image img = small_image();
  const tpx::image::Range r = img.view().areas()[0].postings;
  ASSERT_GT(r.count, 0u);
  img.postings[r.first].trigger_point = tpx::image::kNone;
  EXPECT_EQ(img.open_error(), "damaged image: bad area record");
}

TEST(FuzzRegressions, ImageAreaPostingWithSymptomWeightIsRefused) {
  Image img = small_image();
  const tpx::image::Range r = img.view().areas()[0].postings;
  ASSERT_GT(r.count, 0u);
  img.postings[r.first].weight = tpx::image::Weight::kSymptom;
  EXPECT_EQ(img.open_error(), "damaged image: bad area record");
}

TEST(FuzzRegressions, ImageSymptomPostingWithTriggerPointIsRefused) {
  Image img = small_image();
  tpx::Kb kb = img.view();
  auto with_postings = std::find_if(kb.symptoms().begin(), kb.symptoms().end(),
                                    [](const tpx::image::SymptomRec& s) { return s.postings.count > 0; });
  ASSERT_NE(with_postings, kb.symptoms().end());
  img.postings[with_postings->postings.first].trigger_point = 0;
  EXPECT_EQ(img.open_error(), "damaged image: bad symptom record");
}

// The image found with format version 1 had 16 sections; later formats
// added the atlas sections at the end of the header's table. Moves the
// sections' data past the longer header and leaves the new sections empty,
// so the records it breaks are read as they were found.
std::vector<std::uint64_t> upgrade_found_image(const std::string& bytes, std::size_t& size) {
  constexpr std::size_t kFoundSections = 16;
  constexpr std::size_t kFoundHeader = 32 + kFoundSections * sizeof(tpx::image::SectionRec);
  constexpr std::size_t kGrowth = sizeof(tpx::image::Header) - kFoundHeader;
  size = bytes.size() + kGrowth;
  std::vector<std::uint64_t> storage(size / 8 + 1);
  auto* out = reinterpret_cast<char*>(storage.data());
  std::memcpy(out, bytes.data(), 32);
  std::memcpy(out + sizeof(tpx::image::Header), bytes.data() + kFoundHeader, bytes.size() - kFoundHeader);
  auto* h = reinterpret_cast<tpx::image::Header*>(out);
  std::memcpy(h->sections, bytes.data() + 32, kFoundSections * sizeof(tpx::image::SectionRec));
  for (std::size_t s = 0; s < kFoundSections; ++s) h->sections[s].offset += kGrowth;
  for (std::size_t s = kFoundSections; s < tpx::image::kSectionCount; ++s) h->sections[s] = {size & ~std::uint64_t{7}, 0};
  h->version = tpx::image::kFormatVersion;
  h->section_count = tpx::image::kSectionCount;
  h->size = size;
  return storage;
}

TEST(FuzzRegressions, FoundImageIsRefused) {
  std::string bytes = read(inputs("image").front());
  std::size_t size = 0;
  std::vector<std::uint64_t> storage = upgrade_found_image(bytes, size);
  tpx_fuzz::fix_checksum(storage, size);
  std::string why;
  EXPECT_FALSE(tpx::Kb::open({reinterpret_cast<const std::byte*>(storage.data()), size}, nullptr, &why));
  EXPECT_EQ(why, "damaged image: bad area record");
}

}  // namespace
