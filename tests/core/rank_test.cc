#include "tpx/rank.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_kb.h"

namespace tpx {
namespace {

std::vector<std::string> top_ids(const Kb& kb, const std::vector<std::string>& phrases, std::size_t n) {
  Ranking ranking = rank(kb, resolve(kb, phrases), n);
  std::vector<std::string> out;
  for (const Match& m : ranking.matches) out.emplace_back(kb.str(kb.muscles()[m.muscle].id));
  return out;
}

bool in_top(const Kb& kb, const std::vector<std::string>& phrases, std::size_t n,
            std::initializer_list<std::string_view> any_of) {
  for (const std::string& id : top_ids(kb, phrases, n)) {
    for (std::string_view want : any_of) {
      if (id == want) return true;
    }
  }
  return false;
}

TEST(Rank, AMuscleThatExplainsEveryPhraseComesFirst) {
  const Kb& kb = test::small_kb();
  // Temporalis refers to the temple more "purely", but only trapezius
  // explains both phrases.
  EXPECT_EQ(top_ids(kb, {"temple", "top of shoulder"}, 0), (std::vector<std::string>{"trapezius", "temporalis"}));
}

TEST(Rank, PrimaryOutweighsSpillover) {
  const Kb& kb = test::small_kb();
  Ranking r = rank(kb, resolve(kb, {"behind the eye"}), 0);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(kb.str(kb.muscles()[r.matches[0].muscle].id), "temporalis");  // primary
  EXPECT_EQ(r.matches[1].explains[0].weight, image::Weight::kSpillover);
  EXPECT_NEAR(r.matches[1].score, r.matches[0].score * kSpilloverWeight, 1e-9);
}

TEST(Rank, RarerAreasWeighMore) {
  const Kb& kb = test::small_kb();
  Ranking temple = rank(kb, resolve(kb, {"temple"}), 0);            // 2 muscles refer there
  Ranking front = rank(kb, resolve(kb, {"front of shoulder"}), 0);  // 1 muscle does
  EXPECT_GT(front.matches[0].score, temple.matches[0].score);
  EXPECT_DOUBLE_EQ(front.matches[0].explains[0].rarity, 1.0);
}

TEST(Rank, TiesBreakByIdAndOrderIsStable) {
  const Kb& kb = test::small_kb();
  // Both explain "temple" as primary with the same rarity.
  EXPECT_EQ(top_ids(kb, {"temple"}, 0), (std::vector<std::string>{"temporalis", "trapezius"}));
}

TEST(Rank, OrderDoesNotDependOnTheOrderMusclesWereLoaded) {
  // The same KB with its muscles in the opposite file order: ties must still
  // break by id, never by where a muscle happened to sit in the image.
  Model model = test::load_model(test::data_dir() + "/kb-small");
  const Kb forward = compile_kb(model);
  std::reverse(model.muscles.begin(), model.muscles.end());
  const Kb reversed = compile_kb(model);
  ASSERT_NE(forward.str(forward.muscles()[0].id), reversed.str(reversed.muscles()[0].id));
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"temple"}, {"behind the eye"}, {"head"}, {"temple", "top of shoulder"}, {"shoulder"}}) {
    EXPECT_EQ(top_ids(forward, q, 0), top_ids(reversed, q, 0)) << q[0];
  }
}

TEST(Rank, CulpritOrderLiftsTheClassicSourceOfATie) {
  LoadResult loaded = load_directory(test::data_dir() + "/kb-small");
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded.model.areas[0].id.value, "temple");
  loaded.model.areas[0].culprits = {{"trapezius", {}}, {"temporalis", {}}};
  Kb kb = compile_kb(loaded.model);
  Ranking r = rank(kb, resolve(kb, {"temple"}), 0);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(kb.str(kb.muscles()[r.matches[0].muscle].id), "trapezius");
  EXPECT_EQ(r.matches[0].explains[0].culprit, 1u);
  EXPECT_EQ(r.matches[1].explains[0].culprit, 2u);
  // First of two gets the whole lift, second half of it.
  EXPECT_NEAR(r.matches[0].score - r.matches[1].score, kCulpritLift / 2, 1e-9);
}

