// "Did you mean": edit distance and nearest-name suggestions.
#ifndef TPX_SUGGEST_H_
#define TPX_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace tpx {

/// Optimal-string-alignment distance (insert, delete, substitute, swap two
/// neighbours), or `limit + 1` as soon as the distance must exceed `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

/// Up to `max_results` candidates within `max_distance` of `word`, nearest
/// first, ties in candidate order. Duplicates are returned once.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates, int max_distance,
                                 std::size_t max_results);

/// A rough sound key: consonants only, c/ck/q as k, ph as f, z as s, doubled
/// letters once. "sholder" and "shoulder" share "shldr"; "bak" and "back" "bk".
std::string sound_key(std::string_view word);

}  // namespace tpx

#endif  // TPX_SUGGEST_H_
