#include "tpx/suggest.h"

#include <gtest/gtest.h>

namespace tpx {
namespace {

TEST(EditDistance, CountsEditsIncludingSwaps) {
  EXPECT_EQ(edit_distance("temple", "temple", 3), 0);
  EXPECT_EQ(edit_distance("temle", "temple", 3), 1);
  EXPECT_EQ(edit_distance("tmeple", "temple", 3), 1);  // a swap is one edit
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3);
}

TEST(EditDistance, StopsPastTheLimit) {
  EXPECT_EQ(edit_distance("abc", "xyzxyz", 2), 3);
  EXPECT_EQ(edit_distance("shoulder", "ankle", 1), 2);
}

TEST(Closest, ReturnsNearestFirstWithinDistance) {
  std::vector<std::string> names = {"temple", "templar", "forehead", "tempe"};
  EXPECT_EQ(closest("tempel", names, 2, 3), (std::vector<std::string>{"temple", "tempe"}));
  EXPECT_TRUE(closest("knee", names, 1, 3).empty());
}

}  // namespace
}  // namespace tpx
