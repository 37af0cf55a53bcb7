// Printers: one query result, several formats. The query runs once; the
// format only picks the printer. Printers write to a caller's stream and
// never decide exit codes or touch the terminal themselves.
//
// Contracts: docs/json-output.md (JSON, versioned), docs/usage.md (TSV
// columns). Text is for people and may change between versions.
#ifndef TPX_RENDER_H_
#define TPX_RENDER_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "tpx/image.h"
#include "tpx/lookup.h"
#include "tpx/rank.h"
#include "tpx/resolve.h"

namespace tpx {

/// Version of the JSON and TSV layouts; fields are added, never renamed.
inline constexpr int kOutputVersion = 1;

enum class Format { kText, kJson, kTsv, kIds };

/// "text", "json", "tsv", "ids", or nullopt.
std::optional<Format> parse_format(std::string_view word);

struct RenderOptions {
  bool color = false;    ///< ANSI styles in text output
  bool explain = false;  ///< score parts in text output
  bool header = false;   ///< a header row in TSV output
};

/// `tpx where`: the ranked answer to a resolved query.
void render_where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, Format format,
                  const RenderOptions& opt);

/// Red-flag warnings for people, most urgent first, an emergency with a
/// leading line of its own; cautions as notes.
void render_warnings(std::ostream& out, const Kb& kb, const Resolution& r, const RenderOptions& opt);

/// Red-flag warnings (render_warnings), then corrections and unmatched
/// phrases, one per line (text mode writes these to stderr, before the results).
void render_notices(std::ostream& out, const Kb& kb, const Resolution& r, const RenderOptions& opt);

/// `tpx muscle`: one muscle's full card.
void render_muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle, Format format, const RenderOptions& opt);

/// `tpx area`: every muscle referring to the resolved areas, primary first.
void render_area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers,
                 Format format, const RenderOptions& opt);

/// `tpx cause`: the matched causes with advice and the muscles they overload.
void render_causes(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<CauseMatch>& causes,
                   Format format, const RenderOptions& opt);

/// `tpx protocol`: one protocol's steps, dose, cautions and users.
void render_protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol, Format format,
                     const RenderOptions& opt);

/// `tpx list`: id<TAB>label lines, ids, JSON lines or the TSV.
void render_list(std::ostream& out, const std::vector<ListEntry>& entries, Format format, const RenderOptions& opt);

namespace detail {
void render_where_text(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                       const RenderOptions& opt);
void render_where_json(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking);
void render_where_tsv(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                      const RenderOptions& opt);
void render_muscle_text(std::ostream& out, const Kb& kb, std::uint32_t muscle, const RenderOptions& opt);
void render_muscle_json(std::ostream& out, const Kb& kb, std::uint32_t muscle);
/// TSV field escaping: backslash, tab, newline and carriage return.
std::string tsv_escape(std::string_view s);
}  // namespace detail

}  // namespace tpx

#endif  // TPX_RENDER_H_
