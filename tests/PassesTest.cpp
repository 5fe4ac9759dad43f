// Link, reach and classify on hand-built summaries: plain data, no Clang.
#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Reach.h"
#include "passes/Why.h"

#include "TuBuilder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>

namespace deadwood {
namespace {

using test::TuBuilder;
using testing::ElementsAre;
using testing::UnorderedElementsAre;

std::vector<std::string> deadNames(std::vector<TuSummary> Tus, Dispatch Mode = Dispatch::Rta) {
  Program P = link(std::move(Tus));
  Report R = classify(P, reach(P, Mode), ClassifyOptions{"/src", {}, {}});
  std::vector<std::string> Names;
  for (const Finding &F : R.Findings) {
    Names.push_back(F.Name);
    for (const Finding &M : F.Members) Names.push_back(M.Name);
  }
  return Names;
}

TEST(Reach, DeadCycleAndChainAreDead) {
  TuBuilder T("a.cc");
  T.fn("main").fn("a").fn("b").fn("c").fn("d").fn("e");
  T.edge("main", "a").edge("b", "c").edge("c", "b").edge("d", "e").root("main");
  EXPECT_THAT(deadNames({T.S}), UnorderedElementsAre("b()", "c()", "d()", "e()"));
}

TEST(Reach, RemembersFirstPredecessor) {
  TuBuilder T("a.cc");
  T.fn("main").fn("a").fn("b").edge("main", "a").edge("a", "b").root("main");
  Program P = link({T.S});
  Reachability R = reach(P);
  const Step &B = R.Steps[P.find("c:@F@b")];
  EXPECT_EQ(B.How, Step::Edge);
  EXPECT_EQ(B.From, P.find("c:@F@a"));
  EXPECT_EQ(R.Steps[P.find("c:@F@main")].How, Step::Root);
}

TEST(Reach, NamespaceScopeUseIsRoot) {
  TuBuilder T("a.cc");
  T.fn("width").fn("height").edge("", "width");
  EXPECT_THAT(deadNames({T.S}), ElementsAre("height()"));
}

TuBuilder hierarchy() {
  TuBuilder T("a.cc");
  T.cls("B").cls("D", {"B"}).cls("E", {"B"});
  T.method("B", "f", SymbolKind::Method)
      .method("D", "f", SymbolKind::Method, {"B::f"})
      .method("E", "f", SymbolKind::Method, {"B::f"})
      .method("D", "D", SymbolKind::Constructor)
      .method("E", "E", SymbolKind::Constructor);
  T.fn("main").root("main").edge("main", "D::D", EdgeKind::Construct);
  return T;
}

TEST(Reach, RtaReachesOnlyOverridesOfInstantiatedClasses) {
  TuBuilder T = hierarchy();
  T.edge("main", "B::f", EdgeKind::VirtualCall);
  EXPECT_THAT(deadNames({T.S}), UnorderedElementsAre("B::f()", "E()", "E::f()", "E::E()"));
}

TEST(Reach, ConstructingABasePartInstantiatesTheBase) {
  TuBuilder T("a.cc");
  T.cls("B").cls("D", {"B"});
  T.method("B", "f", SymbolKind::Method).method("D", "f", SymbolKind::Method, {"B::f"});
  T.method("B", "B", SymbolKind::Constructor).method("D", "D", SymbolKind::Constructor);
  T.fn("main").root("main").edge("main", "D::D", EdgeKind::Construct);
  T.edge("D::D", "B::B", EdgeKind::ConstructBase).edge("main", "B::f", EdgeKind::VirtualCall);
  EXPECT_THAT(deadNames({T.S}), ElementsAre())
      << "while B::B runs for a D, the dynamic type is B: a virtual call then reaches B::f";
}

TEST(Reach, ChaReachesEveryOverride) {
  TuBuilder T = hierarchy();
  T.edge("main", "B::f", EdgeKind::VirtualCall);
  EXPECT_THAT(deadNames({T.S}, Dispatch::Cha), ElementsAre("E::E()"));
}

TEST(Reach, InstantiationAfterTheCallStillDispatches) {
  // The virtual call is reached first, the constructor later: order must not matter.
  TuBuilder T("a.cc");
  T.cls("B").cls("D", {"B"});
  T.method("B", "f", SymbolKind::Method).method("D", "f", SymbolKind::Method, {"B::f"});
  T.method("D", "D", SymbolKind::Constructor);
  T.fn("main").fn("late").root("main");
  T.edge("main", "B::f", EdgeKind::VirtualCall).edge("main", "late");
  T.edge("late", "D::D", EdgeKind::Construct);
  EXPECT_THAT(deadNames({T.S}), ElementsAre("B::f()"));
}

TEST(Reach, OverrideOfSystemMethodIsCalledWhenClassIsInstantiated) {
  TuBuilder T("a.cc");
  T.cls("std::exception").cls("Mine", {"std::exception"}).cls("Other", {"std::exception"});
  T.method("std::exception", "what", SymbolKind::Method);
  T.S.Symbols.back().Flags |= flag::InSystemHeader;
  T.method("Mine", "what", SymbolKind::Method, {"std::exception::what"})
      .method("Other", "what", SymbolKind::Method, {"std::exception::what"})
      .method("Mine", "Mine", SymbolKind::Constructor);
  T.fn("main").root("main").edge("main", "Mine::Mine", EdgeKind::Construct);
  EXPECT_THAT(deadNames({T.S}), ElementsAre("Other()", "Other::what()"))
      << "Other is never instantiated: one class finding with its member";
}

TEST(Reach, PatternIsLiveWhenAnInstantiationIs) {
  TuBuilder T("a.cc");
  T.fn("tmpl").fn("tmpl<int>", 1, flag::Instantiation);
  T.S.Symbols.back().Pattern = "c:@F@tmpl";
  T.fn("other", 2);
  T.fn("main").root("main").edge("main", "tmpl<int>");
  EXPECT_THAT(deadNames({T.S}), ElementsAre("other()"));
}

TEST(Classify, CompilerMadeAndSystemCodeIsNeverReported) {
  TuBuilder T("a.cc");
  for (uint32_t F : {flag::Implicit, flag::Deleted, flag::Defaulted, flag::Instantiation,
                     flag::InSystemHeader, flag::Lambda})
    T.fn("f" + std::to_string(F), 1, F);
  T.fn("plain");
  EXPECT_THAT(deadNames({T.S}), ElementsAre("plain()"));
}

TEST(Classify, FailedTuMakesItsFilesUnknown) {
  TuBuilder Good("good.cc"), Bad("bad.cc");
  Good.fn("main").fn("unused").root("main");
  Good.S.Files.push_back("/src/shared.h");
  Good.fn("inShared");
  Good.S.Symbols.back().Definition.File = 1;
  Bad.failed();
  Bad.S.Files.push_back("/src/shared.h");
  Program P = link({Good.S, Bad.S});
  Report R = classify(P, reach(P), ClassifyOptions{"/src", {}, {}});
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Name, "unused()");
  EXPECT_EQ(R.Unknown, 1u);
  EXPECT_TRUE(R.incomplete());
}

TEST(Classify, SourceRootExcludedDirsAndFilters) {
  TuBuilder T("a.cc");
  T.S.Files = {"/src/a.cc", "/src/build/gen.cc", "/other/x.cc", "/src/sub/y.cc"};
  for (int F = 0; F < 4; ++F) {
    T.fn("f" + std::to_string(F));
    T.S.Symbols.back().Definition.File = F;
  }
  Program P = link({T.S});
  Reachability R = reach(P);
  auto Names = [&](ClassifyOptions O) {
    std::vector<std::string> N;
    for (const Finding &F : classify(P, R, O).Findings) N.push_back(F.Name);
    return N;
  };
  EXPECT_THAT(Names({"/src", {"/src/build"}, {}}), ElementsAre("f0()", "f3()"));
  EXPECT_THAT(Names({"/src", {}, {"/src/sub"}}), ElementsAre("f3()"));
  EXPECT_THAT(Names({"/", {}, {}}), ElementsAre("f2()", "f0()", "f1()", "f3()"));
}

TEST(Link, MergesByUsrAndIsIndependentOfTuOrder) {
  TuBuilder A("a.cc"), B("b.cc");
  A.fn("main").fn("shared", 5).root("main").edge("main", "shared");
  A.S.Symbols.back().Declarations.push_back(Site{0, 0, 0, 1, 1});
  B.fn("shared", 5).fn("onlyB").edge("onlyB", "shared");
  B.S.Symbols[0].Definition.File = -1;
  B.S.Symbols[0].HasDefinition = false;
  B.S.Symbols[0].Declarations.push_back(Site{0, 0, 0, 2, 1});
  Program P1 = link({A.S, B.S}), P2 = link({B.S, A.S});
  ASSERT_EQ(P1.size(), P2.size());
  for (size_t I = 0; I < P1.size(); ++I) {
    EXPECT_EQ(P1.Symbols[I].Usr, P2.Symbols[I].Usr);
    EXPECT_EQ(P1.Symbols[I].Declarations, P2.Symbols[I].Declarations);
    EXPECT_EQ(P1.Symbols[I].Definition, P2.Symbols[I].Definition);
  }
  EXPECT_EQ(P1.Edges.size(), P2.Edges.size());
  const Symbol &Shared = P1.Symbols[P1.find("c:@F@shared")];
  EXPECT_TRUE(Shared.HasDefinition);
  EXPECT_EQ(Shared.Declarations.size(), 2u) << "a.cc:1 and b.cc:2";
}

/// Many TUs of one random program: each defines its share of functions and
/// of virtual methods of a few classes, declares what it calls elsewhere,
/// and names some at namespace scope.
std::vector<TuSummary> randomProgram(size_t Tus, size_t PerTu) {
  std::mt19937 Rng(7);
  std::vector<TuSummary> Out;
  for (size_t T = 0; T < Tus; ++T) {
    TuBuilder B("tu" + std::to_string(T) + ".cc");
    B.S.Files.push_back("/src/shared.h");
    for (size_t I = 0; I < PerTu; ++I) B.fn("f" + std::to_string(T * PerTu + I), static_cast<uint32_t>(I + 1));
    for (int C = 0; C < 4; ++C) {
      std::string Base = "Base" + std::to_string(C), Derived = "Derived" + std::to_string(C) + "_" + std::to_string(T % 3);
      B.cls(Base).cls(Derived, {Base}).method(Base, "run", SymbolKind::Method);
      B.method(Derived, "run", SymbolKind::Method, {Base + "::run"});
      B.S.Symbols.back().Definition.File = 1;  // in the shared header: the same site in every TU
    }
    std::unordered_map<size_t, int32_t> Index;  // function number -> index (B.index would search)
    auto IndexOf = [&](size_t F) {
      if (F / PerTu == T) return static_cast<int32_t>(F % PerTu);
      auto [It, New] = Index.try_emplace(F, static_cast<int32_t>(B.S.Symbols.size()));
      if (New) {  // declared here, defined in its own TU
        Symbol Declared;
        Declared.Usr = "c:@F@f" + std::to_string(F);
        Declared.Name = "f" + std::to_string(F) + "()";
        B.S.Symbols.push_back(Declared);
      }
      return It->second;
    };
    for (size_t E = 0; E < 4 * PerTu; ++E)
      B.S.Edges.push_back(Edge{IndexOf(T * PerTu + Rng() % PerTu), IndexOf(Rng() % (Tus * PerTu)),
                               static_cast<EdgeKind>(Rng() % kEdgeKindCount), 0, static_cast<uint32_t>(E), 1});
    B.S.Edges.push_back(Edge{-1, IndexOf(Rng() % (Tus * PerTu)), EdgeKind::Call, 0, 1, 1});
    B.edge("", "Base0", EdgeKind::TypeUse);
    B.root("f" + std::to_string(T * PerTu));
    Out.push_back(std::move(B.S));
  }
  return Out;
}

TEST(Link, TheProgramDoesNotDependOnTheNumberOfThreads) {
  std::vector<TuSummary> Tus = randomProgram(40, 2000);  // 80k descriptions: more than one batch
  std::vector<std::string> FirstSeen;  // the ids link must give: order of first sight over sorted TUs
  std::vector<const TuSummary *> Sorted;
  for (const TuSummary &S : Tus) Sorted.push_back(&S);
  std::sort(Sorted.begin(), Sorted.end(), [](auto *A, auto *B) { return A->MainFile < B->MainFile; });
  std::set<std::string> Seen;
  for (const TuSummary *S : Sorted)
    for (const Symbol &Sym : S->Symbols)
      if (Seen.insert(Sym.Usr).second) FirstSeen.push_back(Sym.Usr);

  Program One = link(Tus, 1), Three = link(Tus, 3);
  ASSERT_EQ(One.size(), FirstSeen.size());
  for (SymbolId I = 0; I < One.size(); ++I) {
    EXPECT_EQ(One.Symbols[I].Usr, FirstSeen[I]);
    EXPECT_EQ(One.find(FirstSeen[I]), I);
    EXPECT_EQ(Three.find(FirstSeen[I]), I);
    const Symbol &A = One.Symbols[I], &B = Three.Symbols[I];
    EXPECT_EQ(std::tie(A.Usr, A.Name, A.Kind, A.Flags, A.HasDefinition, A.Definition, A.Declarations, A.Parent,
                       A.Pattern, A.Overrides, A.Bases),
              std::tie(B.Usr, B.Name, B.Kind, B.Flags, B.HasDefinition, B.Definition, B.Declarations, B.Parent,
                       B.Pattern, B.Overrides, B.Bases));
    auto Ids = [](std::span<const SymbolId> S) { return std::vector<SymbolId>(S.begin(), S.end()); };
    EXPECT_EQ(Ids(One.OverridersOf[I]), Ids(Three.OverridersOf[I]));
    EXPECT_EQ(Ids(One.BasesOf[I]), Ids(Three.BasesOf[I]));
    EXPECT_EQ(Ids(One.VirtualsOf[I]), Ids(Three.VirtualsOf[I]));
  }
  EXPECT_EQ(One.find("c:@F@nothing"), kNoSymbol);
  EXPECT_EQ(One.EdgeBegin, Three.EdgeBegin);
  ASSERT_EQ(One.Edges.size(), Three.Edges.size());
  for (size_t I = 0; I < One.Edges.size(); ++I) {
    const OutEdge &A = One.Edges[I], &B = Three.Edges[I];
    EXPECT_EQ(std::make_tuple(A.To, A.Kind, int(A.File), A.Line, A.Column),
              std::make_tuple(B.To, B.Kind, int(B.File), B.Line, B.Column));
  }
  ASSERT_EQ(One.Roots.size(), Three.Roots.size());
  for (size_t I = 0; I < One.Roots.size(); ++I) EXPECT_EQ(One.Roots[I].Sym, Three.Roots[I].Sym);
  EXPECT_EQ(One.ScopeMentions, Three.ScopeMentions);
  EXPECT_FALSE(One.ScopeMentions.empty());
  const Symbol &Run = One.Symbols[One.find("c:@F@Derived0_1::run")];
  EXPECT_EQ(Run.Declarations.size(), 0u) << "one site, seen by many TUs, is one definition";
  EXPECT_EQ(One.OverridersOf[One.find("c:@F@Base0::run")].size(), 3u);
  EXPECT_EQ(reach(One).count(), reach(Three).count());
}

TEST(Link, DuplicateEdgesFromManyTusAreOne) {
  TuBuilder A("a.cc"), B("b.cc");
  A.fn("inl").fn("callee").edge("inl", "callee");
  B.fn("inl").fn("callee").edge("inl", "callee");
  Program P = link({A.S, B.S});
  EXPECT_EQ(P.Edges.size(), 1u);
}

TEST(Link, RelationToUnknownUsrIsKeptWithPlaceholder) {
  TuBuilder A("a.cc");
  A.fn("main").root("main").fn("f").edge("main", "f");
  A.S.Symbols[1].Pattern = "c:@FT@nowhere";
  Program P = link({A.S});
  ASSERT_NE(P.find("c:@FT@nowhere"), kNoSymbol);
  EXPECT_TRUE(reach(P).reached(P.find("c:@FT@nowhere"))) << "an instantiation keeps its pattern";
}

TEST(Link, EdgeToDeclarationOnlyReachesTheDefinitionElsewhere) {
  TuBuilder A("a.cc"), B("b.cc");
  A.fn("main").root("main").edge("main", "g");  // g only declared in a.cc
  B.fn("g", 4);
  Program P = link({A.S, B.S});
  ASSERT_NE(P.find("c:@F@g"), kNoSymbol);
  EXPECT_TRUE(P.Symbols[P.find("c:@F@g")].HasDefinition);
  EXPECT_TRUE(reach(P).reached(P.find("c:@F@g")));
}

TEST(Link, LargeRandomGraphSameResultInAnyOrder) {
  std::mt19937 Rng(7);
  std::vector<TuSummary> Tus;
  for (int T = 0; T < 20; ++T) {
    TuBuilder B("t" + std::to_string(T) + ".cc");
    for (int I = 0; I < 50; ++I) B.fn("f" + std::to_string(Rng() % 300));
    for (int I = 0; I < 60; ++I)
      B.edge("f" + std::to_string(Rng() % 300), "f" + std::to_string(Rng() % 300));
    Tus.push_back(B.S);
  }
  Tus[0].Roots.push_back(Root{"c:@F@f0", RootReason::Main});
  std::vector<std::string> First = deadNames(Tus);
  std::shuffle(Tus.begin(), Tus.end(), Rng);
  EXPECT_EQ(deadNames(Tus), First);
  EXPECT_FALSE(First.empty());
}

}  // namespace
}  // namespace deadwood

