// Compiled KB files: `tpx compile DIR -o FILE`, `--kb FILE`, `TPX_KB=FILE`
// and `tpx check FILE`; a damaged, truncated, foreign-version or foreign
// file is one clear error and exit 2, never an answer or a crash.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_tpx.h"

namespace {

namespace fs = std::filesystem;
using tpx_test::Result;
using tpx_test::tpx;

class KbFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tpx-kbfile-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    image_ = (dir_ / "small.tpxi").string();
    Result r = tpx({"compile", std::string(TPX_TEST_DATA_DIR) + "/kb-small", "-o", image_});
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream in(image_, std::ios::binary);
    bytes_.assign(std::istreambuf_iterator<char>(in), {});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // --kb FILE, TPX_KB=FILE and check FILE all refuse it with `why`.
  void expect_refused(const std::string& path, const std::string& why) {
    Result flag = tpx({"where", "temple", "--kb", path});
    EXPECT_EQ(flag.code, 2) << flag.out;
    EXPECT_TRUE(flag.out.empty());
    EXPECT_NE(flag.err.find("tpx: error: cannot use the KB file '" + path + "': " + why), std::string::npos)
        << flag.err;
    EXPECT_EQ(std::count(flag.err.begin(), flag.err.end(), '\n'), 1) << flag.err;
    Result env = tpx({"where", "temple"}, "", {"TPX_KB=" + path});
    EXPECT_EQ(env.code, 2);
    EXPECT_EQ(env.err, flag.err);
    Result check = tpx({"check", path});
    EXPECT_EQ(check.code, 2);
    EXPECT_NE(check.out.find(path + ": error: " + why), std::string::npos) << check.out;
  }

  fs::path dir_;
  std::string image_, bytes_;
};

TEST_F(KbFile, CompiledFileAnswersLikeTheDirectory) {
  const std::string kb = std::string(TPX_TEST_DATA_DIR) + "/kb-small";
  Result from_dir = tpx({"where", "temple", "--format", "json", "--kb", kb});
  Result from_file = tpx({"where", "temple", "--format", "json", "--kb", image_});
  EXPECT_EQ(from_file.code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, from_dir.out);
  EXPECT_EQ(tpx({"list", "muscles"}, "", {"TPX_KB=" + image_}).out, tpx({"list", "muscles", "--kb", kb}).out);
  Result check = tpx({"check", image_});
  EXPECT_EQ(check.code, 0) << check.out;
  EXPECT_NE(check.err.find("every block and record verified; 3 muscles"), std::string::npos) << check.err;
}

TEST_F(KbFile, CompileRefusesABrokenKbAndWritesNothing) {
  const std::string out = (dir_ / "broken.tpxi").string();
  Result r = tpx({"compile", std::string(TPX_TEST_DATA_DIR) + "/kb-broken", "-o", out});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("trapezius.yaml:11:17: error: unknown area 'tempel'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(tpx({"compile", std::string(TPX_TEST_DATA_DIR) + "/kb-small"}).code, 2);  // -o is required
}

TEST_F(KbFile, CompileReplacesAnExistingFileWhole) {
  const std::string out = write("old.tpxi", "old contents");
  ASSERT_EQ(tpx({"compile", std::string(TPX_TEST_DATA_DIR) + "/kb-small", "-o", out}).code, 0);
  EXPECT_EQ(fs::file_size(out), bytes_.size());
  for (const auto& e : fs::directory_iterator(dir_)) EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos);
}

TEST_F(KbFile, DamagedByteIsRefused) {
  std::string damaged = bytes_;
  damaged[damaged.size() / 2] ^= 0x5A;  // a block the small sections share: checked on opening
  expect_refused(write("damaged.tpxi", damaged), "damaged image: block ");
}

