// The one place that turns a format into a printer.
#include "printers.h"

namespace tpx {

std::optional<Format> parse_format(std::string_view word) {
  if (word == "text") return Format::kText;
  if (word == "json") return Format::kJson;
  if (word == "tsv") return Format::kTsv;
  if (word == "ids") return Format::kIds;
  return std::nullopt;
}

std::unique_ptr<Printer> make_printer(Format format, const PrintOptions& opt) {
  switch (format) {
    case Format::kText: return printer::make_text_printer(opt);
    case Format::kJson: return printer::make_json_printer(opt);
    case Format::kTsv: return printer::make_tsv_printer(opt);
    case Format::kIds: return printer::make_ids_printer(opt);
  }
  return printer::make_text_printer(opt);
}

}  // namespace tpx
