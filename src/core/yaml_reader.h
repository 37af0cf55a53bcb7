// Private: reading one YAML file into nodes, with positioned diagnostics.
//
// yaml-cpp's Mark is 0-based and its messages carry no file name; this
// reader adds 1 and the path. It also screens the raw bytes before yaml-cpp
// sees them (size, NUL bytes, invalid UTF-8, a byte-order mark, tabs used for
// indentation, runaway flow nesting), so hostile files fail fast and clearly.
#ifndef TPX_SRC_CORE_YAML_READER_H_
#define TPX_SRC_CORE_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/diagnostic.h"
#include "tpx/model.h"

namespace tpx::detail {

class YamlReader {
 public:
  YamlReader(int file_index, std::string display, std::vector<Diagnostic>& out)
      : file_(file_index), display_(std::move(display)), out_(out) {}

  /// Screens and parses `text`; nullopt (with a diagnostic) on failure.
  std::optional<YAML::Node> parse(std::string_view text);

  Pos pos(const YAML::Node& n) const;
  void error(const YAML::Node& at, std::string message);
  void error_at(int line, int column, std::string message);

  /// Checks that `n` is a mapping with only `allowed` keys (suggesting the
  /// nearest one for a misspelt key), no duplicate keys and every `required`
  /// key present. `what` names the entry in messages. False when not a map.
  bool check_map(const YAML::Node& n, std::initializer_list<std::string_view> allowed,
                 std::initializer_list<std::string_view> required, std::string_view what);

  /// Optional scalar fields: absent or null leaves `out` unchanged.
  void read(const YAML::Node& map, const char* key, std::string& out);
  void read(const YAML::Node& map, const char* key, Text& out);
  /// Optional list-of-scalars fields.
  void read(const YAML::Node& map, const char* key, std::vector<std::string>& out);
  void read(const YAML::Node& map, const char* key, std::vector<Text>& out);

  /// A scalar node as Text; reports a type error and returns false otherwise.
  bool scalar(const YAML::Node& n, std::string_view what, Text& out);

 private:
  bool screen(std::string_view text);
  void add(Severity s, Pos p, std::string message);

  int file_;
  std::string display_;
  std::vector<Diagnostic>& out_;
};

/// A short noun for a node's kind, for "expected a list, found a mapping".
std::string_view node_kind(const YAML::Node& n);

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_YAML_READER_H_
