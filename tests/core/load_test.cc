// One test per kind of KB error, each asserting the position and the words a
// KB author sees.
#include "tpx/load.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "read_file.h"
#include "test_kb.h"

namespace tpx {
namespace {

const char* kVocabulary[][2] = {
    {"regions.yaml", "- id: head\n  label: Head\n  aliases: [head]\n"},
    {"areas.yaml", "- id: temple\n  label: Temple\n  region: head\n  aliases: [temples, side of forehead]\n"},
    {"symptoms.yaml", "- id: stiff-neck\n  label: Stiff neck\n"},
    {"causes.yaml", "- id: desk-work\n  label: Desk work\n  advice: Take breaks.\n"},
    {"protocols.yaml", "- id: self-release\n  name: Self-release\n  steps: [Press., Release.]\n  dose: 60 s\n"},
    {"red-flags.yaml",
     "- concept: numb\n  phrases: [numb]\n- id: numb\n  label: Numbness\n  urgency: soon\n  message: Get it checked.\n"
     "  presentations: [[numb]]\n"},
};

constexpr const char* kMuscle =
    "id: temporalis\n"
    "name: Temporalis\n"
    "region: head\n"
    "location: Over the temple.\n"
    "trigger_points:\n"
    "  - id: front\n"
    "    location: Behind the eyebrow.\n"
    "    refers:\n"
    "      primary: [temple]\n"
    "protocols: [self-release]\n"
    "sources: [T&S ch. 9]\n";

// Loads the vocabulary plus one muscle file with the given text.
LoadResult load_with_muscle(const std::string& text, const std::string& rel = "muscles/temporalis.yaml") {
  std::vector<Source> sources;
  for (const auto& [rel_path, body] : kVocabulary) sources.push_back({rel_path, std::string("kb/") + rel_path, body});
  sources.push_back({rel, "kb/" + rel, text});
  return load_sources(sources);
}

std::vector<std::string> errors(const LoadResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == Severity::kError) out.push_back(format_diagnostic(d));
  }
  return out;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(Load, AValidKbHasNoDiagnostics) {
  LoadResult r = load_with_muscle(kMuscle);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.model.muscles.size(), 1u);
  EXPECT_EQ(r.model.muscles[0].trigger_points[0].primary[0].value, "temple");
}

// The red-flag catalogue: concepts, and flags whose presentations name them.
TEST(Load, RedFlagCatalogueErrorsNameTheEntry) {
  std::vector<Source> sources;
  for (const auto& [rel_path, body] : kVocabulary)
    if (std::string(rel_path) != "red-flags.yaml") sources.push_back({rel_path, std::string("kb/") + rel_path, body});
  sources.push_back({"muscles/temporalis.yaml", "kb/muscles/temporalis.yaml", kMuscle});
  sources.push_back({"red-flags.yaml", "kb/red-flags.yaml",
                     "- concept: numb\n  phrases: [numb]\n"
                     "- id: numb\n  label: Numbness\n  urgency: later\n  message: Get it checked.\n"
                     "  presentations: [[numbb], ['!numb']]\n"});
  EXPECT_EQ(errors(load_sources(sources)),
            (std::vector<std::string>{
                "kb/red-flags.yaml:5:12: error: unknown urgency 'later'; expected emergency, urgent, soon or caution",
                "kb/red-flags.yaml:7:20: error: unknown red-flag concept 'numbb'; did you mean 'numb'?",
                "kb/red-flags.yaml:7:29: error: a presentation needs at least one concept that must be found (not only "
                "'!' ones)"}));
}

TEST(Load, MissingRequiredField) {
  LoadResult r = load_with_muscle(replace(kMuscle, "location: Over the temple.\n", ""));
  EXPECT_EQ(errors(r), std::vector<std::string>{
                           "kb/muscles/temporalis.yaml:1:1: error: muscle is missing required key 'location'"});
}

TEST(Load, WrongType) {
  LoadResult r = load_with_muscle(replace(kMuscle, "name: Temporalis", "name: [Temporalis]"));
  EXPECT_EQ(errors(r), std::vector<std::string>{
                           "kb/muscles/temporalis.yaml:2:7: error: 'name' must be a single value, found a list"});
}

TEST(Load, UnknownKeySuggestsTheNearest) {
  LoadResult r = load_with_muscle(replace(kMuscle, "sources:", "sorces:"));
  EXPECT_EQ(errors(r),
            (std::vector<std::string>{
                "kb/muscles/temporalis.yaml:11:1: error: unknown key 'sorces' in muscle; did you mean 'sources'?",
                "kb/muscles/temporalis.yaml:1:1: error: muscle is missing required key 'sources'"}));
}

