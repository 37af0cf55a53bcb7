// What a shared cache directory, a sync tool (rsync -a, cp -p), an archive
// (tar x keeps modification times), a second tpx process and a hostile
// colleague can do to the image cache and to compiled KB files, each
// followed by a query of the built tpx that must give exactly the answer of
// a fresh, uncached load: never stale, never another KB's, never a crash
// or a hang. Issue 14; docs/limits.md ("Images and the cache").
//
// A case passes when the checked query exits as a fresh load does, with
// the same stdout (and the same stderr when that is an error).
//
// Each case is a bash snippet run between a first query (which stores the
// image) and the checked one, with these in its environment:
//   TPX      the built tpx            KB     the KB directory (a copy of kb-small)
//   OTHER    another KB: kb-small with "Temporalis" renamed "Temporaliz" (same size)
//   ROOT     a scratch directory      CACHE  the image directory ($XDG_CACHE_HOME/tpx)
//   IMG      the image the first query stored
// and these functions: q (the query, with a 20 s timeout), fresh (the same
// with --no-cache), same_mtimes (OTHER's files get KB's modification times).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <thread>

#include "run_tpx.h"

namespace {

namespace fs = std::filesystem;

struct Case {
  const char* name;
  const char* setup;        // run after the first query stored the image
  const char* query = "q";  // the checked query (its stdout is compared with a fresh load's)
  const char* check = "";   // more that must hold afterwards (exit 0)
};

// The prelude every case runs in; "$1" is the case's setup, "$2" its query,
// "$3" its check.
constexpr const char* kPrelude = R"sh(
set -u
q() { timeout 20 "$TPX" where temple "front of shoulder" --kb "$KB" --format json "$@"; }
fresh() { "$TPX" where temple "front of shoulder" --kb "$KB" --format json --no-cache; }
same_mtimes() { (cd "$KB" && find . -name '*.yaml' | while read -r f; do [ -e "$OTHER/$f" ] && touch -r "$f" "$OTHER/$f"; done); }
size() { stat -c %s "$1"; }
cp -r "$DATA/kb-small" "$KB"
cp -r "$DATA/kb-small" "$OTHER"
t="$OTHER/muscles/temporalis.yaml"
printf '%s\n' "$(sed 's/Temporalis/Temporaliz/' "$t")" > "$t"
# Older than the cache's racy window (100 ms), so the first query stores.
sleep 0.3
q > "$ROOT/first.json" || { echo "first query failed"; exit 1; }
IMG=$(ls "$CACHE"/*.tpxi 2>/dev/null | head -n 1)
[ -n "$IMG" ] || { echo "the first query stored no image"; exit 1; }
eval "$1" || { echo "setup failed"; exit 1; }
started=$(date +%s%N)
eval "$2" > "$ROOT/second.json" 2> "$ROOT/second.err"
code=$?
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
fresh > "$ROOT/fresh.json" 2> "$ROOT/fresh.err"
fresh_code=$?
echo "checked query: exit $code after $elapsed ms; stderr: $(head -c 300 "$ROOT/second.err")"
[ "$code" = "$fresh_code" ] || { echo "the checked query exited $code, a fresh load $fresh_code"; exit 1; }
[ "$code" = 0 ] || cmp -s "$ROOT/second.err" "$ROOT/fresh.err" || { echo "not a fresh load's errors"; exit 1; }
cmp -s "$ROOT/second.json" "$ROOT/fresh.json" || {
  echo "the answer differs from a fresh load's:"; diff "$ROOT/second.json" "$ROOT/fresh.json" | head -20; exit 1; }
eval "$3" || { echo "check failed"; exit 1; }
)sh";

const Case kCases[] = {
    // ---- The KB changed, its sizes and modification times kept ----
    {"SameSizeEditInPlaceWithMtimeRestored",
     R"x(f=$KB/muscles/temporalis.yaml; touch -r "$f" "$ROOT/ref"; sed -i.bak 's/Temporalis/Temporaliz/' "$f";
        touch -r "$ROOT/ref" "$f")x"},
    {"CpPreservingMtimeOverAFile",
     R"x(same_mtimes; cp -p "$OTHER/muscles/temporalis.yaml" "$KB/muscles/temporalis.yaml")x"},
    {"RsyncStyleTemporaryFileRenamedOverWithMtimeKept",
     R"x(same_mtimes; cp -p "$OTHER/muscles/temporalis.yaml" "$KB/muscles/.temporalis.yaml.Xa81";
        mv "$KB/muscles/.temporalis.yaml.Xa81" "$KB/muscles/temporalis.yaml")x"},
    {"TarExtractKeepingMtimes",
     R"x(same_mtimes; tar --format=posix -C "$OTHER" -cf "$ROOT/o.tar" muscles/temporalis.yaml && tar -C "$KB" -xf "$ROOT/o.tar")x"},
    {"TarExtractOfTheWholeKb",
     R"x(same_mtimes; tar --format=posix -C "$OTHER" -cf "$ROOT/o.tar" . && tar -C "$KB" -xf "$ROOT/o.tar")x"},
    {"KbDirectorySwappedForACopyWithTheSameSizesAndMtimes",
     R"x(same_mtimes; mv "$KB" "$ROOT/old-kb" && mv "$OTHER" "$KB")x"},
    {"KbDirectoryRecreatedWithCpA", R"x(same_mtimes; rm -rf "$KB" && cp -a "$OTHER" "$KB")x"},
    {"AFileRemoved", R"x(rm "$KB/muscles/pectoralis-major.yaml")x"},
    {"AFileAddedWithAnOldMtime",
     R"x(sed 's/^id: temporalis/id: temporalis-two/' "$KB/muscles/temporalis.yaml" > "$KB/muscles/temporalis-two.yaml";
        touch -d '2001-01-01' "$KB/muscles/temporalis-two.yaml")x"},
    {"EditedTwiceInQuickSuccession",
     R"x(f=$KB/muscles/temporalis.yaml; touch -r "$f" "$ROOT/ref"; sed -i 's/Temporalis/Temporaliy/' "$f";
        touch -r "$ROOT/ref" "$f"; q > /dev/null; sed -i 's/Temporaliy/Temporaliz/' "$f"; touch -r "$ROOT/ref" "$f")x"},

    // ---- Another image where the cache expects this KB's ----
    {"ImageOfAnotherKbCopiedOver",
     R"x("$TPX" where temple --kb "$OTHER" > /dev/null && o=$(ls "$CACHE"/*.tpxi | grep -vF "$IMG" | head -n 1) &&
        cp "$o" "$IMG")x"},
    {"ImageOfAnotherKbRenamedOver",
     R"x("$TPX" where temple --kb "$OTHER" > /dev/null && o=$(ls "$CACHE"/*.tpxi | grep -vF "$IMG" | head -n 1) &&
        mv "$o" "$IMG")x"},
    {"ImageOfAnEarlierStateRestoredAfterAnEdit",
     R"x(cp "$IMG" "$ROOT/old.img"; f=$KB/muscles/temporalis.yaml; sed -i 's/Temporalis/Temporaliz/' "$f";
        sleep 0.3; q > /dev/null; new=$(ls "$CACHE"/*.tpxi | head -n 1); cp "$ROOT/old.img" "$new")x"},
    {"CompiledFileOfAnotherKbAtTheImagePath", R"x("$TPX" compile "$OTHER" -o "$IMG" 2> /dev/null)x"},

    // ---- A damaged image ----
    {"ImageTruncatedToHalf", R"x(truncate -s $(( $(size "$IMG") / 2 )) "$IMG")x"},
    {"ImageTruncatedToZero", R"x(: > "$IMG")x"},
    {"ImageByteFlipped", R"x(printf '\377' | dd of="$IMG" bs=1 seek=3000 conv=notrunc 2> /dev/null)x"},
    {"ImageTrailerDamaged",
     R"x(printf 'X' | dd of="$IMG" bs=1 seek=$(( $(size "$IMG") - 20 )) conv=notrunc 2> /dev/null)x"},
    {"ImageGrownByOneByte", R"x(printf 'X' >> "$IMG")x"},

    // ---- Something other than an image at the image path ----
    {"FifoAtTheImagePath", R"x(rm "$IMG" && mkfifo "$IMG")x"},
    {"DirectoryAtTheImagePath", R"x(rm "$IMG" && mkdir "$IMG" && touch "$IMG/x")x"},
    {"SymlinkToAUserFileNeverWritten",
     R"x(echo precious > "$ROOT/victim" && rm "$IMG" && ln -s "$ROOT/victim" "$IMG")x", "q",
     R"x([ "$(cat "$ROOT/victim")" = precious ])x"},
    {"SymlinkToAnotherKbsImageNotFollowed",
     R"x("$TPX" where temple --kb "$OTHER" > /dev/null && o=$(ls "$CACHE"/*.tpxi | grep -vF "$IMG" | head -n 1) &&
        cp "$o" "$ROOT/planted.tpxi" && rm "$IMG" && ln -s "$ROOT/planted.tpxi" "$IMG" && cp "$o" "$ROOT/planted.orig")x",
     "q", R"x(cmp -s "$ROOT/planted.tpxi" "$ROOT/planted.orig")x"},
    {"SymlinkToDevZero", R"x(rm "$IMG" && ln -s /dev/zero "$IMG")x"},
    {"HugeSparseFileAtTheImagePath", R"x(rm "$IMG" && truncate -s 4G "$IMG")x", "q",
     R"x([ "$elapsed" -lt 5000 ] || { echo "took $elapsed ms"; false; })x"},
    {"SparseFileUnderTheLimitWithAValidHeader",
     R"x(head -c 4096 "$IMG" > "$ROOT/h" && truncate -s 900M "$ROOT/h" && mv "$ROOT/h" "$IMG")x", "q",
     R"x([ "$elapsed" -lt 5000 ] || { echo "took $elapsed ms"; false; })x"},

    // ---- The cache directory itself ----
    {"CacheDirectoryIsAFile", R"x(rm -rf "$CACHE" && echo x > "$CACHE")x"},
    {"CacheHomeIsAFile", R"x(rm -rf "$XDG_CACHE_HOME" && echo x > "$XDG_CACHE_HOME")x"},
    {"LeftoverTemporaryFilesOfAKilledTpx", R"x(head -c 100 "$IMG" > "$IMG.tmp.1.0badf00d")x"},
    {"FileSizeLimitDuringTheCacheWrite", R"x(rm -f "$CACHE"/*.tpxi)x", "(ulimit -f 4; q)",
     R"x([ -z "$(ls "$CACHE" | grep -v '^$')" ] || { ls -l "$CACHE"; false; })x"},

    // ---- Changes while tpx has the image open ----
    {"ImageRewrittenInPlaceDuringALongRun", "",
     R"x({ echo temple; sleep 1; echo temple; } | timeout 20 "$TPX" where --each --format json --kb "$KB" > "$ROOT/each.json" &
        sleep 0.5; head -c "$(size "$IMG")" /dev/urandom > "$IMG"; wait $! && q)x",
     R"x([ "$(wc -l < "$ROOT/each.json")" = 2 ] && [ "$(sed -n 1p "$ROOT/each.json")" = "$(sed -n 2p "$ROOT/each.json")" ])x"},
    {"ImageTruncatedDuringALongRun", "",
     R"x({ echo temple; sleep 1; echo temple; } | timeout 20 "$TPX" where --each --format json --kb "$KB" > "$ROOT/each.json" &
        sleep 0.5; : > "$IMG"; wait $! && q)x",
     R"x([ "$(wc -l < "$ROOT/each.json")" = 2 ] && [ "$(sed -n 1p "$ROOT/each.json")" = "$(sed -n 2p "$ROOT/each.json")" ])x"},
    {"CompiledFileRewrittenInPlaceDuringALongRun", R"x("$TPX" compile "$KB" -o "$ROOT/kb.tpxi" 2> /dev/null)x",
     R"x({ echo temple; sleep 1; echo temple; } |
          timeout 20 "$TPX" where --each --format json --kb "$ROOT/kb.tpxi" > "$ROOT/each.json" &
        sleep 0.5; cat "$ROOT/kb.tpxi" > "$ROOT/copy"; head -c 5000 /dev/urandom > "$ROOT/kb.tpxi"; wait $! && q)x",
     R"x([ "$(wc -l < "$ROOT/each.json")" = 2 ] && [ "$(sed -n 1p "$ROOT/each.json")" = "$(sed -n 2p "$ROOT/each.json")" ])x"},

    // ---- Other processes ----
    {"TenQueriesRacingAHostileWriter", "",
     R"x(for i in 1 2 3 4 5 6 7 8 9 10; do q > "$ROOT/race$i" & done;
        for i in 1 2 3 4 5 6 7 8 9 10; do head -c 20000 /dev/urandom > "$IMG.w" && mv "$IMG.w" "$IMG"; done;
        wait; q)x",
     R"x(for i in 1 2 3 4 5 6 7 8 9 10; do cmp -s "$ROOT/race$i" "$ROOT/fresh.json" || exit 1; done)x"},
    {"TwoKbsSharingACacheAlternate", "",
     R"x(for i in 1 2 3; do "$TPX" where temple --kb "$OTHER" --format json > "$ROOT/other$i"; q; done > /dev/null; q)x",
     R"x(grep -q Temporaliz "$ROOT/other3" && ! grep -q Temporaliz "$ROOT/second.json")x"},
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HostileCache : public testing::TestWithParam<Case> {};

// TPX_HOSTILE_BINARY runs the table against another build (a tpx without
// the fixes, to see each case fail).
TEST_P(HostileCache, AnswersAsAFreshLoadWould) {
  const Case& c = GetParam();
  const char* binary = std::getenv("TPX_HOSTILE_BINARY") ? std::getenv("TPX_HOSTILE_BINARY") : TPX_BINARY;
  const fs::path root = fs::temp_directory_path() / ("tpx-hostile-cache-" + std::to_string(::getpid()) + "-" + c.name);
  fs::remove_all(root);
  fs::create_directories(root);
  { std::ofstream(root / "case.sh") << kPrelude; }
  const std::string env = "TPX='" + std::string(binary) + "' DATA='" TPX_TEST_DATA_DIR "' ROOT='" + root.string() +
                          "' KB='" + (root / "kb").string() + "' OTHER='" + (root / "other").string() +
                          "' XDG_CACHE_HOME='" + (root / "cache").string() + "' CACHE='" +
                          (root / "cache" / "tpx").string() + "'";
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char ch : s) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return q + "'";
  };
  const std::string command = "env " + env + " bash " + (root / "case.sh").string() + " " + quote(c.setup) + " " +
                              quote(c.query) + " " + quote(c.check) + " > " + (root / "log").string() + " 2>&1";
  int status = std::system(command.c_str());
  std::ifstream log(root / "log");
  std::string text((std::istreambuf_iterator<char>(log)), {});
  EXPECT_EQ(status, 0) << c.name << "\n" << text;
  if (status == 0) fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileCache, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