namespace deadwood {
namespace {

using test::TuBuilder;

TEST(Why, PathFromTheRootAndReferrersOfTheDead) {
  TuBuilder T("a.cc");
  T.fn("main").fn("a").fn("b").fn("deadCaller").fn("deadCallee").root("main");
  T.edge("main", "a").edge("a", "b").edge("deadCaller", "deadCallee");
  Program P = link({T.S});
  Reachability R = reach(P);
  Why Live = explain(P, R, P.find("c:@F@b"));
  ASSERT_TRUE(Live.Reached);
  std::vector<std::string> Hops;
  for (const WhyHop &H : Live.Path) Hops.push_back(P.Symbols[H.Sym].Name);
  EXPECT_THAT(Hops, ElementsAre("main()", "a()", "b()"));
  EXPECT_EQ(Live.Path[0].How.How, Step::Root);
  Why Dead = explain(P, R, P.find("c:@F@deadCallee"));
  EXPECT_FALSE(Dead.Reached);
  ASSERT_EQ(Dead.Referrers.size(), 1u);
  EXPECT_EQ(P.Symbols[Dead.Referrers[0]].Name, "deadCaller()");
}

TEST(Why, LookupByUsrQualifiedOrUnqualifiedName) {
  TuBuilder T("a.cc");
  T.fn("ns::log").fn("other::log").fn("solo");
  Program P = link({T.S});
  EXPECT_EQ(lookupSymbols(P, "c:@F@solo").size(), 1u);
  EXPECT_EQ(lookupSymbols(P, "ns::log").size(), 1u);
  EXPECT_EQ(lookupSymbols(P, "ns::log()").size(), 1u);
  EXPECT_EQ(lookupSymbols(P, "log").size(), 2u) << "ambiguous: the caller asks for a USR";
  EXPECT_TRUE(lookupSymbols(P, "nothing").empty());
}

}  // namespace
}  // namespace deadwood

