// Resolving free-text phrases to KB terms: the first half of a query.
//
// Each phrase is normalised (normalize.h); words that match no vocabulary
// word are corrected to the nearest one when that is a likely slip (one edit
// keeping the first letter, or a word that sounds the same), never when it
// would turn one real word into another; then the longest alias matches are
// taken left to right, so one sentence can name several areas, symptoms and
// causes. Pain-quality and side words are recognised and reported but never
// block a match; a place whose own name holds one ("deep in the knee") keeps it. A phrase with no term is reported with
// suggestions. Every query is also screened for red flags (red_flags.h), which nothing can turn off.
#ifndef TPX_RESOLVE_H_
#define TPX_RESOLVE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tpx/image.h"
#include "tpx/limits.h"
#include "tpx/red_flags.h"

namespace tpx {

/// How a phrase part found its term.
enum class MatchHow { kExact, kPartial };

/// One term found in one phrase.
struct ResolvedTerm {
  std::size_t phrase;   ///< index into Resolution::query
  std::string matched;  ///< the normalised words that matched
  image::TermKind kind;
  std::uint32_t target;  ///< index of the area, symptom, region, cause, condition or muscle
  MatchHow how;
  std::string why;  ///< why these words made this term, for --explain and JSON
};

/// A word replaced by the nearest vocabulary word.
struct Correction {
  std::size_t phrase;
  std::string from, to;
};

/// A recognised word that describes the pain rather than its place.
struct Descriptor {
  std::size_t phrase;
  std::string word;
  std::string kind;  ///< "quality" or "side"
};

struct Unmatched {
  std::size_t phrase;
  std::vector<std::string> suggestions;  ///< labels of the nearest terms
};

struct Resolution {
  std::vector<std::string> query;
  std::vector<ResolvedTerm> terms;
  std::vector<Correction> corrections;
  std::vector<Descriptor> descriptors;
  std::vector<Unmatched> unmatched;
  std::vector<RedFlagHit> red_flags;  ///< screen_red_flags(): most urgent first
};

/// Why `phrase` cannot be a query phrase (empty, longer than kMaxPhraseBytes,
/// a control character, invalid UTF-8), or nullopt when it is fine.
std::optional<std::string> phrase_problem(std::string_view phrase);

/// Which kinds of term a query may resolve to, as a bit mask. A kind no
/// image is written with (a damaged file opened lazily, where terms are
/// not checked before they are read) is no kind a query asks for.
inline constexpr unsigned kind_bit(image::TermKind k) {
  const auto n = static_cast<unsigned>(k);
  return n < 32 ? 1u << n : 0;
}
inline constexpr unsigned kWhereKinds = kind_bit(image::TermKind::kArea) | kind_bit(image::TermKind::kSymptom) |
                                        kind_bit(image::TermKind::kRegion) | kind_bit(image::TermKind::kCause) |
                                        kind_bit(image::TermKind::kCondition) | kind_bit(image::TermKind::kMuscle);
inline constexpr unsigned kPlaceKinds = kind_bit(image::TermKind::kArea) | kind_bit(image::TermKind::kRegion);
inline constexpr unsigned kCauseKinds = kind_bit(image::TermKind::kCause);

/// Resolves `phrases` against `kb`, finding only terms of the `kinds` given.
Resolution resolve(const Kb& kb, const std::vector<std::string>& phrases, unsigned kinds = kWhereKinds);

/// Said with every condition a query names: the name is the person's, the
/// muscles are the ones that can cause or mimic that pain.
inline constexpr std::string_view kConditionNote = "a name is not a diagnosis: these muscles can cause similar pain";

/// The label of a resolved term ("Temple", "Stiff neck").
std::string_view term_label(const Kb& kb, image::TermKind kind, std::uint32_t target);
/// The id of a resolved term ("temple", "stiff-neck").
std::string_view term_id(const Kb& kb, image::TermKind kind, std::uint32_t target);
/// "area", "symptom", "region", "cause", "muscle" or "condition".
std::string_view term_kind_name(image::TermKind kind);
std::string_view match_how_name(MatchHow how);

}  // namespace tpx

#endif  // TPX_RESOLVE_H_