// A big KB file is checked as it is read (Kb::open_lazily): a damaged block
// stops the commands that read it, with one error line and no half of an
// answer, and no other command; `tpx check FILE` reads all of it and finds it.
class BigKbFile : public KbFile {
 protected:
  void SetUp() override {
    KbFile::SetUp();
    const fs::path kb = dir_ / "synth";
    ASSERT_EQ(std::system((std::string(TPX_SYNTH) + " 2000 " + kb.string() + " >/dev/null").c_str()), 0);
    sound_ = (dir_ / "big.tpxi").string();
    ASSERT_EQ(tpx({"compile", kb.string(), "-o", sound_}).code, 0);
  }
  // The file with a byte flipped in `text`, which it must hold once.
  std::string damage(const std::string& text) {
    std::ifstream in(sound_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const std::size_t at = bytes.find(text);
    EXPECT_NE(at, std::string::npos);
    EXPECT_EQ(at, bytes.rfind(text));
    if (at != std::string::npos) bytes[at + text.size() / 2] ^= 0x20;
    return write("damaged-big.tpxi", bytes);
  }
  nlohmann::json json(const std::vector<std::string>& args) {
    std::vector<std::string> all = args;
    for (const char* a : {"--format", "json", "--kb"}) all.push_back(a);
    all.push_back(sound_);
    return nlohmann::json::parse(tpx(all).out);
  }
  void expect_damage_error(const Result& r, const std::string& path) {
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("tpx: error: cannot use the KB file '" + path + "': damaged image: block "), std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  std::string sound_;
};

TEST_F(BigKbFile, ADamagedBlockStopsOnlyTheCommandsThatReadIt) {
  const Result first = tpx({"muscle", "muscle-000000", "--kb", sound_});
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string damaged = damage(json({"muscle", "muscle-001000"})["name"]);
  for (const char* format : {"text", "json"}) {
    Result bad = tpx({"muscle", "muscle-001000", "--format", format, "--kb", damaged});
    EXPECT_EQ(bad.out, "") << "half an answer";
    expect_damage_error(bad, damaged);
  }
  Result good = tpx({"muscle", "muscle-000000", "--kb", damaged});
  EXPECT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(good.out, first.out);
  Result check = tpx({"check", damaged});
  EXPECT_EQ(check.code, 2);
  EXPECT_NE(check.out.find(damaged + ": error: damaged image: block "), std::string::npos) << check.out;
}

TEST_F(BigKbFile, EachPrintsTheAnswersBeforeTheDamageWholeThenStops) {
  // Two areas and a damaged muscle name that the first's answer does not
  // read and the second's does, found by trying the best muscles of the
  // second (a block holds the texts of several muscles).
  std::istringstream areas(tpx({"list", "areas", "--kb", sound_}).out);
  std::vector<std::string> labels;
  for (std::string line; std::getline(areas, line) && labels.size() < 40;)
    labels.push_back(line.substr(line.find('\t') + 1));
  std::string first, second, damaged;
  for (std::size_t i = 0; i + 1 < labels.size() && damaged.empty(); ++i) {
    const nlohmann::json next = json({"where", labels[i + 1]});
    for (std::size_t m = 0; m < next["matches"].size() && m < 3 && damaged.empty(); ++m) {
      const std::string path = damage(next["matches"][m]["name"]);
      if (tpx({"where", labels[i], "--kb", path}).code == 0 && tpx({"where", labels[i + 1], "--kb", path}).code == 2)
        first = labels[i], second = labels[i + 1], damaged = path;
    }
  }
  ASSERT_FALSE(damaged.empty());
  Result lines = tpx({"where", "--each", "--format", "json", "--kb", damaged}, first + "\n" + second + "\n");
  expect_damage_error(lines, damaged);
  EXPECT_EQ(lines.out, tpx({"where", "--each", "--format", "json", "--kb", sound_}, first + "\n").out);
}

TEST_F(KbFile, TruncatedFileIsRefused) {
  expect_refused(write("truncated.tpxi", bytes_.substr(0, bytes_.size() - 100)),
                 "image is " + std::to_string(bytes_.size() - 100) + " bytes but its header says " +
                     std::to_string(bytes_.size()));
  expect_refused(write("stub.tpxi", bytes_.substr(0, 12)), "not a tpx KB image (too short)");
}

TEST_F(KbFile, ForeignVersionIsRefused) {
  std::string other = bytes_;
  std::uint32_t version = 0;
  std::memcpy(&version, other.data() + 8, sizeof version);  // after the 8-byte magic
  std::uint32_t next = version + 1;
  std::memcpy(other.data() + 8, &next, sizeof next);
  expect_refused(write("other.tpxi", other),
                 "image format version " + std::to_string(next) + " (this tpx reads " + std::to_string(version) + ")");
}

TEST_F(KbFile, FilesThatAreNoImageAreRefused) {
  std::string yaml;
  while (yaml.size() < 4096) yaml += "- id: temple\n  label: Temple\n";
  expect_refused(write("kb.yaml", yaml), "not a tpx KB image (bad magic)");
  expect_refused(write("short.yaml", "- id: temple\n"), "not a tpx KB image (too short)");
  expect_refused(write("empty.tpxi", ""), "not a tpx KB image (too short)");
}

// Issue 14: what is not a regular file, or is too big, is refused before
// it is read: no blocking on a FIFO nobody writes, no gigabytes of zeros.
TEST_F(KbFile, FifosDevicesAndHugeFilesAreRefusedWithoutReading) {
  const std::string fifo = (dir_ / "fifo.tpxi").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  expect_refused(fifo, "not a regular file");
  const std::string link = (dir_ / "link.tpxi").string();
  fs::create_symlink(fifo, link);
  expect_refused(link, "not a regular file");
  expect_refused("/dev/zero", "not a regular file");
  const std::string huge = write("huge.tpxi", "");
  fs::resize_file(huge, std::uint64_t{4} << 30);  // sparse: no disk used
  expect_refused(huge, "4294967296 bytes, more than the limit of 1073741824 bytes");
  // Under the limit, with an image's header: refused by the header's size
  // before the 900 MB of zeros are read.
  const std::string sparse = write("sparse.tpxi", bytes_.substr(0, 4096));
  fs::resize_file(sparse, std::uint64_t{900} << 20);
  expect_refused(sparse, "image is 943718400 bytes but its header says " + std::to_string(bytes_.size()));
}

TEST_F(KbFile, AGrownFileIsRefused) {
  expect_refused(write("grown.tpxi", bytes_ + "x"), "image is " + std::to_string(bytes_.size() + 1) +
                                                        " bytes but its header says " + std::to_string(bytes_.size()));
}

}  // namespace