namespace deadwood {
namespace {

TEST(Classify, TestOnlyCodeSplitFromDeadAndDeclarationsOnlyAreNoFindings) {
  TuBuilder Lib("lib.cc"), App("app.cc"), Test("test.cc");
  Lib.fn("used", 1).fn("onlyTested", 2).fn("dead", 3);
  App.fn("main").root("main").edge("main", "used");
  Test.fn("testMain").root("testMain").edge("testMain", "onlyTested").edge("testMain", "external");
  Program P = link({Lib.S, App.S, Test.S});  // TUs sorted: app.cc, lib.cc, test.cc
  std::vector<ProgramDef> Programs = {ProgramDef{"app", false, {true, true, false}, {}},
                                      ProgramDef{"tests", true, {false, true, true}, {}}};
  WholeReach W = reachPrograms(P, Programs, Dispatch::Rta);
  // `external` is reached only by the test and has no definition anywhere.
  ASSERT_TRUE(W.testOnly(P.find("c:@F@external")));
  Report R = classify(P, W.Any, ClassifyOptions{"/src", {}, {}, {}}, &W);
  std::vector<std::string> Seen;
  for (const Finding &F : R.Findings) Seen.push_back(std::string(categoryName(F.Category)) + " " + F.Name);
  EXPECT_THAT(Seen, UnorderedElementsAre("dead dead()", "test-only onlyTested()"));
}

}  // namespace
}  // namespace deadwood