TEST(Rank, ACauseCulpritListOrdersACauseOnlyQuery) {
  const Kb& kb = test::real_kb();
  // Eight muscles are overloaded by carrying; the references name trapezius first.
  EXPECT_EQ(top_ids(kb, {"heavy backpack"}, 1), std::vector<std::string>{"trapezius"});
  // With a place in the query, a cause is a flat lift and its list is not read.
  Resolution res = resolve(kb, {"neck", "desk job"});
  Ranking r = rank(kb, res, 0);
  for (const Match& m : r.matches)
    for (const Explain& e : m.explains)
      if (res.terms[e.term].kind == image::TermKind::kCause) {
        EXPECT_EQ(e.culprit, 0u);
      }
}

TEST(Rank, LocalMusclesBreakTiesBeforeIds) {
  LoadResult loaded = load_directory(test::data_dir() + "/kb-small");
  ASSERT_TRUE(loaded.ok());
  // Put temporalis in the shoulder region: now neither is local to the
  // temple and the id decides; back in the head region it wins as local.
  loaded.model.muscles[1].region.value = "shoulder";
  ASSERT_EQ(loaded.model.muscles[1].id.value, "temporalis");
  Kb kb = compile_kb(loaded.model);
  EXPECT_EQ(top_ids(kb, {"temple"}, 0), (std::vector<std::string>{"temporalis", "trapezius"}));
  loaded.model.muscles[2].region.value = "head";  // trapezius now sits in the head region
  ASSERT_EQ(loaded.model.muscles[2].id.value, "trapezius");
  Kb moved = compile_kb(loaded.model);
  EXPECT_EQ(top_ids(moved, {"temple"}, 0), (std::vector<std::string>{"trapezius", "temporalis"}));
}

TEST(Rank, VagueRegionWeighsLessThanAPreciseArea) {
  const Kb& kb = test::small_kb();
  Ranking vague = rank(kb, resolve(kb, {"shoulder"}), 0);
  Ranking precise = rank(kb, resolve(kb, {"top of shoulder"}), 0);
  ASSERT_FALSE(vague.matches.empty());
  EXPECT_LT(vague.matches[0].score, precise.matches[0].score);
}

TEST(Rank, CausesLiftButDoNotCount) {
  const Kb& kb = test::small_kb();
  Ranking r = rank(kb, resolve(kb, {"temple at my desk"}), 0);
  EXPECT_EQ(r.items, 1u);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(kb.str(kb.muscles()[r.matches[0].muscle].id), "trapezius");  // lifted by desk work
}

TEST(Rank, TopCutsTheListButCountsAll) {
  const Kb& kb = test::small_kb();
  Ranking r = rank(kb, resolve(kb, {"temple"}), 1);
  EXPECT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.total, 2u);
}

TEST(Rank, NothingResolvedMeansNoMatches) {
  const Kb& kb = test::small_kb();
  EXPECT_TRUE(rank(kb, resolve(kb, {"xyzzy"}), 0).matches.empty());
}

// The mission example and the seed guide's referral table, on the real KB.
TEST(RankRealKb, MissionExample) {
  EXPECT_EQ(top_ids(test::real_kb(), {"temple", "top of shoulder"}, 1), std::vector<std::string>{"trapezius"});
}

TEST(RankRealKb, SeedReferralTable) {
  const Kb& kb = test::real_kb();
  EXPECT_TRUE(in_top(kb, {"temple", "behind the eye"}, 3, {"trapezius"}));
  EXPECT_TRUE(in_top(kb, {"front of shoulder", "arm"}, 3, {"pectoralis-major"}));
  EXPECT_TRUE(in_top(kb, {"buttock", "back of thigh"}, 3, {"piriformis", "gluteus-medius", "gluteus-minimus"}));
  EXPECT_TRUE(in_top(kb, {"heel", "arch of foot"}, 3, {"soleus", "gastrocnemius"}));
}

}  // namespace
}  // namespace tpx