TEST(Load, DuplicateIdNamesTheFirstDefinition) {
  std::vector<Source> sources;
  for (const auto& [rel, body] : kVocabulary) sources.push_back({rel, std::string("kb/") + rel, body});
  sources[1].text += "- id: temple\n  label: Temple again\n  region: head\n";
  sources.push_back({"muscles/temporalis.yaml", "kb/muscles/temporalis.yaml", kMuscle});
  LoadResult r = load_sources(sources);
  EXPECT_EQ(errors(r), std::vector<std::string>{
                           "kb/areas.yaml:5:7: error: duplicate area id 'temple' (first defined at kb/areas.yaml:1)"});
}

TEST(Load, DanglingReferenceSuggestsTheNearestId) {
  LoadResult r = load_with_muscle(replace(kMuscle, "primary: [temple]", "primary: [tempel]"));
  EXPECT_EQ(errors(r), std::vector<std::string>{
                           "kb/muscles/temporalis.yaml:9:17: error: unknown area 'tempel'; did you mean 'temple'?"});
}

TEST(Load, YamlSyntaxErrorHasItsPosition) {
  LoadResult r = load_with_muscle(replace(kMuscle, "name: Temporalis", "name: [Temporalis"));
  ASSERT_EQ(errors(r).size(), 1u);
  EXPECT_EQ(errors(r)[0].rfind("kb/muscles/temporalis.yaml:", 0), 0u) << errors(r)[0];
  EXPECT_NE(errors(r)[0].find("error: YAML syntax:"), std::string::npos) << errors(r)[0];
  EXPECT_FALSE(r.ok());
}

TEST(Load, DuplicateKeyIsAnError) {
  LoadResult r = load_with_muscle(replace(kMuscle, "region: head\n", "region: head\nregion: head\n"));
  EXPECT_EQ(errors(r),
            std::vector<std::string>{"kb/muscles/temporalis.yaml:4:1: error: duplicate key 'region' in muscle"});
}

TEST(Load, EmptyRequiredValues) {
  LoadResult r = load_with_muscle(
      replace(replace(kMuscle, "sources: [T&S ch. 9]", "sources: []"), "name: Temporalis", "name: \"  \""));
  EXPECT_EQ(errors(r), (std::vector<std::string>{
                           "kb/muscles/temporalis.yaml:2:7: error: 'name' of muscle must not be empty",
                           "kb/muscles/temporalis.yaml:11:10: error: 'sources' of muscle must not be empty"}));
}

TEST(Load, IdMustMatchFileName) {
  LoadResult r = load_with_muscle(kMuscle, "muscles/temporal.yaml");
  EXPECT_EQ(
      errors(r),
      std::vector<std::string>{
          "kb/muscles/temporal.yaml:1:5: error: muscle id 'temporalis' must match its file name 'temporal.yaml'"});
}

TEST(Load, IdsMustBeKebabCase) {
  LoadResult r = load_with_muscle(
      replace(replace(kMuscle, "id: temporalis", "id: Temporalis Muscle"), "- id: front", "- id: front"),
      "muscles/Temporalis Muscle.yaml");
  ASSERT_FALSE(errors(r).empty());
  EXPECT_EQ(errors(r)[0],
            "kb/muscles/Temporalis Muscle.yaml:1:5: error: muscle id 'Temporalis Muscle' must be kebab-case: "
            "lowercase letters, digits and single hyphens");
}

TEST(Load, BadRelatedReasonAndSelfReference) {
  LoadResult r = load_with_muscle(std::string(kMuscle) + "related:\n  - id: temporalis\n    reason: satelite\n");
  EXPECT_EQ(errors(r),
            (std::vector<std::string>{
                "kb/muscles/temporalis.yaml:13:9: error: a muscle cannot be related to itself",
                "kb/muscles/temporalis.yaml:14:13: error: unknown related reason 'satelite'; expected one of "
                "satellite, same-pain-zone, shares-posture, synergist, antagonist (did you mean 'satellite'?)"}));
}

TEST(Load, HostileBytesAreRefusedWithAPosition) {
  EXPECT_EQ(errors(load_with_muscle(std::string("id: te\0mporalis\n", 16)))[0],
            "kb/muscles/temporalis.yaml:1:7: error: file contains a NUL byte; it is not a text file");
  EXPECT_EQ(errors(load_with_muscle("name: \xff\n"))[0],
            "kb/muscles/temporalis.yaml:1:7: error: invalid UTF-8 byte 0xFF");
  EXPECT_EQ(errors(load_with_muscle("\xEF\xBB\xBFid: temporalis\n"))[0],
            "kb/muscles/temporalis.yaml:1:1: error: file starts with a byte-order mark; save it as UTF-8 without BOM");
  EXPECT_EQ(errors(load_with_muscle("id: temporalis\ntrigger_points:\n\t- id: x\n"))[0],
            "kb/muscles/temporalis.yaml:3:1: error: tab used for indentation; YAML indents with spaces");
  EXPECT_EQ(errors(load_with_muscle(std::string(100, '[')))[0],
            "kb/muscles/temporalis.yaml:1:65: error: nesting deeper than 64 levels");
  EXPECT_EQ(errors(load_with_muscle(""))[0], "kb/muscles/temporalis.yaml:1:1: error: empty muscle file");
}

