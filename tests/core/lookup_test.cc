#include "tpx/lookup.h"

#include <gtest/gtest.h>

#include "test_kb.h"

namespace tpx {
namespace {

TEST(Lookup, FindsAMuscleByIdNameOrAliasInAnyCase) {
  const Kb& kb = test::small_kb();
  for (const char* name : {"trapezius", "Trapezius", "TRAPS", "upper trapezius"}) {
    auto found = find_muscle(kb, name);
    ASSERT_TRUE(found.muscle) << name;
    EXPECT_EQ(kb.str(kb.muscles()[*found.muscle].id), "trapezius");
  }
}

TEST(Lookup, UnknownNamesGetSuggestions) {
  const Kb& kb = test::small_kb();
  auto found = find_muscle(kb, "trapezus");
  EXPECT_FALSE(found.muscle);
  EXPECT_EQ(found.suggestions, std::vector<std::string>{"trapezius"});
  EXPECT_EQ(find_muscle(kb, "pectoral").suggestions, std::vector<std::string>{"pectoralis-major"});  // by prefix
  EXPECT_TRUE(find_muscle(kb, "zzzzzzzz").suggestions.empty());
}

TEST(Lookup, RealKbNamesAndIdsAgree) {
  const Kb& kb = test::real_kb();
  auto by_name = find_muscle(kb, "Levator Scapulae");
  auto by_id = find_muscle(kb, "levator-scapulae");
  ASSERT_TRUE(by_name.muscle && by_id.muscle);
  EXPECT_EQ(*by_name.muscle, *by_id.muscle);
  EXPECT_TRUE(find_muscle(kb, "SCM").muscle);
}

TEST(Lookup, ListsAreSortedById) {
  const Kb& kb = test::small_kb();
  auto muscles = list_entries(kb, ListKind::kMuscles);
  ASSERT_EQ(muscles.size(), 3u);
  EXPECT_EQ(muscles[0].id, "pectoralis-major");
  EXPECT_EQ(muscles[0].label, "Pectoralis major");
  EXPECT_EQ(muscles[2].id, "trapezius");
  EXPECT_EQ(list_entries(kb, ListKind::kAreas).size(), 4u);
  EXPECT_FALSE(parse_list_kind("bones"));
}

std::string muscle_id(const Kb& kb, std::uint32_t m) { return std::string(kb.str(kb.muscles()[m].id)); }

TEST(Lookup, FindsAProtocolByIdOrNameAndSuggestsNearOnes) {
  const Kb& kb = test::small_kb();
  for (const char* name : {"self-release", "Self-release", "SELF RELEASE"}) {
    auto found = find_protocol(kb, name);
    ASSERT_TRUE(found.protocol) << name;
    EXPECT_EQ(kb.str(kb.protocols()[*found.protocol].id), "self-release");
  }
  auto near = find_protocol(kb, "self-relase");
  EXPECT_FALSE(near.protocol);
  EXPECT_EQ(near.suggestions, std::vector<std::string>{"self-release"});
  EXPECT_FALSE(find_protocol(kb, "acupuncture").protocol);
}

TEST(Lookup, ProtocolUsersAreEveryMuscleListingItInMuscleOrder) {
  const Kb& kb = test::small_kb();
  auto found = find_protocol(kb, "self-release");
  ASSERT_TRUE(found.protocol);
  std::vector<std::string> users;
  for (std::uint32_t m : protocol_users(kb, *found.protocol)) users.push_back(muscle_id(kb, m));
  // Listed as a plain id (pectoralis-major, temporalis) and as an object with notes (trapezius).
  EXPECT_EQ(users, (std::vector<std::string>{"pectoralis-major", "temporalis", "trapezius"}));
}

TEST(Lookup, AreaReferrersPutPrimaryBeforeSpilloverThenOrderById) {
  const Kb& kb = test::small_kb();
  // Temporalis refers to the eye as primary, trapezius only as spillover.
  auto eye = area_referrers(kb, resolve(kb, {"behind the eye"}));
  ASSERT_EQ(eye.size(), 2u);
  EXPECT_EQ(muscle_id(kb, eye[0].muscle), "temporalis");
  EXPECT_EQ(eye[0].weight, image::Weight::kPrimary);
  EXPECT_EQ(muscle_id(kb, eye[1].muscle), "trapezius");
  EXPECT_EQ(eye[1].weight, image::Weight::kSpillover);
  EXPECT_EQ(kb.str(kb.areas()[eye[1].area].id), "behind-the-eye");
  // Both refer to the temple as primary: by id.
  auto temple = area_referrers(kb, resolve(kb, {"temple"}));
  ASSERT_EQ(temple.size(), 2u);
  EXPECT_EQ(muscle_id(kb, temple[0].muscle), "temporalis");
  EXPECT_EQ(muscle_id(kb, temple[1].muscle), "trapezius");
}

TEST(Lookup, AreaReferrersOfARegionListEachMuscleOnceWithItsStrongestReferral) {
  const Kb& kb = test::small_kb();
  // The head region holds the temple (both primary) and behind the eye (trapezius spillover).
  auto head = area_referrers(kb, resolve(kb, {"head"}));
  ASSERT_EQ(head.size(), 2u);
  for (const Referrer& r : head) EXPECT_EQ(r.weight, image::Weight::kPrimary) << muscle_id(kb, r.muscle);
  EXPECT_NE(head[0].muscle, head[1].muscle);
  EXPECT_TRUE(area_referrers(kb, resolve(kb, {"desk work"})).empty());  // a cause is not an area
}

TEST(Lookup, MatchedCausesCountMentionsMostMentionedFirst) {
  const Kb& kb = test::small_kb();
  auto causes = matched_causes(resolve(kb, {"temple", "at my desk", "computer work"}));
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(kb.str(kb.causes()[causes[0].cause].id), "desk-work");
  EXPECT_EQ(causes[0].mentions, 2u);
  EXPECT_TRUE(matched_causes(resolve(kb, {"temple"})).empty());
}

}  // namespace
}  // namespace tpx
