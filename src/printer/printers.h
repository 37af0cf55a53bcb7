// Inside the printer layer: the concrete printers make_printer() picks
// from, one per format, and what more than one of them needs.
#ifndef TPX_SRC_PRINTER_PRINTERS_H_
#define TPX_SRC_PRINTER_PRINTERS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tpx/printer.h"

namespace tpx::printer {

std::unique_ptr<Printer> make_text_printer(const PrintOptions& opt);
std::unique_ptr<Printer> make_json_printer(const PrintOptions& opt);
std::unique_ptr<Printer> make_tsv_printer(const PrintOptions& opt);
std::unique_ptr<Printer> make_ids_printer(const PrintOptions& opt);

/// `tpx list` as id<TAB>label rows (the text and TSV printers share it).
void print_list_tsv(std::ostream& out, const std::vector<ListEntry>& entries, bool header);

}  // namespace tpx::printer

#endif  // TPX_SRC_PRINTER_PRINTERS_H_
