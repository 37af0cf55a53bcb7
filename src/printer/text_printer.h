// The text printer, for people: one class, its commands in three files
// (text_where.cc, text_card.cc for muscle and protocol cards, text_lookup.cc
// for area, cause and list).
#ifndef TPX_SRC_PRINTER_TEXT_PRINTER_H_
#define TPX_SRC_PRINTER_TEXT_PRINTER_H_

#include <string>
#include <string_view>

#include "printers.h"

namespace tpx::printer {

/// ANSI styles, or the text unchanged when colour is off. Colour is kept
/// for what a reader looks for first: names, the press point, cautions.
struct Style {
  bool on = false;
  std::string bold(std::string_view s) const;
  std::string dim(std::string_view s) const;
  std::string warn(std::string_view s) const;
};

/// The line under every answer that gives advice.
inline constexpr std::string_view kDisclaimer =
    "tpx is a reference, not medical advice. If pain is severe, lasting or unexplained, see a professional.";

/// A trigger point's name, or its id when it has none.
std::string_view tp_title(const Kb& kb, const image::TriggerPointRec& tp);

class TextPrinter final : public Printer {
 public:
  explicit TextPrinter(const PrintOptions& opt) : opt_(opt), st_{opt.color} {}

  void where(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking) override;
  void muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) override;
  void area(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<Referrer>& referrers) override;
  void causes(std::ostream& out, const Kb& kb, const Resolution& r, const std::vector<CauseMatch>& causes) override;
  void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) override;
  void list(std::ostream& out, const std::vector<ListEntry>& entries) override;

 private:
  void muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) const;
  void match(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, std::size_t rank) const;
  void explains(std::ostream& out, const Kb& kb, const Resolution& r, const Match& m) const;

  PrintOptions opt_;
  Style st_;
};

}  // namespace tpx::printer

#endif  // TPX_SRC_PRINTER_TEXT_PRINTER_H_