namespace deadwood {
namespace {

TEST(Reach, ProgramsWalkedAtOnceMergeAsProgramsWalkedInTurn) {
  TuBuilder Lib("lib.cc"), A("a.cc"), B("b.cc"), C("c.cc");
  Lib.fn("shared", 1).fn("onlyB", 2).fn("onlyC", 3).fn("dead", 4).edge("shared", "onlyB");
  A.fn("mainA").root("mainA").edge("mainA", "shared");
  B.fn("mainB").root("mainB").edge("mainB", "onlyB");
  C.fn("mainC").root("mainC").edge("mainC", "onlyC").edge("mainC", "shared");
  Program P = link({Lib.S, A.S, B.S, C.S});  // TUs sorted: a.cc, b.cc, c.cc, lib.cc
  std::vector<ProgramDef> Programs = {ProgramDef{"a", false, {true, false, false, true}, {}},
                                      ProgramDef{"b", true, {false, true, false, true}, {}},
                                      ProgramDef{"c", false, {false, false, true, true}, {}}};
  WholeReach One = reachPrograms(P, Programs, Dispatch::Rta, 1), Three = reachPrograms(P, Programs, Dispatch::Rta, 3);
  EXPECT_EQ(One.ReachedBy, Three.ReachedBy);
  for (SymbolId S = 0; S < P.size(); ++S) {
    EXPECT_EQ(One.Any.Steps[S].How, Three.Any.Steps[S].How) << P.Symbols[S].Name;
    EXPECT_EQ(One.Any.Steps[S].From, Three.Any.Steps[S].From) << P.Symbols[S].Name;
  }
  // Production programs first: "c" is walked before the test "b".
  EXPECT_EQ(One.Programs[1].Name, "c");
  EXPECT_EQ(One.Programs[2].Name, "b");
  EXPECT_THAT(One.ReachedBy[P.find("c:@F@onlyB")], ElementsAre(0, 1, 2));
  EXPECT_THAT(One.ReachedBy[P.find("c:@F@onlyC")], ElementsAre(1));
  EXPECT_THAT(One.ReachedBy[P.find("c:@F@mainB")], ElementsAre(2));
  EXPECT_FALSE(One.Any.reached(P.find("c:@F@dead")));
}

}  // namespace
}  // namespace deadwood
