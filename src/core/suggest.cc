#include "tpx/suggest.h"

#include <algorithm>
#include <cstdlib>

namespace tpx {

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rolling rows: OSA needs the row before the previous one for swaps.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
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

std::vector<std::string> closest(std::string_view word,
                                 const std::vector<std::string>& candidates,
                                 int max_distance, std::size_t max_results) {
  struct Hit {
    int distance;
    std::size_t order;
  };
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    int d = edit_distance(word, candidates[i], max_distance);
    if (d <= max_distance) hits.push_back({d, i});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    return x.distance < y.distance;
  });
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
