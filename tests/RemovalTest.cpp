// Removal planning on hand-built graphs: what goes, in which groups, and
// why the rest stays. Plain data, no Clang.
#include "passes/Removal.h"

#include "TuBuilder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace deadwood {
namespace {

using test::TuBuilder;
using testing::ElementsAre;

struct Planned {
  Program P;
  Report Rep;
  RemovalPlan Plan;
  const Finding *finding(const std::string &Name) const {
    const Finding *Found = nullptr;
    forEachFinding(Rep.Findings, [&](const Finding &F) {
      if (!Found && F.Name == Name) Found = &F;
    });
    return Found;
  }
  std::vector<std::string> labels() const {
    std::vector<std::string> Out;
    for (const RemovalGroup &G : Plan.Groups) Out.push_back(G.Label);
    return Out;
  }
};

Planned plan(TuSummary S, RemovalOptions O = {"/src", {}, {}}) {
  Planned Out;
  Out.P = link({std::move(S)});
  Reachability R = reach(Out.P);
  Out.Rep = classify(Out.P, R, ClassifyOptions{"/src", {}, {}});
  Out.Plan = planRemoval(Out.P, R, Out.Rep, O);
  return Out;
}

TEST(Removal, DeadChainGoesAsOneGroupWithEveryRange) {
  TuBuilder T("a.cc");
  T.fn("main").fn("a", 2).fn("b", 3).root("main").edge("a", "b");
  T.S.Symbols[2].Declarations.push_back(Site{0, 20, 30, 9, 1});
  Planned X = plan(T.S);
  ASSERT_THAT(X.labels(), ElementsAre("function 'a()' and 1 more"));
  EXPECT_EQ(X.Plan.Groups[0].Ranges.at("/src/a.cc").size(), 3u) << "a, b and b's declaration";
}

TEST(Removal, FileChangedSinceParsedIsNotEdited) {
  TuBuilder T("a.cc");
  T.fn("main").fn("dead", 2).root("main");
  Planned X = plan(T.S, RemovalOptions{"/src", {}, {"/src/a.cc"}});
  EXPECT_TRUE(X.Plan.Groups.empty());
  EXPECT_FALSE(X.finding("dead()")->Removable);
  EXPECT_EQ(X.finding("dead()")->NotRemovableBecause, "'/src/a.cc' changed since it was parsed");
}

TEST(Removal, DeclarationOutsideTheSourceRootBlocks) {
  TuBuilder T("a.cc");
  T.S.Files.push_back("/usr/local/include/x.h");
  T.fn("main").fn("dead", 2).root("main");
  T.S.Symbols[1].Declarations.push_back(Site{1, 0, 10, 1, 1});
  Planned X = plan(T.S);
  EXPECT_TRUE(X.Plan.Groups.empty());
  EXPECT_EQ(X.finding("dead()")->NotRemovableBecause,
            "declared in '/usr/local/include/x.h', outside the source root");
}

TEST(Removal, WhatStayingCodeUsesStays) {
  TuBuilder T("a.cc");
  T.fn("main").fn("byMacro", 2, flag::FromMacro).fn("helper", 3).fn("leaf", 4).root("main");
  T.edge("byMacro", "helper").edge("helper", "leaf");
  Planned X = plan(T.S);
  EXPECT_TRUE(X.Plan.Groups.empty()) << "helper is used by byMacro, leaf by helper";
  EXPECT_EQ(X.finding("helper()")->NotRemovableBecause, "used by 'byMacro()', which stays");
  EXPECT_EQ(X.finding("leaf()")->NotRemovableBecause, "used by 'helper()', which stays");
}

TuBuilder hierarchy(uint32_t BaseFlags) {
  TuBuilder T("a.cc");
  T.cls("B").cls("D", {"B"});
  T.method("B", "f", SymbolKind::Method).method("D", "f", SymbolKind::Method, {"B::f"});
  T.S.Symbols[2].Flags |= BaseFlags;
  T.method("D", "D", SymbolKind::Constructor);
  T.fn("main").root("main").edge("main", "D::D", EdgeKind::Construct).edge("main", "D", EdgeKind::TypeUse);
  return T;
}

TEST(Removal, OverrideOfAPureVirtualStaysInALiveClass) {
  TuBuilder T = hierarchy(flag::Pure);
  T.S.Symbols[2].HasDefinition = false;  // `virtual void f() = 0;`
  Planned X = plan(T.S);
  EXPECT_TRUE(X.Plan.Groups.empty());
  EXPECT_EQ(X.finding("D::f()")->NotRemovableBecause,
            "overrides pure virtual 'B::f()': its class, which stays, would become abstract");
}

TEST(Removal, VirtualStaysWhileAnOverrideStays) {
  TuBuilder T = hierarchy(0);
  T.edge("main", "D::f", EdgeKind::Call);  // `d.D::f()`: B::f is dead, and nothing names it
  Planned X = plan(T.S);
  EXPECT_TRUE(X.Plan.Groups.empty());
  EXPECT_EQ(X.finding("B::f()")->NotRemovableBecause, "overridden by 'D::f()', which stays");
}

TEST(Removal, ClassGoesWithItsMembersOrItsBlockedMemberKeepsIt) {
  TuBuilder T("a.cc");
  T.cls("C").method("C", "C", SymbolKind::Constructor).method("C", "g", SymbolKind::Method);
  T.fn("main").root("main");
  Planned Whole = plan(T.S);
  ASSERT_THAT(Whole.labels(), ElementsAre("class 'C()' and 2 more"));

  T.S.Symbols[2].Flags |= flag::FromMacro;  // C::g cannot be removed
  Planned Kept = plan(T.S);
  EXPECT_EQ(Kept.finding("C()")->NotRemovableBecause, "its member 'C::g()' stays");
  EXPECT_THAT(Kept.labels(), ElementsAre("constructor 'C::C()'")) << "the other member still goes";
}

}  // namespace
}  // namespace deadwood

namespace {
TEST(Removal, ShortNameIsWhatCompilerMessagesQuote) {
  using deadwood::shortName;
  EXPECT_EQ(shortName("ns::Box<T>::get(int) const"), "get");
  EXPECT_EQ(shortName("YAML::jkj::detail::floor_log10_pow2_info<0>"), "floor_log10_pow2_info");
  EXPECT_EQ(shortName("legacyLine"), "legacyLine");
  EXPECT_EQ(shortName("inv::legacyLine(const Item &)"), "legacyLine");
  EXPECT_EQ(shortName("Stub::operator=(const Stub &)"), "operator=");
  EXPECT_EQ(shortName("S::operator()(int)"), "operator");  // parentheses are the signature
}
}  // namespace
