// Shared by the fuzz targets: everything a CLI command does with an opened
// KB and a list of phrases, with the output discarded. A crash, a sanitizer
// report or a hang anywhere in here is a finding.
#ifndef TPX_TESTS_FUZZ_EXERCISE_H_
#define TPX_TESTS_FUZZ_EXERCISE_H_

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/image.h"
#include "tpx/limits.h"
#include "tpx/lookup.h"
#include "tpx/normalize.h"
#include "tpx/printer.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"

namespace tpx_fuzz {

/// Splits `data` into phrases at newlines, as `tpx where -` reads stdin, and
/// keeps the ones the CLI would accept (phrase_problem() is its gate).
inline std::vector<std::string> phrases_of(std::string_view data) {
  std::vector<std::string> out;
  while (!data.empty() && out.size() < tpx::kMaxPhrases) {
    std::size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    if (line.size() > tpx::kMaxPhraseBytes) continue;
    std::string phrase(line);
    if (!tpx::phrase_problem(phrase)) out.push_back(std::move(phrase));
  }
  return out;
}

/// Runs where/area/cause/muscle/protocol (and list, when `lists`) against
/// `kb`, in every format.
inline void exercise(const tpx::Kb& kb, const std::vector<std::string>& phrases, bool lists = true) {
  using namespace tpx;
  std::ostringstream sink;
  const PrintOptions plain{}, rich{true, true, true, 60};
  const std::vector<Format> formats = {Format::kText, Format::kJson, Format::kTsv, Format::kIds};
  auto printer = [&](Format f) { return make_printer(f, f == Format::kText ? rich : plain); };
  if (!phrases.empty()) {
    Resolution r = resolve(kb, phrases);
    Ranking ranking = rank(kb, r, 10);
    for (Format f : formats) printer(f)->where(sink, kb, r, ranking);
    for (const Match& m : ranking.matches) (void)press_points(kb, m);

    Resolution places = resolve(kb, phrases, kPlaceKinds);
    std::vector<Referrer> referrers = area_referrers(kb, places);
    if (!places.terms.empty()) {
      for (Format f : formats) printer(f)->area(sink, kb, places, referrers);
    }
    Resolution causes = resolve(kb, phrases, kCauseKinds);
    std::vector<CauseMatch> cm = matched_causes(causes);
    for (Format f : formats) printer(f)->causes(sink, kb, causes, cm);

    MuscleLookup muscle = find_muscle(kb, phrases.front());
    if (muscle.muscle) {
      for (Format f : formats) printer(f)->muscles(sink, kb, {*muscle.muscle});
    }
    ProtocolLookup protocol = find_protocol(kb, phrases.front());
    if (protocol.protocol) {
      for (Format f : formats) printer(f)->protocol(sink, kb, *protocol.protocol);
      (void)protocol_users(kb, *protocol.protocol);
    }
  }
  if (!lists) return;
  for (ListKind k : {ListKind::kMuscles, ListKind::kAreas, ListKind::kSymptoms, ListKind::kCauses, ListKind::kProtocols,
                     ListKind::kRegions, ListKind::kRedFlags}) {
    make_printer(Format::kJson, plain)->list(sink, list_entries(kb, k));
  }
}

}  // namespace tpx_fuzz

#endif  // TPX_TESTS_FUZZ_EXERCISE_H_
