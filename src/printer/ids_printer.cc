// The ids printer: one kebab-case id per line, for xargs and shell loops
// (escaped like everything printed: a hostile KB's id cannot drive the terminal).
#include "printers.h"
#include "tpx/escape.h"

namespace tpx::printer {
namespace {

class IdsPrinter final : public Printer {
 public:
  void where(std::ostream& out, const Kb& kb, const Resolution&, const Ranking& ranking) override {
    for (const Match& m : ranking.matches) out << visible(kb.str(kb.muscles()[m.muscle].id)) << '\n';
  }

  void muscles(std::ostream& out, const Kb& kb, const std::vector<std::uint32_t>& muscles) override {
    for (std::uint32_t m : muscles) out << visible(kb.str(kb.muscles()[m].id)) << '\n';
  }

  void area(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<Referrer>& referrers) override {
    for (const Referrer& x : referrers) out << visible(kb.str(kb.muscles()[x.muscle].id)) << '\n';
  }

  void causes(std::ostream& out, const Kb& kb, const Resolution&, const std::vector<CauseMatch>& causes) override {
    for (const CauseMatch& c : causes) out << visible(kb.str(kb.causes()[c.cause].id)) << '\n';
  }

  void protocol(std::ostream& out, const Kb& kb, std::uint32_t protocol) override {
    out << visible(kb.str(kb.protocols()[protocol].id)) << '\n';
  }

  void list(std::ostream& out, const std::vector<ListEntry>& entries) override {
    for (const ListEntry& e : entries) out << visible(e.id) << '\n';
  }
};

}  // namespace

std::unique_ptr<Printer> make_ids_printer(const PrintOptions&) { return std::make_unique<IdsPrinter>(); }

}  // namespace tpx::printer
