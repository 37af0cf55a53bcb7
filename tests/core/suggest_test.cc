#include "tpx/suggest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

// Short texts are compared on the stack, long ones on the heap: both give
// the same distances, on either side of the boundary (128 columns).
TEST(EditDistance, LongTextsAsShortOnes) {
  for (std::size_t n : {126u, 127u, 128u, 129u, 500u}) {
    std::string a(n, 'a'), b = a;
    b[n / 2] = 'b';
    std::swap(b[1], b[2]);
    b[1] = 'c';
    EXPECT_EQ(edit_distance(a, b, 3), 2) << n;
    EXPECT_EQ(edit_distance(a, a + "xy", 3), 2) << n;
    EXPECT_EQ(edit_distance(a, b + "xyzw", 3), 4) << n;  // past the limit
  }
}

// The banded computation against the whole table, on random short words
// over a small alphabet (so near misses and swaps are common).
TEST(EditDistance, BandedAsTheWholeTable) {
  auto full = [](const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i)
      for (std::size_t j = 1; j <= m; ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[n][m];
  };
  unsigned seed = 3;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int k = 0; k < 20000; ++k) {
    std::string a(next() % 9, 'a'), b(next() % 9, 'a');
    for (char& c : a) c = static_cast<char>('a' + next() % 3);
    for (char& c : b) c = static_cast<char>('a' + next() % 3);
    const int limit = static_cast<int>(next() % 4);
    EXPECT_EQ(edit_distance(a, b, limit), std::min(full(a, b), limit + 1)) << a << " " << b << " " << limit;
  }
}

}  // namespace
}  // namespace tpx
