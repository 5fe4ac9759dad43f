// Keep rules: config parsing (errors name the file and line, verbatim),
// glob matching, and which symbols become roots.
#include "passes/KeepRules.h"

#include "passes/Reach.h"

#include "TuBuilder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace deadwood {
namespace {

using test::TuBuilder;

std::string parseError(const std::string &Text) {
  Config C;
  std::string Err;
  return parseConfig(".deadwood.json", Text, &C, &Err) ? "ok" : Err;
}

TEST(Config, ParsesRulesWithTheirLines) {
  Config C;
  std::string Err;
  ASSERT_TRUE(parseConfig(".deadwood.json", R"({
  "keep": [
    {"name": "plugin_*", "reason": "loaded with dlsym"},
    {"file": "gen/**", "reason": "generated"},
    {"usr": "c:@F@isr#", "reason": "linker script"}
  ],
  "ignore": ["third_party/**"]
})", &C, &Err)) << Err;
  ASSERT_EQ(C.Keep.size(), 3u);
  EXPECT_EQ(C.Keep[0].Kind, KeepRule::Name);
  EXPECT_EQ(C.Keep[0].Line, 3);
  EXPECT_EQ(C.Keep[1].Kind, KeepRule::File);
  EXPECT_EQ(C.Keep[2].Line, 5);
  EXPECT_EQ(C.Keep[2].Reason, "linker script");
  EXPECT_THAT(C.Ignore, testing::ElementsAre("third_party/**"));
}

TEST(Config, LibrariesAndVendoredCodeAndTheirPathsFromTheConfigsDirectory) {
  Config C;
  std::string Err;
  ASSERT_TRUE(parseConfig(".deadwood.json", R"({
  "keep": [{"file": "gen/**", "reason": "generated"}, {"name": "gen_*", "reason": "by name"}],
  "ignore": ["old/**"],
  "public-headers": ["include/**/*.h"],
  "vendored": ["libs/lua-*"], "not-vendored": ["third_party/ours"],
  "include-vendored": true
})", &C, &Err)) << Err;
  EXPECT_THAT(C.PublicHeaders, testing::ElementsAre("include/**/*.h"));
  EXPECT_THAT(C.Vendored, testing::ElementsAre("libs/lua-*"));
  EXPECT_THAT(C.NotVendored, testing::ElementsAre("third_party/ours"));
  EXPECT_EQ(C.IncludeVendored, 1);
  rebaseConfig(&C, "apps/tool");
  EXPECT_EQ(C.Keep[0].Pattern, "apps/tool/gen/**");
  EXPECT_EQ(C.Keep[1].Pattern, "gen_*") << "names are not paths";
  EXPECT_THAT(C.Ignore, testing::ElementsAre("apps/tool/old/**"));
  EXPECT_THAT(C.PublicHeaders, testing::ElementsAre("apps/tool/include/**/*.h"));
  EXPECT_THAT(C.Vendored, testing::ElementsAre("apps/tool/libs/lua-*"));
  EXPECT_THAT(C.NotVendored, testing::ElementsAre("apps/tool/third_party/ours"));
  EXPECT_EQ(parseError("{\n\"include-vendored\": \"yes\"}"),
            ".deadwood.json:2: \"include-vendored\" must be true or false");
  EXPECT_EQ(parseError("{\"vendored\": [\n\n 1]}"), ".deadwood.json:3: an entry of \"vendored\" must be a string");
}

TEST(Config, ErrorsNameTheFileAndLine) {
  EXPECT_EQ(parseError("{\n  \"kep\": []\n}"), ".deadwood.json:2: unknown key \"kep\"");
  EXPECT_EQ(parseError("{\"keep\": [\n {\"name\": \"f\"}\n]}"), ".deadwood.json:2: a keep rule needs a \"reason\"");
  EXPECT_EQ(parseError("{\"keep\": [\n\n {\"name\": \"f\", \"usr\": \"u\", \"reason\": \"r\"}]}"),
            ".deadwood.json:3: a keep rule needs exactly one of \"name\", \"file\", \"usr\"");
  EXPECT_EQ(parseError("{\"keep\": [{\"name\": \"f\", \"reason\": \"r\", \"why\": \"x\"}]}"),
            ".deadwood.json:1: unknown key \"why\" in a keep rule");
  EXPECT_EQ(parseError("{\"keep\": [{\"name\": \"f[a\", \"reason\": \"r\"}]}"),
            ".deadwood.json:1: malformed pattern 'f[a': unclosed '['");
  EXPECT_EQ(parseError("{\"ignore\": [\n 3]}"), ".deadwood.json:2: an entry of \"ignore\" must be a string");
  EXPECT_EQ(parseError("{\n\"keep\": [,]}"), ".deadwood.json:2: not valid JSON");
  EXPECT_EQ(parseError("[]"), ".deadwood.json:1: the config must be a JSON object");
  // Found by fuzz_Config: a number too large for a double threw past the parser.
  EXPECT_EQ(parseError("2e1129"), ".deadwood.json:1: not valid JSON (a number out of range)");
}

TEST(Glob, NamesAndPaths) {
  EXPECT_TRUE(globMatch("plugin_*", "plugin_init", false));
  EXPECT_TRUE(globMatch("ns::*", "ns::a::b", false)) << "in names * crosses ::";
  EXPECT_FALSE(globMatch("src/*.cc", "src/a/b.cc", true)) << "in paths * stays in a directory";
  EXPECT_TRUE(globMatch("src/**/*.cc", "src/a/b.cc", true));
  EXPECT_TRUE(globMatch("src/**/*.cc", "src/b.cc", true));
  EXPECT_TRUE(globMatch("f?[0-9]", "fx7", false));
  EXPECT_FALSE(globMatch("f[!a]", "fa", false));
  EXPECT_TRUE(globMatch("**", "any/thing", true));
}

TEST(KeepRules, MatchedSymbolsAreRootsWithTheRuleAndUnmatchedRulesWarn) {
  TuBuilder T("a.cc");
  T.S.Files.push_back("/src/gen/table.cc");
  T.fn("main").fn("plugin_init").fn("plugin_exit").fn("helper").fn("generated").fn("other");
  T.S.Symbols[4].Definition.File = 1;
  T.root("main").edge("plugin_init", "helper");
  Program P = link({T.S});
  Config C;
  std::string Err;
  ASSERT_TRUE(parseConfig("/src/.deadwood.json", R"({"keep": [
    {"name": "plugin_*", "reason": "loaded with dlsym"},
    {"file": "gen/**", "reason": "generated"},
    {"usr": "c:@F@nothing", "reason": "stale"}
  ]})", &C, &Err)) << Err;
  std::vector<std::string> Warnings = applyKeepRules(P, C, "/src");
  EXPECT_THAT(Warnings, testing::ElementsAre("/src/.deadwood.json:4: keep rule 'c:@F@nothing' matches nothing"));
  Reachability R = reach(P);
  for (const char *Live : {"c:@F@plugin_init", "c:@F@plugin_exit", "c:@F@helper", "c:@F@generated"})
    EXPECT_TRUE(R.reached(P.find(Live))) << Live;
  EXPECT_FALSE(R.reached(P.find("c:@F@other")));
  EXPECT_EQ(P.RootNotes.at(P.find("c:@F@plugin_init")),
            "keep rule at /src/.deadwood.json:2: loaded with dlsym");
}

}  // namespace
}  // namespace deadwood
