// The printer layer (tpx::printer): turns the core's values into output.
//
// The core answers a query with values (a Resolution, a Ranking, referrers,
// causes, ids); a Printer writes one command's answer in one format. There
// is one printer per format, each implementing every command, and one
// place, make_printer(), that picks it. Printers write to the stream they
// are given and never decide exit codes, read the environment or print
// notices: the caller says how wide the page is and whether to colour.
//
// Contracts: docs/json-output.md (JSON, versioned) and docs/usage.md (TSV
// columns). Text is for people and may change between versions. Only the
// JSON printer uses nlohmann-json, and only inside this library.
#ifndef TPX_PRINTER_H_
#define TPX_PRINTER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
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

struct PrintOptions {
  bool color = false;      ///< ANSI styles in text output
  bool explain = false;    ///< score parts in text output
  bool header = false;     ///< a header row in TSV output
  std::size_t width = 80;  ///< text wraps at this many columns; 0 never wraps
  /// Text `where`: at most how many matches are shown whole, fewer when
  /// that would run past a page of 80 lines (the rest of the ranking is
  /// named in one paragraph); 0 shows every match whole.
  std::size_t detail = 0;
};

/// One format's printer. Each call writes one command's complete answer.
class Printer {
 public:
  virtual ~Printer() = default;

  /// `tpx where`: the ranked answer to a resolved query.
  virtual void where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) = 0;
  /// `tpx muscle`: each muscle's full card, in the order given.
  virtual void muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) = 0;
  /// `tpx area`: every muscle referring to the resolved places, primary first.
  virtual void area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) = 0;
  /// `tpx cause`: the matched causes with advice and the muscles they overload.
  virtual void causes(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<CauseMatch>& causes) = 0;
  /// `tpx protocol`: one protocol's steps, dose, cautions and users.
  virtual void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) = 0;
  /// `tpx list`: one entry per line (text and TSV: id<TAB>label).
  virtual void list(std::ostream& out, const std::vector<ListEntry>& entries) = 0;
};

/// `s` as one TSV field: backslash, tab, newline and carriage return written
/// as \\, \t, \n and \r, as every TSV printer writes its fields.
std::string tsv_field(std::string_view s);

/// The printer for `format`: the one place a format is turned into code.
std::unique_ptr<Printer> make_printer(Format format, const PrintOptions& opt);

}  // namespace tpx

#endif  // TPX_PRINTER_H_
