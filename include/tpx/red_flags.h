// Red flags: presentations that need a doctor, screened on every query.
//
// A flag is not a keyword. The catalogue (kb/red-flags.yaml, compiled into
// the image) names concepts, each a set of phrases a person may use for one
// idea (a site, a quality, a trigger such as exertion, a time course, a
// history), and flags, each a list of presentations: the concepts that must
// all be found, in any phrase of the query and in any order, and those that
// must not ("!post-exercise"). A phrase does not count when a negation comes
// just before it ("no swelling or redness", "it is not swollen") or when it
// lies inside one of its concept's everyday expressions ("fell asleep",
// "photo shoot"). Misspelt words are read as the nearest catalogue word
// when that is a likely slip. Screening never depends on what the resolver
// found, and nothing can turn it off. See docs/safety.md.
#ifndef TPX_RED_FLAGS_H_
#define TPX_RED_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/image.h"

namespace tpx {

/// One red flag (or caution) raised by a query.
struct RedFlagHit {
  std::uint32_t red_flag;  ///< index into Kb::red_flags()
  std::size_t phrase;      ///< the phrase where its presentation was first seen
};

/// The red flags and cautions `phrases` raise, each once, most urgent first
/// (then in catalogue order), without those a raised flag covers.
std::vector<RedFlagHit> screen_red_flags(const Kb& kb, const std::vector<std::string>& phrases);

/// The key a concept phrase is stored and matched as: its folded words
/// (normalize.h, filler kept), with "{age}" and "{number}" as placeholders.
std::string red_flag_key(std::string_view phrase);

/// "emergency", "urgent", "soon" or "caution".
std::string_view urgency_name(image::Urgency u);
std::optional<image::Urgency> parse_urgency(std::string_view word);

}  // namespace tpx

#endif  // TPX_RED_FLAGS_H_
