#include "tpx/printer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../core/test_kb.h"

namespace tpx {
namespace {

std::string where(const std::vector<std::string>& phrases, Format format, PrintOptions opt = {}) {
  const Kb& kb = test::small_kb();
  Resolution r = resolve(kb, phrases);
  std::ostringstream out;
  make_printer(format, opt)->where(out, kb, r, rank(kb, r, 5));
  return out.str();
}

TEST(JsonPrinter, HasTheDocumentedFields) {
  auto j = nlohmann::json::parse(where({"temple", "top of shoulder"}, Format::kJson));
  EXPECT_EQ(j["version"], kOutputVersion);
  EXPECT_EQ(j["query"], nlohmann::json({"temple", "top of shoulder"}));
  EXPECT_EQ(j["resolved"][0]["term"], "temple");
  EXPECT_EQ(j["resolved"][0]["kind"], "area");
  const auto& m = j["matches"][0];
  EXPECT_EQ(m["rank"], 1);
  EXPECT_EQ(m["muscle"], "trapezius");
  EXPECT_EQ(m["name"], "Trapezius");
  EXPECT_GT(m["score"].get<double>(), 0);
  EXPECT_EQ(m["explains"][0]["input"], "temple");
  EXPECT_EQ(m["explains"][0]["weight"], "primary");
  EXPECT_EQ(m["explains"][0]["trigger_point"], "upper");
  EXPECT_EQ(m["press"][0]["location"], "Midway along the top of the shoulder.");
  EXPECT_EQ(m["protocol"]["id"], "self-release");
  EXPECT_EQ(m["protocol"]["steps"].size(), 2u);
  EXPECT_TRUE(j["warnings"].is_array());
  EXPECT_TRUE(j["unmatched"].is_array());
}

TEST(JsonPrinter, CarriesWarningsUnmatchedAndCorrections) {
  auto j = nlohmann::json::parse(where({"numb temle", "xyzzy"}, Format::kJson));
  EXPECT_EQ(j["warnings"][0]["id"], "numbness-tingling");
  EXPECT_EQ(j["unmatched"][0]["input"], "xyzzy");
  EXPECT_EQ(j["corrections"][0]["from"], "temle");
  EXPECT_EQ(j["corrections"][0]["to"], "temple");
}

TEST(JsonPrinter, IsOneLineAndSurvivesInvalidUtf8) {
  std::string out = where({"temple \xff\xfe"}, Format::kJson);
  EXPECT_EQ(out.find('\n'), out.size() - 1);
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(TsvPrinter, FixedColumnsAndOptionalHeader) {
  std::string out = where({"temple"}, Format::kTsv, {.header = true});
  std::istringstream lines(out);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  EXPECT_EQ(header, "rank\tmuscle\tname\tscore\texplained\titems\tterms\tpress");
  EXPECT_EQ(row.substr(0, row.find('\t', row.find('\t') + 1)), "1\ttemporalis");
  EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), 7);
}

TEST(TsvPrinter, EscapesSpecialCharacters) {
  std::ostringstream out;
  make_printer(Format::kTsv, {})->list(out, {{"a\tb", "c\nd\\e\r", ""}});
  EXPECT_EQ(out.str(), "a\\tb\tc\\nd\\\\e\\r\n");
}

TEST(IdsPrinter, OneIdPerLine) { EXPECT_EQ(where({"temple"}, Format::kIds), "temporalis\ntrapezius\n"); }

TEST(TextPrinter, NoEscapeCodesWithoutColourAndTheStepsAreNumbered) {
  std::string out = where({"temple", "top of shoulder"}, Format::kText);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find("1. Trapezius"), std::string::npos);
  EXPECT_NE(out.find("1. Find the tender spot."), std::string::npos);
  EXPECT_NE(out.find("Not medical advice"), std::string::npos);
  EXPECT_NE(where({"temple"}, Format::kText, {.color = true}).find('\x1b'), std::string::npos);
}

TEST(JsonPrinter, JsonCardHasEverySection) {
  const Kb& kb = test::small_kb();
  std::ostringstream out;
  make_printer(Format::kJson, {})->muscles(out, kb, {*find_muscle(kb, "trapezius").muscle});
  auto j = nlohmann::json::parse(out.str());
  for (const char* key : {"id", "name", "aka", "region", "location", "trigger_points", "symptoms", "causes",
                          "protocols", "cautions", "related", "sources"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["trigger_points"][0]["primary"], nlohmann::json({"temple", "top-of-shoulder"}));
  EXPECT_EQ(j["causes"][0]["advice"], "Take a break every half hour.");
}

}  // namespace
}  // namespace tpx
