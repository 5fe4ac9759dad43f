// The removal proof's comparison (passes/Proof) on hand-built summaries:
// what a re-parse must show for a removal to be proven.
#include "TuBuilder.h"

#include "passes/Proof.h"

#include <gtest/gtest.h>

namespace deadwood {
namespace {

using test::TuBuilder;

/// main -> used, main -> helper; dead -> helper: the TU as parsed.
TuBuilder before() {
  TuBuilder T("a.cc");
  T.fn("main").fn("used").fn("helper").fn("dead");
  T.edge("main", "used").edge("main", "helper").edge("dead", "helper");
  return T;
}

/// The same TU after `dead` went.
TuBuilder after() {
  TuBuilder T("a.cc");
  T.fn("main").fn("used").fn("helper");
  T.edge("main", "used").edge("main", "helper");
  return T;
}

ProofSubject removing(std::set<std::string> Usrs) {
  ProofSubject S;
  S.Removed = std::move(Usrs);
  return S;
}

TEST(Proof, SurvivingCodeUnchangedProves) {
  EXPECT_EQ(checkReparse(before().S, after().S, removing({"c:@F@dead"})), "");
}

TEST(Proof, AFailedParseBreaks) {
  TuBuilder A = after();
  A.S.Failed = true;
  A.S.Errors = {"a.cc:3:1: error: use of undeclared identifier 'dead'"};
  EXPECT_EQ(checkReparse(before().S, A.S, removing({"c:@F@dead"})),
            "breaks a.cc:3:1: error: use of undeclared identifier 'dead'");
}

TEST(Proof, ACallResolvingElsewhereIsAChange) {
  TuBuilder A = after();
  A.fn("helper(long)");
  A.S.Edges[1].To = A.index("helper(long)");  // main now calls another overload
  std::string Why = checkReparse(before().S, A.S, removing({"c:@F@dead"}));
  EXPECT_NE(Why.find("changes what the compiler uses: 'helper(long)()' appears"), std::string::npos) << Why;
}

TEST(Proof, ALostEdgeOfSurvivingCodeIsAChange) {
  TuBuilder A("a.cc");
  A.fn("main").fn("used").fn("helper").edge("main", "used");
  EXPECT_EQ(checkReparse(before().S, A.S, removing({"c:@F@dead"})),
            "changes what 'main()' uses: no longer 'helper()' (call)");
}

TEST(Proof, WhatCompilerMadeCodeNoLongerCallsWentWithItsUser) {
  TuBuilder B = before(), A = after();
  B.fn("vector<Dead>::push", 1, flag::Instantiation).edge("vector<Dead>::push", "helper");
  A.fn("vector<Dead>::push", 1, flag::Instantiation);  // declared, its body no longer instantiated
  EXPECT_EQ(checkReparse(B.S, A.S, removing({"c:@F@dead"})), "");
}

TEST(Proof, DeletingWhatStaysFails) {
  TuBuilder A("a.cc");
  A.fn("main").fn("helper").edge("main", "helper");
  EXPECT_EQ(checkReparse(before().S, A.S, removing({"c:@F@dead"})), "also deletes 'used()', which stays");
}

TEST(Proof, WhatLiesInsideTheDeletedTextGoesWithIt) {
  TuBuilder B = before(), A = after();
  B.fn("dead::Local");  // a local class of `dead`, inside its text
  ProofSubject S = removing({"c:@F@dead"});
  const Site &Local = B.S.Symbols.back().Definition;
  S.Files["/src/a.cc"].Deleted = {{Local.Begin - 1, Local.End + 1}};
  EXPECT_EQ(checkReparse(B.S, A.S, S), "");
  EXPECT_EQ(checkReparse(B.S, A.S, removing({"c:@F@dead"})), "also deletes 'dead::Local()', which stays");
}

TEST(Proof, PositionsInUsrsMoveWithTheEdit) {
  TuBuilder B = before(), A = after();
  B.S.Symbols[0].Usr = "c:a.cc@180@F@main#@Sa@F@operator()#1#";
  A.S.Symbols[0].Usr = "c:a.cc@151@F@main#@Sa@F@operator()#1#";
  EXPECT_EQ(checkReparse(B.S, A.S, removing({"c:@F@dead"})), "");
  EXPECT_EQ(comparableUsr("c:a.cc@180@F@main#@Sa"), comparableUsr("c:a.cc@2@F@main#@Sa"));
  EXPECT_NE(comparableUsr("c:@F@f#I#"), comparableUsr("c:@F@f#l#"));
  EXPECT_EQ(comparableUsr("c:unity.c@U@unity.c@39984"), comparableUsr("c:unity.c@U@unity.c@39001"));
  EXPECT_EQ(comparableUsr("c:@F@f<#VI3>#"), "c:@F@f<#VI3>#") << "no position: numbers are template arguments";
}

TEST(Proof, TheEditMustHaveBeenRead) {
  ProofSubject S = removing({"c:@F@dead"});
  S.Files["/src/a.cc"].Hash = "0123456789abcdef";
  TuBuilder A = after();
  A.S.FileHashes = {"fedcba9876543210"};  // the original text, reached by another path
  EXPECT_NE(checkReparse(before().S, A.S, S).find("by a path the proof cannot edit"), std::string::npos);
}

TEST(Proof, AUseThatLostItsLastDefinitionIsCaught) {
  TuBuilder Lib("lib.cc"), User("user.cc"), LibAfter("lib.cc");
  Lib.fn("shared");
  User.fn("main").edge("main", "shared");
  User.S.Symbols[User.index("shared")].HasDefinition = false;
  LibAfter.index("shared");  // only declared now
  std::vector<const TuSummary *> Before = {&Lib.S, &User.S}, After = {&LibAfter.S, &User.S};
  EXPECT_EQ(checkDefinitions(Before, After), "'shared()' is still used (by 'main()') but no longer defined anywhere");
  EXPECT_EQ(checkDefinitions(Before, Before), "");
}

}  // namespace
}  // namespace deadwood
