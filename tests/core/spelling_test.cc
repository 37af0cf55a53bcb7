// Spelling correction: slips become vocabulary words; real English words,
// from the word lists built in at compile time, never do.
#include "spelling.h"

#include <gtest/gtest.h>

#include "english_words.h"
#include "test_kb.h"
#include "tpx/limits.h"
#include "tpx/suggest.h"

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

// The correction of a word, by a scan of the whole vocabulary: the rule
// Speller indexes, kept here as the reference it must agree with.
std::string scanned_correction(const Kb& kb, std::string_view w) {
  if (w.size() > kMaxCorrectedWordBytes || is_english_word(w)) return {};
  const int budget = typo_budget(w.size());
  if (budget == 0) return {};
  std::string best;
  int best_rank = 3 * (budget + 1);
  for (const auto& s : kb.words()) {
    std::string_view cand = kb.str(s);
    int d = edit_distance(w, cand, budget);
    if (d > budget) continue;
    bool alike = sound_key(cand) == sound_key(w);
    if (w.size() <= 3 && !alike) continue;
    if (!alike && (d > 1 || cand[0] != w[0])) continue;
    int r = 3 * d + (alike ? 0 : 1) + (cand[0] == w[0] ? 0 : 1);
    if (r < best_rank) {
      best_rank = r;
      best = cand;
    }
  }
  return best;
}

// The index changes how fast, never what: every vocabulary word with one or
// two random slips is corrected as a scan of the vocabulary would.
TEST(Spelling, IndexedCorrectionsAgreeWithAScanOfTheVocabulary) {
  const Kb& kb = test::real_kb();
  Speller speller(kb);
  unsigned seed = 7;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  std::size_t corrected = 0, tried = 0;
  for (const auto& s : kb.words()) {
    std::string w(kb.str(s));
    for (int slips = 1; slips <= 2 && w.size() > 2; ++slips) {
      std::string typo = w;
      for (int k = 0; k < slips; ++k) {
        std::size_t at = next() % typo.size();
        switch (next() % 3) {
          case 0: typo[at] = static_cast<char>('a' + next() % 26); break;
          case 1: typo.erase(at, 1); break;
          default: typo.insert(at, 1, static_cast<char>('a' + next() % 26)); break;
        }
      }
      if (typo.empty() || kb.has_word(typo)) continue;
      ++tried;
      const std::string expected = scanned_correction(kb, typo);
      EXPECT_EQ(speller.correction(typo), expected) << typo << " (from " << w << ")";
      corrected += !expected.empty();
    }
  }
  EXPECT_GT(tried, 500u);
  EXPECT_GT(corrected, 100u);  // the comparison is not vacuous
}

// No vocabulary word is 33 letters long: longer words are left as typed,
// without comparing them with anything.
TEST(Spelling, WordsLongerThanTheLimitAreNotCorrected) {
  const Kb& kb = test::real_kb();
  EXPECT_EQ(correction_for(kb, "shoulderrr"), "shoulder");
  EXPECT_EQ(correction_for(kb, std::string(kMaxCorrectedWordBytes + 1, 's')), "");
}

}  // namespace
}  // namespace tpx::detail
