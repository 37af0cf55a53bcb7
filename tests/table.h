// Shared by the quality tables (acceptance, safety): reading a TSV of cases.
#ifndef TPX_TESTS_TABLE_H_
#define TPX_TESTS_TABLE_H_

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace tpx::test {

/// `s` cut at every `sep`.
inline std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  for (std::size_t start = 0;;) {
    std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}

/// The rows of a cases file (no blank or '#' lines), each cut at tabs and
/// with its line number; a row without `columns` columns fails the test.
struct Row {
  std::vector<std::string> cols;
  int line;
};
inline std::vector<Row> read_table(const std::string& path, std::size_t columns) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, "\t");
    EXPECT_EQ(cols.size(), columns) << path << ":" << n << ": expected " << columns << " tab-separated columns";
    if (cols.size() == columns) rows.push_back({std::move(cols), n});
  }
  return rows;
}

}  // namespace tpx::test

#endif  // TPX_TESTS_TABLE_H_
