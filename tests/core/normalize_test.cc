#include "tpx/normalize.h"

#include <gtest/gtest.h>

namespace tpx {
namespace {

using Words = std::vector<std::string>;

TEST(Normalize, LowercasesAndDropsFillerWords) {
  EXPECT_EQ(normalize_words("Pain in MY Temple"), Words({"temple"}));
  EXPECT_EQ(normalize_key("the top of the shoulder"), "top shoulder");
}

TEST(Normalize, PunctuationBreaksWordsAndApostrophesJoinThem) {
  EXPECT_EQ(normalize_key("top-of-shoulder"), "top shoulder");
  EXPECT_EQ(normalize_key("can't turn my head!"), "cant turn head");
  EXPECT_EQ(normalize_key("neck\u2019s stiff"), "neck stiff");
}

TEST(Normalize, FoldsPluralsAndIrregulars) {
  EXPECT_EQ(normalize_key("shoulders"), "shoulder");
  EXPECT_EQ(normalize_key("calves"), "calf");
  EXPECT_EQ(normalize_key("feet"), "foot");
  EXPECT_EQ(normalize_key("teeth"), "tooth");
  EXPECT_EQ(normalize_key("injuries"), "injury");
  // Words whose 's' is not a plural keep it.
  EXPECT_EQ(normalize_key("sinus"), "sinus");
  EXPECT_EQ(normalize_key("pelvis"), "pelvis");
  EXPECT_EQ(normalize_key("glass"), "glass");
}

TEST(Normalize, SplitsRunTogetherCompounds) {
  EXPECT_EQ(normalize_key("between my shoulderblades"), "between shoulder blade");
}

TEST(Normalize, KeepsDirectionalWords) {
  EXPECT_EQ(normalize_key("back of the knee"), "back knee");
  EXPECT_EQ(normalize_key("inside of the knee"), "inside knee");
  EXPECT_EQ(normalize_key("little finger"), "little finger");
}

TEST(Normalize, EmptyAndFillerOnlyInputGiveNothing) {
  EXPECT_TRUE(normalize_words("").empty());
  EXPECT_TRUE(normalize_words("  ... ").empty());
  EXPECT_TRUE(normalize_words("my pain, it hurts").empty());
}

TEST(Normalize, VerbsOfHowItBehavesAreFiller) {
  // "my hand keeps going numb" must find the alias "hand goes numb".
  EXPECT_EQ(normalize_key("my hand keeps going numb"), "hand numb");
  EXPECT_EQ(normalize_key("hand goes numb"), "hand numb");
  EXPECT_EQ(normalize_key("it does hurt"), "");
}

TEST(Normalize, BritishSpellingsFoldToAmerican) {
  EXPECT_EQ(normalize_key("favouring one leg"), normalize_key("favoring one leg"));
  EXPECT_EQ(normalize_key("cold draught"), "cold draft");
  EXPECT_EQ(normalize_key("dysmenorrhoea"), "dysmenorrhea");
}

TEST(Normalize, KeepsNonAsciiBytesInsideWords) { EXPECT_EQ(normalize_key("épaule"), "\xC3\xA9paule"); }

}  // namespace
}  // namespace tpx

namespace tpx {
namespace {

TEST(KeyWords, SplitANormalisedKeyAtItsSpaces) {
  EXPECT_EQ(key_words(normalize_key("Top of the Shoulders")), (std::vector<std::string_view>{"top", "shoulder"}));
  EXPECT_EQ(key_words("temple"), std::vector<std::string_view>{"temple"});
  EXPECT_TRUE(key_words("").empty());
}

}  // namespace
}  // namespace tpx
