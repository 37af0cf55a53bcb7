#include "tpx/image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "test_kb.h"
#include "tpx/compile.h"

namespace tpx {
namespace {

std::vector<std::byte> small_image() {
  LoadResult r = load_directory(test::data_dir() + "/kb-small");
  EXPECT_TRUE(r.ok());
  return compile(r.model);
}

std::optional<Kb> open(std::vector<std::byte>& bytes, std::string* why) { return Kb::open(bytes, nullptr, why); }

TEST(Image, RoundTripsTheModel) {
  auto bytes = small_image();
  std::string why;
  auto kb = open(bytes, &why);
  ASSERT_TRUE(kb) << why;
  ASSERT_EQ(kb->muscles().size(), 3u);
  EXPECT_EQ(kb->str(kb->muscles()[2].id), "trapezius");
  EXPECT_EQ(kb->str(kb->areas()[0].label), "Temple");
  // Temple's postings: temporalis and trapezius, both primary.
  auto postings = kb->postings(kb->areas()[0].postings);
  ASSERT_EQ(postings.size(), 2u);
  EXPECT_EQ(postings[0].weight, image::Weight::kPrimary);
}

TEST(Image, IsDeterministic) { EXPECT_EQ(small_image(), small_image()); }

TEST(Image, TermsAreSortedAndFindable) {
  auto bytes = small_image();
  auto kb = open(bytes, nullptr);
  ASSERT_TRUE(kb);
  auto terms = kb->find_terms("top shoulder");
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_EQ(terms[0].kind, image::TermKind::kArea);
  EXPECT_TRUE(kb->find_terms("nowhere").empty());
  EXPECT_TRUE(kb->has_word("temple"));
  EXPECT_FALSE(kb->has_word("tempel"));
}

TEST(Image, RefusesDamagedBytes) {
  auto good = small_image();
  std::string why;
  auto flipped = good;
  flipped[flipped.size() / 2] ^= std::byte{0x40};
  EXPECT_FALSE(open(flipped, &why));
  EXPECT_EQ(why, "checksum mismatch (damaged image)");

  auto truncated = good;
  truncated.resize(good.size() - 8);
  EXPECT_FALSE(open(truncated, &why));
  EXPECT_NE(why.find("header says"), std::string::npos) << why;

  auto wrong_magic = good;
  wrong_magic[0] = std::byte{'X'};
  EXPECT_FALSE(open(wrong_magic, &why));
  EXPECT_EQ(why, "not a tpx KB image (bad magic)");

  auto wrong_version = good;
  std::uint32_t v = image::kFormatVersion + 1;
  std::memcpy(wrong_version.data() + 8, &v, sizeof v);
  EXPECT_FALSE(open(wrong_version, &why));
  EXPECT_EQ(why, "image format version " + std::to_string(v) + " (this tpx reads " +
                     std::to_string(image::kFormatVersion) + ")");

  std::vector<std::byte> tiny(10);
  EXPECT_FALSE(open(tiny, &why));
}

TEST(Image, RefusesOutOfBoundsReferencesEvenWithAValidChecksum) {
  auto bytes = small_image();
  image::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  // Point the first muscle's name far past the string section, then re-seal.
  auto* muscle = reinterpret_cast<image::MuscleRec*>(bytes.data() + h.sections[image::kMuscles].offset);
  muscle->name.offset = 0x7FFFFFF0u;
  h.checksum = image::checksum(std::span<const std::byte>(bytes).subspan(sizeof h));
  std::memcpy(bytes.data(), &h, sizeof h);
  std::string why;
  EXPECT_FALSE(open(bytes, &why));
  EXPECT_EQ(why, "damaged image: bad muscle record");
}

TEST(Image, RefusesPostingsOutOfMuscleOrderEvenWithAValidChecksum) {
  // Ranking merges posting lists assuming muscle order; an image that breaks
  // it (hand-made, or from a buggy compiler) is refused, not half-trusted.
  auto bytes = small_image();
  image::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  auto* postings = reinterpret_cast<image::PostingRec*>(bytes.data() + h.sections[image::kPostings].offset);
  const auto* areas = reinterpret_cast<const image::AreaRec*>(bytes.data() + h.sections[image::kAreas].offset);
  const std::size_t n_areas = h.sections[image::kAreas].size / sizeof(image::AreaRec);
  const image::AreaRec* area = nullptr;
  for (std::size_t i = 0; i < n_areas && !area; ++i) {
    const image::PostingRec* p = postings + areas[i].postings.first;
    for (std::uint32_t k = 1; k < areas[i].postings.count && !area; ++k)
      if (p[k - 1].muscle < p[k].muscle) area = &areas[i];
  }
  ASSERT_NE(area, nullptr) << "kb-small has no area with postings from two muscles";
  std::reverse(postings + area->postings.first, postings + area->postings.first + area->postings.count);
  h.checksum = image::checksum(std::span<const std::byte>(bytes).subspan(sizeof h));
  std::memcpy(bytes.data(), &h, sizeof h);
  std::string why;
  EXPECT_FALSE(open(bytes, &why));
  EXPECT_EQ(why, "damaged image: bad area record");
}

}  // namespace
}  // namespace tpx