TEST(Load, DirectoryProblemsAreDiagnostics) {
  LoadResult r = load_directory(test::data_dir() + "/no-such-kb");
  EXPECT_EQ(errors(r).front(), test::data_dir() + "/no-such-kb: error: KB directory not found");
}

TEST(Load, BrokenFixtureReportsFileLineColumn) {
  LoadResult r = load_directory(test::data_dir() + "/kb-broken");
  EXPECT_EQ(errors(r), std::vector<std::string>{
                           test::data_dir() + "/kb-broken/muscles/trapezius.yaml:11:17: error: unknown area 'tempel'; "
                                              "did you mean 'temple'?"});
}

TEST(Load, RealKbIsValid) {
  LoadResult r = load_directory(TPX_SOURCE_KB_DIR);
  EXPECT_EQ(errors(r), std::vector<std::string>{});
  EXPECT_GE(r.model.muscles.size(), 28u);
}

}  // namespace
}  // namespace tpx

namespace tpx {
namespace {

// A condition with the temporalis; `muscles` and `areas` as given.
LoadResult load_with_condition(const std::string& body) {
  std::vector<Source> sources;
  for (const auto& [rel_path, text] : kVocabulary) sources.push_back({rel_path, std::string("kb/") + rel_path, text});
  sources.push_back({"muscles/temporalis.yaml", "kb/muscles/temporalis.yaml", kMuscle});
  sources.push_back({"conditions.yaml", "kb/conditions.yaml", body});
  return load_sources(sources);
}

TEST(LoadConditions, AValidConditionLoads) {
  LoadResult r = load_with_condition(
      "- id: tension-headache\n  label: Tension headache\n  aliases: [tension headache]\n  areas: [temple]\n"
      "  muscles: [temporalis]\n  caveat: A caveat.\n  sources: [T&S ch. 9]\n");
  EXPECT_EQ(errors(r), std::vector<std::string>{});
  ASSERT_EQ(r.model.conditions.size(), 1u);
  EXPECT_EQ(r.model.conditions[0].muscles[0].value, "temporalis");
  EXPECT_EQ(r.model.conditions[0].caveat, "A caveat.");
}

TEST(LoadConditions, AMuscleMustShowTheConditionInItsOwnFile) {
  LoadResult r = load_with_condition(
      "- id: stiff\n  label: Stiff\n  aliases: [stiffness]\n  symptoms: [stiff-neck]\n"
      "  muscles: [temporalis]\n  sources: [T&S]\n");
  EXPECT_EQ(errors(r), std::vector<std::string>{"kb/conditions.yaml:5:13: error: muscle 'temporalis' of condition "
                                                "'stiff' neither refers pain to its areas nor lists its symptoms"});
}

TEST(LoadConditions, MusclesAndSourcesAreRequired) {
  LoadResult r = load_with_condition("- id: stiff\n  label: Stiff\n  aliases: [stiffness]\n  areas: [temple]\n");
  ASSERT_FALSE(errors(r).empty());
  for (const std::string& e : errors(r)) EXPECT_NE(e.find("missing required key"), std::string::npos) << e;
}

TEST(LoadConditions, UnknownReferencesSuggestTheNearestId) {
  LoadResult r = load_with_condition(
      "- id: x\n  label: X\n  aliases: [x thing]\n  areas: [tempel]\n  muscles: [temporalis]\n  sources: [T&S]\n");
  EXPECT_EQ(errors(r), std::vector<std::string>{"kb/conditions.yaml:4:11: error: unknown area 'tempel'; did you mean "
                                                "'temple'?"});
}

// Reading one listed file never waits: a FIFO put in a KB file's place
// after the listing, with a writer that never writes or with none, is
// refused at once instead of blocking the read (or the open).
TEST(ReadKbFile, AFifoIsRefusedWithoutWaiting) {
  const std::string fifo = testing::TempDir() + "tpx-read-fifo-" + std::to_string(::getpid()) + ".yaml";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string text;
  EXPECT_EQ(detail::read_kb_file(fifo, text),
            "not a regular file; a KB file must be one");  // no writer: open would wait
  int writer = ::open(fifo.c_str(), O_RDWR);               // a writer that never writes: read would wait
  ASSERT_GE(writer, 0);
  EXPECT_EQ(detail::read_kb_file(fifo, text), "not a regular file; a KB file must be one");
  EXPECT_TRUE(text.empty());
  ::close(writer);
  ::unlink(fifo.c_str());
}

TEST(ReadKbFile, ARegularFileIsReadWhole) {
  const std::string path = testing::TempDir() + "tpx-read-file-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path, std::ios::trunc) << std::string(200000, 'x');
  std::string text;
  EXPECT_EQ(detail::read_kb_file(path, text), "");
  EXPECT_EQ(text.size(), 200000u);
  EXPECT_NE(detail::read_kb_file("/nonexistent/x.yaml", text), "");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace tpx
