#include "tpx/suggest.h"

#include <algorithm>
#include <cstdlib>

namespace tpx {

namespace {

// The OSA recurrence over three rolling rows held in `rows` (3 * (m + 1)
// ints), so a short comparison allocates nothing. Only the band of cells
// within `limit` of the diagonal is computed: a cell further off is at least
// that far apart, so it holds `limit + 1` ("too far"), and a comparison costs
// n * (2 * limit + 1) steps, not n * m.
int osa(std::string_view a, std::string_view b, int limit, int* rows) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int far = limit + 1;
  // Three rolling rows: OSA needs the row before the previous one for swaps.
  int* prev2 = rows;
  int* prev = rows + (m + 1);
  int* cur = rows + 2 * (m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = std::min(j, far);
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - limit), hi = std::min(m, i + limit);
    cur[0] = std::min(i, far);
    if (lo > 1) cur[lo - 1] = far;  // left of the band, read by this row
    if (hi < m) cur[hi + 1] = far;  // right of it, read by the next row
    int row_min = lo == 1 ? cur[0] : far;
    for (int j = lo; j <= hi; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = std::min(v, far);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return far;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], far);
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Names and words are short: their rows fit on the stack. Only a long
  // text (a whole phrase) pays for memory.
  constexpr int kStackColumns = 128;
  if (m < kStackColumns) {
    int rows[3 * kStackColumns];
    return osa(a, b, limit, rows);
  }
  std::vector<int> rows(3 * static_cast<std::size_t>(m + 1));
  return osa(a, b, limit, rows.data());
}

std::string sound_key(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (std::string_view("aeiouy").find(c) != std::string_view::npos) continue;
    if (c == 'c' || c == 'q') c = 'k';
    if (c == 'z') c = 's';
    if (c == 'p' && i + 1 < w.size() && w[i + 1] == 'h') {
      c = 'f';
      ++i;
    }
    if (out.empty() || out.back() != c) out += c;
  }
  return out;
}

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates, int max_distance,
                                 std::size_t max_results) {
  struct Hit {
    int distance;
    std::size_t order;
  };
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    int d = edit_distance(word, candidates[i], max_distance);
    if (d <= max_distance) hits.push_back({d, i});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) { return x.distance < y.distance; });
  std::vector<std::string> out;
  for (const Hit& h : hits) {
    const std::string& c = candidates[h.order];
    if (std::find(out.begin(), out.end(), c) != out.end()) continue;
    out.push_back(c);
    if (out.size() == max_results) break;
  }
  return out;
}

}  // namespace tpx
