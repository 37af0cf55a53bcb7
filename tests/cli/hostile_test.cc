// Hostile input, table-driven: every bad KB file or argument gets a clear
// one-line error (file:line:column where there is one), exit code 2, and no
// crash, hang or abort. Each KB case copies tests/data/kb-small to a fresh
// directory and breaks one thing in it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>

#include "hostile_kb.h"
#include "run_tpx.h"

namespace {

namespace fs = std::filesystem;

using tpx_test::KbCase;
using tpx_test::kMuscle;
using tpx_test::muscle_with;
using tpx_test::repeat;

std::vector<KbCase> kb_cases() {
  const char* M = "muscles/trapezius.yaml";
  return {
      {"invalid_utf8", M,
       "id: trap\xff"
       "ezius\n",
       R"(muscles/trapezius.yaml:1:9: error: invalid UTF-8 byte 0xFF)"},
      {"overlong_utf8", M, "id: \xC0\xAF\n", R"(muscles/trapezius.yaml:1:5: error: invalid UTF-8 byte 0xC0)"},
      {"byte_order_mark", M, "\xEF\xBB\xBF" + std::string(kMuscle),
       R"(muscles/trapezius.yaml:1:1: error: file starts with a byte-order mark.*)"},
      {"tab_indentation", M, muscle_with("  - id: upper", "\t- id: upper"),
       R"(muscles/trapezius.yaml:6:1: error: tab used for indentation.*)"},
      {"empty_muscle_file", M, "", R"(muscles/trapezius.yaml:1:1: error: empty muscle file)"},
      {"empty_vocabulary_file", "areas.yaml", "",
       R"(areas.yaml(:\d+:\d+)?: error: expected a list of area entries, found nothing)"},
      {"nul_bytes", M, std::string(4096, '\0'), R"(muscles/trapezius.yaml:1:1: error: file contains a NUL byte.*)"},
      {"binary_garbage", M,
       std::string("\x7f"
                   "ELF\x02\x01\x01\x00\x00\x00\xff",
                   11),
       R"(muscles/trapezius.yaml:1:1: error: control character 0x7F; a KB file is plain text)"},
      {"control_character", M, muscle_with("Trapezius", "Trap\x1b[31mezius"),
       R"(muscles/trapezius.yaml:2:11: error: control character 0x1B; a KB file is plain text)"},
      {"hundred_megabytes", "", "",
       R"(muscles/trapezius.yaml: error: file is 104857600 bytes; the limit is 4194304 bytes)",
       [](const fs::path& kb) { fs::resize_file(kb / "muscles/trapezius.yaml", 100u << 20); }},
      {"flow_nesting_100000", M, repeat("[", 100000),
       R"(muscles/trapezius.yaml:1:65: error: nesting deeper than 64 levels)"},
      {"block_nesting_100000", M, repeat("- ", 100000) + "x\n",
       R"(muscles/trapezius.yaml:1:129: error: indented more than 128 columns.*)"},
      {"mapping_nesting", "areas.yaml",
       [] {
         std::string s = "a:\n";
         for (int i = 1; i < 300; ++i) s += std::string(i, ' ') + "b:\n";
         return s;
       }(),
       R"(areas.yaml:130:129: error: indented more than 128 columns.*)"},
      {"billion_laughs", "areas.yaml",
       "- id: a\n  label: &l0 [lol, lol]\n  region: head\n  aliases: &l1 [*l0, *l0, *l0]\n  culprits: [*l1, *l1, "
       "*l1]\n",
       R"(areas.yaml:2:10: error: YAML anchors and aliases .* are not allowed in the KB.*)"},
      {"alias_to_scalar", M, muscle_with("name: Trapezius", "name: &n Trapezius\nlocation2: *n"),
       R"(muscles/trapezius.yaml:2:7: error: YAML anchors and aliases.*)"},
      {"two_documents", M, std::string(kMuscle) + "---\nid: other\n",
       R"(muscles/trapezius.yaml:\d+:1: error: a KB file holds one YAML document.*)"},
      {"yaml_syntax", M, muscle_with("name: Trapezius", "name: \"Trapezius"),
       R"(muscles/trapezius.yaml:\d+:\d+: error: YAML syntax: .*)"},
      {"duplicate_key", M, muscle_with("region: shoulder\n", "region: shoulder\nregion: head\n"),
       R"(muscles/trapezius.yaml:4:1: error: duplicate key 'region' in muscle)"},
      {"muscle_is_a_list", M, "- id: trapezius\n",
       R"(muscles/trapezius.yaml:1:1: error: muscle must be a mapping of keys to values, found a list)"},
      {"id_is_a_list", M, muscle_with("id: trapezius", "id: [trapezius]"),
       R"(muscles/trapezius.yaml:1:5: error: 'id' must be a single value, found a list)"},
      {"name_is_a_map", M, muscle_with("name: Trapezius", "name: {first: Trap}"),
       R"(muscles/trapezius.yaml:2:7: error: 'name' must be a single value, found a mapping)"},
      {"trigger_points_is_a_map", M,
       muscle_with("trigger_points:\n  - id: upper", "trigger_points:\n  x:\n    id: upper"),
       R"(muscles/trapezius.yaml:6:3: error: 'trigger_points' must be a list, found a mapping)"},
      {"refers_is_a_list", M,
       muscle_with("    refers:\n      primary: [temple, top-of-shoulder]", "    refers: [temple]"),
       R"(muscles/trapezius.yaml:8:13: error: 'refers' of trigger point 'upper' must be a mapping of keys to values, found a list)"},
      {"primary_is_a_scalar", M, muscle_with("primary: [temple, top-of-shoulder]", "primary: temple"),
       R"(muscles/trapezius.yaml:9:16: error: 'primary' must be a list, found a single value)"},
      {"aliases_is_a_map", "areas.yaml", "- id: temple\n  label: Temple\n  region: head\n  aliases: {a: b}\n",
       R"(areas.yaml:4:12: error: 'aliases' must be a list, found a mapping)"},
      {"unknown_key", M, muscle_with("location:", "locaton:"),
       R"(muscles/trapezius.yaml:4:1: error: unknown key 'locaton' in muscle; did you mean 'location'\?)"},
      {"unknown_key_in_trigger_point", M, muscle_with("    location: Mid", "    where: Mid"),
       R"(muscles/trapezius.yaml:7:5: error: unknown key 'where' in trigger point 'upper'.*)"},
      {"id_with_spaces", M, muscle_with("id: trapezius", "id: upper trapezius"),
       R"(muscles/trapezius.yaml:1:5: error: muscle id 'upper trapezius' must be kebab-case.*)"},
      {"id_with_capitals", "areas.yaml", "- id: Temple\n  label: Temple\n  region: head\n",
       R"(areas.yaml:1:7: error: area id 'Temple' must be kebab-case.*)"},
      {"id_not_file_name", M, muscle_with("id: trapezius", "id: trapezoid"),
       R"(muscles/trapezius.yaml:1:5: error: muscle id 'trapezoid' must match its file name 'trapezius.yaml')"},
      {"missing_required_key", M, muscle_with("sources: [\"Travell & Simons, vol. 1, ch. 6\"]\n", ""),
       R"(muscles/trapezius.yaml:1:1: error: muscle is missing required key 'sources')"},
      {"empty_required_list", M, muscle_with("sources: [\"Travell & Simons, vol. 1, ch. 6\"]", "sources: []"),
       R"(muscles/trapezius.yaml:11:10: error: 'sources' of muscle must not be empty)"},
      {"dangling_area", M, muscle_with("[temple, top-of-shoulder]", "[temple, top-of-shoulders]"),
       R"(muscles/trapezius.yaml:9:25: error: unknown area 'top-of-shoulders'; did you mean 'top-of-shoulder'\?)"},
      {"dangling_protocol", M, muscle_with("protocols: [self-release]", "protocols: [self-releese]"),
       R"(muscles/trapezius.yaml:10:13: error: unknown protocol 'self-releese'; did you mean 'self-release'\?)"},
      {"dangling_region", M, muscle_with("region: shoulder", "region: shouldr"),
       R"(muscles/trapezius.yaml:3:9: error: unknown region 'shouldr'; did you mean 'shoulder'\?)"},
      {"related_to_itself", M, std::string(kMuscle) + "related:\n  - id: trapezius\n    reason: satellite\n",
       R"(muscles/trapezius.yaml:13:9: error: a muscle cannot be related to itself)"},
      {"related_unknown_reason", M, std::string(kMuscle) + "related:\n  - id: temporalis\n    reason: friends\n",
       R"(muscles/trapezius.yaml:14:13: error: unknown related reason 'friends'.*)"},
      {"region_parent_cycle", "regions.yaml",
       "- id: head\n  label: Head\n  parent: shoulder\n- id: upper-limb\n  label: Arm\n- id: shoulder\n  label: "
       "Shoulder\n  parent: head\n",
       R"(regions.yaml:3:11: error: region 'head' is its own ancestor.*)"},
      {"duplicate_area_id", "areas.yaml",
       "- id: temple\n  label: A\n  region: head\n- id: temple\n  label: B\n  region: head\n",
       R"(areas.yaml:4:7: error: duplicate area id 'temple' \(first defined at .*areas.yaml:1\))"},
      {"filler_only_alias", "symptoms.yaml", "- id: stiff-neck\n  label: Stiff neck\n  aliases: [the pain]\n",
       R"(symptoms.yaml:3:13: error: alias 'the pain' has no words that can match.*)"},
      {"culprit_that_does_not_refer", "areas.yaml",
       "- id: temple\n  label: Temple\n  region: head\n  culprits: [pectoralis-major]\n"
       "- id: behind-the-eye\n  label: Behind the eye\n  region: head\n"
       "- id: top-of-shoulder\n  label: Top of the shoulder\n  region: shoulder\n"
       "- id: front-of-shoulder\n  label: Front of the shoulder\n  region: shoulder\n",
       R"(areas.yaml:4:14: error: culprit 'pectoralis-major' of 'temple' does not refer pain there)"},
      {"cause_culprit_it_does_not_overload", "causes.yaml",
       "- id: desk-work\n  label: Desk work\n  advice: Take breaks.\n  aliases: [at my desk]\n  culprits: "
       "[temporalis]\n",
       R"(causes.yaml:5:14: error: culprit 'temporalis' of 'desk-work' does not list this cause)"},
      {"unknown_kb_file", "bones.yaml", "- id: femur\n", R"(bones.yaml: error: unknown KB file.*)"},
      {"directory_named_like_yaml", "", "", R"(muscles/extra.yaml: error: a directory is named like a YAML file)",
       [](const fs::path& kb) { fs::create_directories(kb / "muscles/extra.yaml"); }},
      {"symlink_loop", "", "", R"(muscles/loop.yaml: error: cannot read file: Too many levels of symbolic links)",
       [](const fs::path& kb) { fs::create_symlink("loop.yaml", kb / "muscles/loop.yaml"); }},
      {"unreadable_dangling_link", "", "", R"(muscles/gone.yaml: error: cannot read file: No such file or directory)",
       [](const fs::path& kb) { fs::create_symlink("/nonexistent/gone.yaml", kb / "muscles/gone.yaml"); }},
      {"zero_muscles", "", "", R"(error: the KB has no muscles)",
       [](const fs::path& kb) { fs::remove_all(kb / "muscles"); }},
      // Found by fuzz_load: yaml-cpp 0.7's LoadAll() looped forever on this.
      {"comma_at_line_start", "areas.yaml", "- id: temple\n  label: Temple\n, side\n",
       R"(areas.yaml:3:1: error: YAML syntax: unexpected ',')"},
      {"comma_alone", M, ",", R"(muscles/trapezius.yaml:1:1: error: YAML syntax: unexpected ',')"},
      {"second_document_marker", M, std::string(kMuscle) + "--- x\n",
       R"(muscles/trapezius.yaml:12:1: error: a KB file holds one YAML document.*)"},
      {"one_byte_past_file_limit", "", "",
       R"(muscles/trapezius.yaml: error: file is 4194305 bytes; the limit is 4194304 bytes)",
       [](const fs::path& kb) { fs::resize_file(kb / "muscles/trapezius.yaml", (4u << 20) + 1); }},
      {"flow_nesting_65", M, "aka: " + repeat("[", 65),
       R"(muscles/trapezius.yaml:1:70: error: nesting deeper than 64 levels)"},
      {"indent_129", M,
       muscle_with("location: On top of the shoulder.",
                   "location: On top\n" + std::string(129, ' ') + "of the shoulder."),
       R"(muscles/trapezius.yaml:5:129: error: indented more than 128 columns.*)"},
      {"dir_depth_33", "", "", R"(muscles(/d)+: error: directories nested deeper than 32 levels)",
       [](const fs::path& kb) { fs::create_directories(kb / ("muscles" + repeat("/d", 32))); }},
      {"key_is_a_list", M, std::string(kMuscle) + "[x]: y\n",
       R"(muscles/trapezius.yaml:12:1: error: muscle has a key that is not a name)"},
      {"id_is_empty", M, muscle_with("id: trapezius", "id:"),
       R"(muscles/trapezius.yaml:1:1: error: muscle is missing required key 'id')"},
      {"region_cycle_of_three", "regions.yaml",
       "- id: head\n  label: Head\n  parent: upper-limb\n- id: upper-limb\n  label: Arm\n  parent: shoulder\n"
       "- id: shoulder\n  label: Shoulder\n  parent: head\n",
       R"(regions.yaml:\d+:11: error: region '[a-z-]+' is its own ancestor.*)"},
      // Unreadable even for root (tests run as root, so mode 000 does not
      // stop a read): read(2) of /proc/self/mem at offset 0 fails with EIO.
      {"unreadable_file", "", "", R"(muscles/mem.yaml: error: cannot read file: Input/output error)",
       [](const fs::path& kb) { fs::create_symlink("/proc/self/mem", kb / "muscles/mem.yaml"); }},
      {"empty_kb_directory", "", "", R"(error: the KB has no muscles)",
       [](const fs::path& kb) {
         for (const auto& e : fs::directory_iterator(kb)) fs::remove_all(e.path());
       }},
  };
}

class HostileKb : public testing::TestWithParam<KbCase> {};

TEST_P(HostileKb, OneClearErrorExitTwoNoCrash) { tpx_test::expect_refused(GetParam(), "kb"); }

INSTANTIATE_TEST_SUITE_P(Table, HostileKb, testing::ValuesIn(kb_cases()),
                         [](const testing::TestParamInfo<KbCase>& i) { return std::string(i.param.name); });

struct ArgCase {
  const char* name;
  std::vector<std::string> args;
  std::string input;
  const char* expect;  // regex for the first stderr line
};

void PrintTo(const ArgCase& c, std::ostream* os) { *os << c.name; }

std::vector<ArgCase> arg_cases() {
  std::string lines;
  for (int i = 0; i < 100000; ++i) lines += "temple\n";
  return {
      {"missing_kb_directory",
       {"where", "temple", "--kb", "/nonexistent/kb"},
       "",
       R"(/nonexistent/kb: error: KB directory not found)"},
      {"kb_is_a_file_not_an_image",
       {"where", "temple", "--kb", "/etc/hostname"},
       "",
       R"(tpx: error: cannot use the KB file '/etc/hostname': not a tpx KB image \(too short\))"},
      {"argument_128k",
       {"where", std::string(131000, 'a')},
       "",
       R"(tpx: error: phrase 1 is 131000 bytes long; the limit is 4096)"},
      {"control_characters",
       {"where", "tem\x07ple"},
       "",
       R"(tpx: error: phrase 1 contains the control character 0x07)"},
      {"escape_sequence",
       {"where", "\x1b[31mtemple"},
       "",
       R"(tpx: error: phrase 1 contains the control character 0x1B)"},
      {"invalid_utf8_argument",
       {"where", "temple \xff"},
       "",
       R"(tpx: error: phrase 1 is not valid UTF-8 \(byte 0xFF\))"},
      {"empty_phrase", {"where", ""}, "", R"(tpx: error: phrase 1 is empty)"},
      {"blank_phrase", {"where", "temple", "   "}, "", R"(tpx: error: phrase 2 is empty)"},
      {"hundred_thousand_phrases_on_stdin", {"where", "-"}, lines, R"(tpx: error: too many phrases: at most 1000)"},
      {"endless_stdin_line",
       {"where", "-"},
       std::string(1 << 20, 'a'),
       R"(tpx: error: a line on stdin is longer than 4096 bytes)"},
      {"nul_on_stdin",
       {"where", "-"},
       std::string("temple\0x\n", 9),
       R"(tpx: error: phrase 1 contains the control character 0x00)"},
      {"invalid_utf8_on_stdin",
       {"where", "-"},
       "heel \xc3\n",
       R"(tpx: error: phrase 1 is not valid UTF-8 \(byte 0xC3\))"},
      {"no_phrase", {"where"}, "", R"(tpx: error: say where it hurts.*)"},
      {"unknown_subcommand", {"frobnicate"}, "", R"(tpx: error: unknown command 'frobnicate'.*)"},
      {"misspelt_subcommand",
       {"wher", "temple"},
       "",
       R"(tpx: error: unknown command 'wher'; did you mean 'where'\? \(tpx help lists them\))"},
      {"unknown_option", {"where", "temple", "--frob"}, "", R"(tpx: error: .*--frob.*)"},
      {"bad_top", {"where", "temple", "--top", "many"}, "", R"(tpx: error: .*many.*)"},
      {"negative_top", {"where", "temple", "--top", "-3"}, "", R"(tpx: error: .*--top.*)"},
      {"bad_format", {"where", "temple", "--format", "xml"}, "", R"(tpx: error: .*xml.*)"},
      {"bad_color", {"where", "temple", "--color", "sometimes"}, "", R"(tpx: error: .*sometimes.*)"},
      {"muscle_without_name", {"muscle"}, "", R"(tpx: error: .*name.*)"},
      {"unknown_muscle", {"muscle", "bicep femurs"}, "", R"(tpx: error: no muscle named 'bicep femurs'.*)"},
      {"unknown_protocol", {"protocol", "acupuncture"}, "", R"(tpx: error: no protocol named 'acupuncture'.*)"},
      // Linux refuses a single argument over 128 KiB (MAX_ARG_STRLEN) before
      // tpx runs, so a megabyte of arguments comes as eight of 131,000 bytes.
      {"arguments_1mb",
       {"where", std::string(131000, 'a'), std::string(131000, 'b'), std::string(131000, 'c'), std::string(131000, 'd'),
        std::string(131000, 'e'), std::string(131000, 'f'), std::string(131000, 'g'), std::string(131000, 'h')},
       "",
       R"(tpx: error: phrase 1 is 131000 bytes long; the limit is 4096)"},
      {"phrase_4097_bytes",
       {"where", std::string(4097, 'a')},
       "",
       R"(tpx: error: phrase 1 is 4097 bytes long; the limit is 4096)"},
      {"stdin_line_4097_bytes",
       {"where", "-"},
       std::string(4097, 'a') + "\n",
       R"(tpx: error: a line on stdin is longer than 4096 bytes)"},
      {"phrases_1001_arguments",
       [] {
         std::vector<std::string> v{"where"};
         v.resize(1002, "temple");
         return v;
       }(),
       "", R"(tpx: error: too many phrases: at most 1000)"},
      {"phrases_1001_on_stdin",
       {"where", "-"},
       repeat("temple\n", 1001),
       R"(tpx: error: too many phrases: at most 1000)"},
      {"carriage_return_argument",
       {"where", "temple\r"},
       "",
       R"(tpx: error: phrase 1 contains the control character 0x0D)"},
      {"delete_character", {"where", "tem\x7fple"}, "", R"(tpx: error: phrase 1 contains the control character 0x7F)"},
      {"overlong_utf8_argument",
       {"where", "\xC0\xAFtemple"},
       "",
       R"(tpx: error: phrase 1 is not valid UTF-8 \(byte 0xC0\))"},
      {"surrogate_utf8_argument",
       {"where", "\xED\xA0\x80"},
       "",
       R"(tpx: error: phrase 1 is not valid UTF-8 \(byte 0xED\))"},
      {"truncated_utf8_argument",
       {"where", "temple \xE2\x80"},
       "",
       R"(tpx: error: phrase 1 is not valid UTF-8 \(byte 0xE2\))"},
      {"escape_in_muscle_name",
       {"muscle", "\x1b[31mtrapezius"},
       "",
       R"(tpx: error: name 1 contains the control character 0x1B)"},
      {"newline_in_protocol_name",
       {"protocol", "self\nrelease"},
       "",
       R"(tpx: error: the name contains the control character 0x0A)"},
      {"escape_as_command", {"\x1b[2J"}, "", R"(tpx: error: unknown command: it contains the control character 0x1B)"},
      {"empty_kb_argument", {"where", "temple", "--kb", ""}, "", R"(tpx: error: .*--kb.*needs a directory.*)"},
      // An option value is echoed in CLI11's message: shown, never sent to the terminal.
      {"escape_as_option_value",
       {"where", "temple", "--format", "\x1b[2J"},
       "",
       R"(tpx: error: [^\x1b]*\\x1b\[2J[^\x1b]*)"},
  };
}

class HostileArgs : public testing::TestWithParam<ArgCase> {};

TEST_P(HostileArgs, OneClearErrorExitTwoNoCrash) {
  const ArgCase& c = GetParam();
  tpx_test::Result r = tpx_test::tpx(c.args, c.input);
  EXPECT_EQ(r.code, 2) << c.name << "\n" << r.err;
  std::string first = r.err.substr(0, r.err.find('\n'));
  EXPECT_TRUE(std::regex_match(first, std::regex(c.expect))) << c.name << ": got [" << first << "]";
  EXPECT_TRUE(r.out.empty()) << c.name << ": " << r.out.substr(0, 200);
}

INSTANTIATE_TEST_SUITE_P(Table, HostileArgs, testing::ValuesIn(arg_cases()),
                         [](const testing::TestParamInfo<ArgCase>& i) { return std::string(i.param.name); });

// Each limit of include/tpx/limits.h at its value is accepted; the table
// above holds each one just past it. See docs/limits.md.
class Limits : public testing::Test {
 protected:
  void SetUp() override {
    kb_ = fs::temp_directory_path() / ("tpx-limits-" + std::to_string(::getpid()) + "-" +
                                       testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(kb_);
    fs::create_directories(kb_.parent_path());
    fs::copy(std::string(TPX_TEST_DATA_DIR) + "/kb-small", kb_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(kb_); }
  void write(const std::string& rel, const std::string& text) {
    std::ofstream(kb_ / rel, std::ios::binary | std::ios::trunc) << text;
  }
  // `tpx check` and a query both accept the KB.
  void expect_accepted() {
    tpx_test::Result check = tpx_test::tpx({"check", kb_.string()});
    EXPECT_EQ(check.code, 0) << check.out << check.err;
    tpx_test::Result where = tpx_test::tpx({"where", "temple", "--kb", kb_.string(), "--no-cache"});
    EXPECT_EQ(where.code, 0) << where.err;
  }
  fs::path kb_;
};

TEST_F(Limits, FileOfExactlyMaxBytesIsAccepted) {
  std::string text = kMuscle;
  const std::size_t limit = 4u << 20;
  while (text.size() < limit) {
    std::size_t room = limit - text.size();
    std::size_t n = std::min<std::size_t>(room, 1000);
    text += n == 1 ? std::string("\n") : "#" + std::string(n - 2, 'x') + "\n";
  }
  ASSERT_EQ(text.size(), limit);
  write("muscles/trapezius.yaml", text);
  expect_accepted();
}

TEST_F(Limits, IndentOf128ColumnsIsAccepted) {
  write("muscles/trapezius.yaml", muscle_with("location: On top of the shoulder.",
                                              "location: On top\n" + std::string(128, ' ') + "of the shoulder."));
  expect_accepted();
}

TEST_F(Limits, FlowNestingOf64PassesTheScreen) {
  // No KB value nests 64 deep, so the file is refused, but by the schema
  // ('aka' holds names), not by the nesting limit.
  write("muscles/trapezius.yaml", muscle_with("region:", "aka: " + repeat("[", 64) + repeat("]", 64) + "\nregion:"));
  tpx_test::Result r = tpx_test::tpx({"check", kb_.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out.find("nesting deeper"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'aka'"), std::string::npos) << r.out;
}

TEST_F(Limits, DirectoriesNested32DeepAreAccepted) {
  fs::path deep = kb_ / ("muscles" + repeat("/d", 31));  // 32 directories below the KB
  fs::create_directories(deep);
  fs::rename(kb_ / "muscles/trapezius.yaml", deep / "trapezius.yaml");
  expect_accepted();
}

TEST(LimitsCli, AThousandPhrasesAreAccepted) {
  EXPECT_EQ(tpx_test::tpx({"where", "-"}, repeat("temple\n", 1000)).code, 0);
  std::vector<std::string> args{"where"};
  args.resize(1001, "temple");
  EXPECT_EQ(tpx_test::tpx(args).code, 0);
}

TEST(LimitsCli, PhrasesOf4096BytesAreAccepted) {
  std::string phrase = "temple " + std::string(4096 - 7, 'x');
  tpx_test::Result arg = tpx_test::tpx({"where", phrase});
  EXPECT_TRUE(arg.code == 0 || arg.code == 1) << arg.err;
  tpx_test::Result in = tpx_test::tpx({"where", "-"}, phrase + "\n");
  EXPECT_TRUE(in.code == 0 || in.code == 1) << in.err;
}

// Tests run as root here, where mode 000 does not stop a read; the table's
// unreadable_file case covers root with a file read(2) fails on.
TEST_F(Limits, FileWithoutReadPermission) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads a mode-000 file";
  fs::permissions(kb_ / "muscles/trapezius.yaml", fs::perms::none);
  tpx_test::Result r = tpx_test::tpx({"check", kb_.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("muscles/trapezius.yaml: error: cannot read file: Permission denied"), std::string::npos)
      << r.out;
}

// A mutual `related` pair is a cycle the KB allows; nothing may follow it forever.
TEST_F(Limits, RelatedCycleIsAcceptedAndShownOnce) {
  write("muscles/trapezius.yaml", std::string(kMuscle) + "related:\n  - id: temporalis\n    reason: satellite\n");
  std::ofstream(kb_ / "muscles/temporalis.yaml", std::ios::app)
      << "related:\n  - id: trapezius\n    reason: satellite\n";
  expect_accepted();
  tpx_test::Result r = tpx_test::tpx({"muscle", "trapezius", "--kb", kb_.string(), "--no-cache", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("temporalis"), std::string::npos);
}

// The reader went away: tpx stops quietly with 0, like ripgrep and coreutils.
TEST(HostileOutput, StdoutClosedEarly) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list", "muscles"}, std::vector<std::string>{"where", "temple", "--format", "json"},
        std::vector<std::string>{"man"}}) {
    tpx_test::Result r = tpx_test::tpx_stdout_closed(args);
    EXPECT_EQ(r.code, 0) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << args[0];
  }
}

// Output that cannot be written is an error, not a silent exit 0.
TEST(HostileOutput, StdoutIsFull) {
  const std::string err = testing::TempDir() + "tpx-full-" + std::to_string(::getpid());
  for (const char* args :
       {"list muscles", "where temple --format json", "completion bash", "man", "--help", "--version"}) {
    int status = std::system((std::string(TPX_BINARY) + " " + args + " >/dev/full 2>" + err).c_str());
    ASSERT_TRUE(WIFEXITED(status)) << args;
    EXPECT_EQ(WEXITSTATUS(status), 2) << args;
    std::ifstream in(err);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "tpx: error: cannot write the output: No space left on device\n") << args;
  }
  std::remove(err.c_str());
}

}  // namespace
