// The text printer, for people: one class, its commands in three files
// (text_where.cc, text_card.cc for muscle and protocol cards, text_lookup.cc
// for area, cause and list). Every KB or query string it prints goes
// through visible(), then is wrapped to the page width.
#ifndef TPX_SRC_PRINTER_TEXT_PRINTER_H_
#define TPX_SRC_PRINTER_TEXT_PRINTER_H_

#include <string>
#include <string_view>

#include "printers.h"
#include "tpx/escape.h"
#include "wrap.h"

namespace tpx::printer {

/// ANSI styles, or the text unchanged when colour is off. Colour is kept
/// for what a reader looks for first: names, the press point, cautions.
struct Style {
  bool on = false;
  std::string bold(std::string_view s) const;
  std::string dim(std::string_view s) const;
  std::string press(std::string_view s) const;
  std::string warn(std::string_view s) const;
};

/// The line under every answer that gives advice.
inline constexpr std::string_view kDisclaimer =
    "Not medical advice: see a professional for severe, lasting or unexplained pain.";

/// The lines of one page: text `where` shows fewer matches whole rather
/// than run past it (PrintOptions::detail).
inline constexpr std::size_t kPageLines = 80;

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
  /// One wrapped paragraph: `lead` (already escaped and styled), then
  /// `text` (escaped here), further lines indented by `hang`.
  void para(std::ostream& out, std::string_view lead, std::string_view text, std::size_t hang) const {
    paragraph(out, lead, visible(text), hang, opt_.width);
  }
  void muscle(std::ostream& out, const Kb& kb, std::uint32_t muscle) const;
  /// `where` with the first `detail` matches whole (0: all).
  void where_page(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking,
                  std::size_t detail) const;
  void match(std::ostream& out, const Kb& kb, const Resolution& r, const Ranking& ranking, std::size_t rank,
             char method) const;
  void explains(std::ostream& out, const Kb& kb, const Resolution& r, const Match& m) const;
  void others(std::ostream& out, const Kb& kb, const Ranking& ranking, std::size_t from) const;
  void steps(std::ostream& out, const Kb& kb, const image::ProtocolRec& p, std::size_t indent) const;

  PrintOptions opt_;
  Style st_;
};

}  // namespace tpx::printer

#endif  // TPX_SRC_PRINTER_TEXT_PRINTER_H_
