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

}  // namespace
}  // namespace tpx
