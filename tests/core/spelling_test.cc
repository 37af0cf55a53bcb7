// Spelling correction: slips become vocabulary words; real English words,
// from the word lists built in at compile time, never do.
#include "spelling.h"

#include <gtest/gtest.h>

#include "english_words.h"
#include "test_kb.h"

namespace tpx::detail {
namespace {

TEST(Spelling, KnowsRealEnglishWordsFoldedLikeQueries) {
  EXPECT_TRUE(is_english_word("gout"));
  EXPECT_TRUE(is_english_word("golf"));
  EXPECT_TRUE(is_english_word("ladder"));
  EXPECT_TRUE(is_english_word("doesnt"));  // "doesn't", apostrophe dropped as queries drop it
  EXPECT_TRUE(is_english_word("ball"));    // "balls", plural folded
  EXPECT_FALSE(is_english_word("sholder"));
  EXPECT_FALSE(is_english_word("temle"));
  EXPECT_FALSE(is_english_word(""));
  EXPECT_FALSE(is_english_word("zzzzzzzz"));
}

TEST(Spelling, CorrectsSlipsToVocabularyWords) {
  const Kb& kb = test::real_kb();
  EXPECT_EQ(correction_for(kb, "sholder"), "shoulder");
  EXPECT_EQ(correction_for(kb, "temle"), "temple");
  EXPECT_EQ(correction_for(kb, "hamstrng"), "hamstring");
}

TEST(Spelling, NeverTurnsARealWordIntoAnother) {
  const Kb& kb = test::real_kb();
  for (const char* w : {"gout", "ladder", "tumble", "golf", "wen"}) EXPECT_EQ(correction_for(kb, w), "") << w;
}

}  // namespace
}  // namespace tpx::detail
