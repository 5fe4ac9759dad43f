// Extraction on annotated C++ snippets, through Clang, in memory.
#include "analyzer/Extract.h"

#include "Annotated.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace deadwood {
namespace {

using test::Annotated;
using test::Position;

const Symbol *byName(const TuSummary &S, const std::string &Name) {
  for (const Symbol &Sym : S.Symbols)
    if (Sym.Name == Name) return &Sym;
  return nullptr;
}

/// The edge From -> To (by qualified name with signature), or null.
const Edge *edgeBetween(const TuSummary &S, const std::string &From, const std::string &To) {
  const Symbol *F = byName(S, From), *T = byName(S, To);
  if (!T) return nullptr;
  for (const Edge &E : S.Edges)
    if (&S.Symbols[E.To] == T && (F ? E.From >= 0 && &S.Symbols[E.From] == F : From.empty() && E.From < 0))
      return &E;
  return nullptr;
}

bool isRoot(const TuSummary &S, const std::string &Name, RootReason Why) {
  const Symbol *Sym = byName(S, Name);
  return Sym && std::any_of(S.Roots.begin(), S.Roots.end(), [&](const Root &R) {
           return R.Usr == Sym->Usr && R.Reason == Why;
         });
}

Position at(const Edge &E) { return Position{E.Line, E.Column}; }

TEST(Extract, CallEdgeHasContainerAndLocation) {
  Annotated Code(R"cpp(
    static void $def^helper() {}
    void api() { $call^helper(); }
  )cpp");
  TuSummary S = extractFromCode(Code.text());
  ASSERT_FALSE(S.Failed);
  const Edge *E = edgeBetween(S, "api()", "helper()");
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Kind, EdgeKind::Call);
  EXPECT_EQ(at(*E), Code.point("call"));
  const Symbol *Helper = byName(S, "helper()");
  ASSERT_TRUE(Helper->HasDefinition);
  EXPECT_EQ((Position{Helper->Definition.Line, Helper->Definition.Column}), Code.point("def"));
  EXPECT_EQ(Helper->Link, Linkage::Internal);
  EXPECT_NE(Helper->Usr.find("/virtual/input.cc"), std::string::npos)
      << "internal-linkage USRs carry their file: " << Helper->Usr;
}

TEST(Extract, DefinitionRangeCoversTemplateHeader) {
  Annotated Code(R"cpp(
$whole[[template <class T>
T twice(T v) { return v + v; }]]
  )cpp");
  TuSummary S = extractFromCode(Code.text());
  const Symbol *Twice = byName(S, "twice(T)");
  ASSERT_NE(Twice, nullptr);
  EXPECT_EQ(Twice->Definition.Begin, Code.range("whole").first);
  EXPECT_EQ(Twice->Definition.End, Code.range("whole").second);
  EXPECT_FALSE(Twice->Flags & flag::Instantiation) << "the pattern as written";
}

TEST(Extract, VirtualCallThroughPointerQualifiedCallDirect) {
  Annotated Code(R"cpp(
    struct B { virtual void f(); };
    struct D : B { void f() override; };
    void viaPointer(B *b) { b->$v^f(); }
    void qualified(D *d) { d->B::$q^f(); }
  )cpp");
  TuSummary S = extractFromCode(Code.text());
  const Edge *V = edgeBetween(S, "viaPointer(B *)", "B::f()");
  ASSERT_NE(V, nullptr);
  EXPECT_EQ(V->Kind, EdgeKind::VirtualCall);
  EXPECT_EQ(at(*V), Code.point("v"));
  const Edge *Q = edgeBetween(S, "qualified(D *)", "B::f()");
  ASSERT_NE(Q, nullptr);
  EXPECT_EQ(Q->Kind, EdgeKind::Call);
  const Symbol *Df = byName(S, "D::f()");
  ASSERT_NE(Df, nullptr);
  EXPECT_THAT(Df->Overrides, testing::ElementsAre(byName(S, "B::f()")->Usr));
  EXPECT_EQ(Df->Parent, byName(S, "D")->Usr);
  EXPECT_THAT(byName(S, "D")->Bases, testing::ElementsAre(byName(S, "B")->Usr));
}

TEST(Extract, ConstructionAndScopeExitDestruction) {
  Annotated Code(R"cpp(
    struct S { S(); ~S(); };
    void use() { S $s^s; }
  )cpp");
  TuSummary S = extractFromCode(Code.text());
  const Edge *C = edgeBetween(S, "use()", "S::S()");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Kind, EdgeKind::Construct);
  const Edge *D = edgeBetween(S, "use()", "S::~S()");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->Kind, EdgeKind::Destroy);
}

TEST(Extract, DeleteThroughBaseDispatchesTheDestructor) {
  TuSummary S = extractFromCode(R"cpp(
    struct B { virtual ~B(); };
    void drop(B *b) { delete b; }
  )cpp");
  const Edge *D = edgeBetween(S, "drop(B *)", "B::~B()");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->Kind, EdgeKind::VirtualCall);
}

TEST(Extract, TakingAnAddressIsAnEdge) {
  Annotated Code(R"cpp(
    int target(int);
    int (*pick())(int) { return $a^target; }
  )cpp");
  TuSummary S = extractFromCode(Code.text());
  const Edge *E = edgeBetween(S, "pick()", "target(int)");
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Kind, EdgeKind::Address);
  EXPECT_EQ(at(*E), Code.point("a"));
}

TEST(Extract, GlobalInitializerEdgesStartAtTheVariable) {
  TuSummary S = extractFromCode(R"cpp(
    int compute();
    int global = compute();
    constexpr int table[] = {1, 2, 3};
    int reader() { return global + table[0]; }
  )cpp");
  EXPECT_NE(edgeBetween(S, "global", "compute()"), nullptr);
  EXPECT_TRUE(isRoot(S, "global", RootReason::StaticInit));
  EXPECT_FALSE(isRoot(S, "table", RootReason::StaticInit)) << "constant initializer";
  const Edge *R = edgeBetween(S, "reader()", "global");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->Kind, EdgeKind::Reference);
  EXPECT_NE(edgeBetween(S, "reader()", "table"), nullptr);
}

TEST(Extract, Roots) {
  TuSummary S = extractFromCode(R"cpp(
    #include <cstddef>
    int main() { return 0; }
    __attribute__((constructor)) void early() {}
    __attribute__((used)) static void kept() {}
    #include <cstdlib>
    void *operator new(std::size_t n) { return std::malloc(n); }
    void ordinary() {}
  )cpp");
  EXPECT_TRUE(isRoot(S, "main()", RootReason::Main));
  EXPECT_TRUE(isRoot(S, "early()", RootReason::Attribute));
  EXPECT_TRUE(isRoot(S, "kept()", RootReason::Attribute));
  EXPECT_TRUE(isRoot(S, "operator new(unsigned long)", RootReason::ReplaceableNew));
  EXPECT_FALSE(byName(S, "operator new(unsigned long)")->Flags & flag::Implicit)
      << "the user's replacement is not Clang's implicit declaration";
  for (RootReason R : {RootReason::Main, RootReason::Attribute, RootReason::StaticInit})
    EXPECT_FALSE(isRoot(S, "ordinary()", R));
}

TEST(Extract, InstantiationsAreNodesMappedToTheirPattern) {
  TuSummary S = extractFromCode(R"cpp(
    template <class T> T id(T v) { return v; }
    int use() { return id(1); }
  )cpp");
  const Symbol *Pattern = byName(S, "id(T)");
  const Symbol *Inst = byName(S, "id<int>(int)");
  ASSERT_NE(Pattern, nullptr);
  ASSERT_NE(Inst, nullptr);
  EXPECT_EQ(Inst->Pattern, Pattern->Usr);
  EXPECT_TRUE(Inst->Flags & flag::Instantiation);
  EXPECT_NE(edgeBetween(S, "use()", "id<int>(int)"), nullptr);
}

TEST(Extract, CallsInsideStandardLibraryInstantiationsAreKept) {
  TuSummary S = extractFromCode(R"cpp(
    #include <algorithm>
    #include <vector>
    bool byValue(int a, int b) { return a < b; }
    struct Less { bool operator()(int a, int b) const { return a < b; } };
    void sortBoth(std::vector<int> &v) {
      std::sort(v.begin(), v.end(), byValue);
      std::sort(v.begin(), v.end(), Less());
    }
  )cpp");
  ASSERT_FALSE(S.Failed);
  EXPECT_NE(edgeBetween(S, "sortBoth(std::vector<int> &)", "byValue(int, int)"), nullptr);
  const Symbol *Op = byName(S, "Less::operator()(int, int) const");
  ASSERT_NE(Op, nullptr);
  bool CalledFromStd = std::any_of(S.Edges.begin(), S.Edges.end(), [&](const Edge &E) {
    if (&S.Symbols[E.To] != Op || E.From < 0) return false;
    const Symbol &From = S.Symbols[E.From];
    return (From.Flags & flag::InSystemHeader) && (From.Flags & flag::Instantiation);
  });
  EXPECT_TRUE(CalledFromStd) << "std::sort's instantiation must call Less::operator()";
}

TEST(Extract, LibraryCodeThatCannotReachTheProjectKeepsNoEdges) {
  std::vector<std::pair<std::string, std::string>> System = {{"/virtual/sys/lib.h", R"cpp(
    #pragma once
    namespace std {
    template <class T> T inner(T t) { return t; }
    template <class T> T outer(T t) { return inner(t); }
    template <class F> void call(F f) { f(); }
    struct Task { virtual ~Task() {} virtual void run() {} };
    template <class T> struct Job : Task { void run() override { outer(T()); } };
    template <class T> Task *make() { return new Job<int>; }
    }
    namespace lib {
    void hook();  // the project may define it
    template <class T> void notify(T) { hook(); }
    }
  )cpp"}};
  TuSummary S = extractFromCode(R"cpp(
    #include <lib.h>
    struct Functor { void operator()() const {} };
    int use() {
      std::call(Functor());
      lib::notify(1);
      std::make<Functor>()->run();
      return std::outer(1);
    }
  )cpp", {"-std=c++20", "-isystem/virtual/sys"}, "/virtual/input.cc", System);
  ASSERT_FALSE(S.Failed);
  EXPECT_NE(edgeBetween(S, "use()", "std::outer<int>(int)"), nullptr) << "what the project calls stays";
  EXPECT_EQ(byName(S, "std::inner<int>(int)"), nullptr) << "only std code reaches it, and it reaches only std code";
  EXPECT_NE(edgeBetween(S, "std::call<Functor>(Functor)", "Functor::operator()() const"), nullptr);
  EXPECT_NE(edgeBetween(S, "lib::notify<int>(int)", "lib::hook()"), nullptr) << "lib is not the implementation's";
  // A polymorphic class's constructor makes its overrides callable.
  EXPECT_NE(edgeBetween(S, "std::make<Functor>()", "std::Job<int>::Job()"), nullptr);
  EXPECT_NE(byName(S, "std::Job<int>::run()"), nullptr);
}

TEST(Extract, ClosedLibraryInstantiationsAreNotMade) {
  // What an instantiation is made of shows in its edges to hook(), which
  // the summary keeps (the project may define it).
  std::vector<std::pair<std::string, std::string>> System = {{"/virtual/sys/lib.h", R"cpp(
    #pragma once
    struct Plain {};
    void hook();
    namespace std {
    template <class T> T outer(T t) { hook(); return t; }
    template <class T> struct Box { T t; };
    template <class T> struct Vec { void push(T) { hook(); } virtual void grow() { hook(); } };
    template <class T> constexpr T twice(T t) { return t + t; }
    template <class T> auto deduced(T t) { hook(); return t; }
    template <class F> void call(F f) { hook(); f(); }
    }
    namespace lib {
    template <class T> T notify(T t) { hook(); return t; }
    }
  )cpp"}};
  std::string Code = R"cpp(
    #include <lib.h>
    struct Functor { void operator()() const {} };
    int use() {
      std::call(Functor());
      std::outer(std::Box<Functor>());
      std::outer(std::Box<std::Box<int>>());
      std::outer(Plain());
      std::Vec<int>().push(1);
      std::Vec<Functor>().push(Functor());
      lib::notify(1);
      static_assert(std::twice(2) == 4);
      return std::outer(1) + std::deduced(3);
    }
  )cpp";
  auto Made = [](const TuSummary &S, const std::string &Name) { return edgeBetween(S, Name, "hook()") != nullptr; };
  TuSummary S = extractFromCode(Code, {"-std=c++20", "-isystem/virtual/sys"}, "/virtual/input.cc", System);
  ASSERT_FALSE(S.Failed);
  EXPECT_FALSE(Made(S, "std::outer<int>(int)")) << "std code of builtin types only";
  EXPECT_FALSE(Made(S, "std::outer<std::Box<std::Box<int>>>(std::Box<std::Box<int>>)"));
  EXPECT_FALSE(Made(S, "std::Vec<int>::push(int)"));
  EXPECT_TRUE(Made(S, "std::call<Functor>(Functor)")) << "a project type";
  EXPECT_NE(edgeBetween(S, "std::call<Functor>(Functor)", "Functor::operator()() const"), nullptr);
  EXPECT_TRUE(Made(S, "std::outer<std::Box<Functor>>(std::Box<Functor>)")) << "a project type inside";
  EXPECT_TRUE(Made(S, "std::Vec<Functor>::push(Functor)"));
  EXPECT_TRUE(Made(S, "std::outer<Plain>(Plain)")) << "lookup by argument would search the global namespace";
  EXPECT_TRUE(Made(S, "lib::notify<int>(int)")) << "lib is not the implementation's";
  EXPECT_TRUE(Made(S, "std::Vec<int>::grow()")) << "virtual";
  EXPECT_TRUE(Made(S, "std::deduced<int>(int)")) << "its return type needs its body";
  // The removal proof's re-parse leaves the same undone (what it is compared
  // with did); --no-skip-bodies makes every instantiation the compiler makes.
  Skipping Was = skipping();
  setSkipping(Skipping::SystemBodies);
  TuSummary Proof = extractFromCode(Code, {"-std=c++20", "-isystem/virtual/sys"}, "/virtual/input.cc", System);
  setSkipping(Skipping::None);
  TuSummary Whole = extractFromCode(Code, {"-std=c++20", "-isystem/virtual/sys"}, "/virtual/input.cc", System);
  setSkipping(Was);
  ASSERT_FALSE(Proof.Failed);
  ASSERT_FALSE(Whole.Failed);
  EXPECT_FALSE(Made(Proof, "std::outer<int>(int)"));
  EXPECT_TRUE(Made(Whole, "std::outer<int>(int)"));
  EXPECT_TRUE(Made(Whole, "std::Vec<int>::push(int)"));
}

TEST(Extract, WhatTheProjectDeclaresInStdMakesClosedInstantiationsAfterAll) {
  std::vector<std::pair<std::string, std::string>> System = {{"/virtual/sys/lib.h", R"cpp(
    #pragma once
    void hook();
    namespace std {
    template <class T> struct Box { T t; };
    template <class T> struct hash;
    template <class T> T outer(T t) { hook(); return t; }
    template <class T> int show(T t) { return print(t); }
    int print(int);
    }
  )cpp"}};
  auto Made = [](const TuSummary &S, const std::string &Name) { return edgeBetween(S, Name, "hook()") != nullptr; };
  auto Extract = [&](const std::string &After) {
    return extractFromCode("#include <lib.h>\nint use() { return std::outer(1) + std::outer(std::Box<int>()).t; }\n" +
                               After,
                           {"-std=c++20", "-isystem/virtual/sys"}, "/virtual/input.cc", System);
  };
  // Neither a specialization for a type of the project's nor a class can be
  // what std's code meets.
  TuSummary Own = Extract("struct Mine {};\ntemplate <> struct std::hash<Mine> {};\n"
                          "namespace std { struct Helper {}; using Alias = int; }\n");
  ASSERT_FALSE(Own.Failed);
  EXPECT_FALSE(Made(Own, "std::outer<int>(int)"));
  // A function argument-dependent lookup may find, declared after the use;
  // a specialization of std's template for closed arguments; a partial one.
  for (const char *Opens : {"namespace std { struct Mine {}; int print(Mine); }\n",
                            "template <> struct std::Box<long> {};\n",
                            "template <class T> struct std::Box<T *> {};\n"}) {
    TuSummary S = Extract(Opens);
    ASSERT_FALSE(S.Failed) << Opens;
    EXPECT_TRUE(Made(S, "std::outer<int>(int)")) << Opens;
    EXPECT_TRUE(Made(S, "std::outer<std::Box<int>>(std::Box<int>)")) << Opens;
  }
}

TEST(Extract, LambdaBodyBelongsToTheLambda) {
  TuSummary S = extractFromCode(R"cpp(
    void inner();
    void outer() { auto l = [] { inner(); }; l(); }
  )cpp");
  const Symbol *Lambda = nullptr;
  for (const Symbol &Sym : S.Symbols)
    if ((Sym.Flags & flag::Lambda) && Sym.Name.find("::operator()") != std::string::npos)
      Lambda = &Sym;
  ASSERT_NE(Lambda, nullptr);
  EXPECT_EQ(edgeBetween(S, "outer()", "inner()"), nullptr);
  EXPECT_TRUE(std::any_of(S.Edges.begin(), S.Edges.end(), [&](const Edge &E) {
    return E.From >= 0 && &S.Symbols[E.From] == Lambda && &S.Symbols[E.To] == byName(S, "inner()");
  }));
  EXPECT_TRUE(std::any_of(S.Edges.begin(), S.Edges.end(), [&](const Edge &E) {
    return E.From >= 0 && &S.Symbols[E.From] == byName(S, "outer()") && &S.Symbols[E.To] == Lambda;
  }));
}

TEST(Extract, DefaultArgumentsAndMemberInitializersAreEdgesWhereUsed) {
  TuSummary S = extractFromCode(R"cpp(
    int fallback();
    int seed();
    void take(int x = fallback());
    struct Config { int n = seed(); };
    void caller() { take(); }
    void maker() { Config c; }
  )cpp");
  EXPECT_NE(edgeBetween(S, "caller()", "fallback()"), nullptr);
  EXPECT_NE(edgeBetween(S, "Config::Config()", "seed()"), nullptr);
  EXPECT_EQ(edgeBetween(S, "", "seed()"), nullptr) << "not a namespace-scope use";
}

TEST(Extract, NamespaceScopeUseIsAnEdgeWithoutContainer) {
  TuSummary S = extractFromCode(R"cpp(
    constexpr int width() { return 4; }
    static_assert(width() == 4);
  )cpp");
  EXPECT_NE(edgeBetween(S, "", "width()"), nullptr);
}

TEST(Extract, ErrorsMarkTheTuFailed) {
  TuSummary S = extractFromCode("void f() { undeclared(); }");
  EXPECT_TRUE(S.Failed);
}

TEST(Extract, RecordsEveryFileRead) {
  TuSummary S = extractFromCode("#include <vector>\nvoid f() {}\n");
  EXPECT_TRUE(std::any_of(S.Files.begin(), S.Files.end(), [](const std::string &F) {
    return F.find("/vector") != std::string::npos;
  }));
}

// --- bodies another TU parsed -------------------------------------------------

using Files = std::vector<std::pair<std::string, std::string>>;

/// Extracts `Main` as /virtual/<Name> with the files given (-std=c++20 and
/// Args), skipping what Shared holds; the TU offers what it parsed to the
/// TUs after it itself.
TuSummary extractSharing(const std::string &Name, const std::string &Main, const Files &Headers,
                         SharedBodies &Shared, std::vector<std::string> Args = {}) {
  Args.insert(Args.begin(), "-std=c++20");
  TuSummary S = extractFromCode(Main, Args, "/virtual/" + Name, Headers, &Shared);
  EXPECT_FALSE(S.Failed) << Name;
  return S;
}

TEST(SharedBodies, ABodyAnotherTuParsedIsSkippedAndOnlyThatTuDescribesIt) {
  Files Headers = {{"/virtual/h.h", "#pragma once\n"
                                    "void g();\n"
                                    "inline void f() { g(); }\n"
                                    "struct S { int m() { g(); return 1; } };\n"
                                    "template <class T> void t(T) { g(); }\n"},
                   {"/virtual/other.h", "#pragma once\n#define OTHER 1\n#ifndef GUARD_H\n#define GUARD_H\n#endif\n"}};
  SharedBodies Shared;
  TuSummary A = extractSharing("a.cc", "#include \"h.h\"\nvoid a() { f(); t(1); }\n", Headers, Shared);
  // Other headers and other macros before h.h change nothing that f and m read.
  TuSummary B = extractSharing("b.cc", "#include \"other.h\"\n#include \"h.h\"\nvoid b() { f(); S().m(); t(2); }\n",
                               Headers, Shared);
  EXPECT_EQ(A.BodiesParsed.size(), 2u) << "f and S::m; never the template";
  EXPECT_TRUE(A.BodiesSkipped.empty());
  EXPECT_EQ(B.BodiesSkipped.size(), 2u);
  EXPECT_TRUE(B.BodiesParsed.empty());
  EXPECT_NE(edgeBetween(A, "f()", "g()"), nullptr);
  EXPECT_NE(edgeBetween(A, "S::m()", "g()"), nullptr);
  EXPECT_EQ(edgeBetween(B, "f()", "g()"), nullptr) << "B did not parse f's body";
  ASSERT_NE(byName(A, "f()"), nullptr);
  EXPECT_TRUE(byName(A, "f()")->HasDefinition);
  ASSERT_NE(byName(B, "f()"), nullptr);
  EXPECT_FALSE(byName(B, "f()")->HasDefinition) << "the definition's range comes from the TU that parsed it";
  EXPECT_NE(edgeBetween(B, "t<int>(int)", "g()"), nullptr) << "templates are always parsed";
  EXPECT_NE(edgeBetween(B, "b()", "S::m()"), nullptr);
  // B relies on A: alone, it misses what it skipped; with A, nothing.
  EXPECT_EQ(missingBodies({B}), std::vector<size_t>{0});
  EXPECT_TRUE(missingBodies({A, B}).empty());
  TuSummary FailedA = A;
  FailedA.Failed = true;
  EXPECT_EQ(missingBodies({FailedA, B}), std::vector<size_t>{1}) << "a failed TU vouches for nothing";
}

TEST(SharedBodies, ABodyIsOfferedOnceCompleteBeforeItsTuEnds) {
  // A's error comes after h.h: by then its bodies are offered, so B (as a
  // TU running beside A would) skips them; A fails, vouches for nothing,
  // and B is one to parse again.
  Files Headers = {{"/virtual/h.h", "#pragma once\nvoid g();\ninline void f() { g(); }\n"
                                    "struct S { void m() { f(); } };\n"}};
  SharedBodies Shared;
  TuSummary A = extractFromCode("#include \"h.h\"\nvoid a() { f(); }\nint broken = ;\n", {"-std=c++20"},
                                "/virtual/a.cc", Headers, &Shared);
  EXPECT_TRUE(A.Failed);
  EXPECT_TRUE(A.BodiesParsed.empty()) << "a failed TU's summary vouches for no body";
  TuSummary B = extractFromCode("#include \"h.h\"\nvoid b() { S().m(); }\n", {"-std=c++20"}, "/virtual/b.cc",
                                Headers, &Shared);
  EXPECT_FALSE(B.Failed);
  EXPECT_EQ(B.BodiesSkipped.size(), 2u) << "f and S::m, offered by A before its error";
  EXPECT_EQ(edgeBetween(B, "S::m()", "f()"), nullptr);
  EXPECT_EQ(missingBodies({A, B}), std::vector<size_t>{1});
  // Whatever a TU parses is offered by the TU itself, not by its caller.
  SharedBodies Fresh;
  TuSummary C = extractFromCode("#include \"h.h\"\n", {"-std=c++20"}, "/virtual/c.cc", Headers, &Fresh);
  EXPECT_EQ(C.BodiesParsed.size(), 2u);
  TuSummary D = extractFromCode("#include \"h.h\"\n", {"-std=c++20"}, "/virtual/d.cc", Headers, &Fresh);
  EXPECT_EQ(D.BodiesSkipped.size(), 2u) << "what C offered, with no Shared.add";
  EXPECT_TRUE(missingBodies({C, D}).empty());
}

TEST(SharedBodies, ABodyIsParsedAgainWhereTheMacrosItsTextNamesDiffer) {
  Files Headers = {{"/virtual/call.h", "#pragma once\ninline void f() { CALL(); }\n"},
                   {"/virtual/name.h", "#pragma once\ninline int h() { return limit; }\n"}};
  SharedBodies Shared;
  TuSummary A = extractSharing("a.cc", "void g();\nint limit;\n#define CALL g\n#include \"call.h\"\n#include \"name.h\"\n",
                               Headers, Shared);
  // CALL names another function; `limit`, a plain name in a.cc, is a macro here.
  TuSummary B = extractSharing("b.cc",
                               "void k();\nint other;\n#define CALL k\n#define limit other\n"
                               "#include \"call.h\"\n#include \"name.h\"\n",
                               Headers, Shared);
  EXPECT_EQ(A.BodiesParsed.size(), 2u);
  EXPECT_TRUE(B.BodiesSkipped.empty());
  EXPECT_NE(edgeBetween(A, "f()", "g()"), nullptr);
  EXPECT_NE(edgeBetween(B, "f()", "k()"), nullptr);
  EXPECT_NE(edgeBetween(B, "h()", "other"), nullptr);
  // The same macros again: now both are skipped.
  TuSummary C = extractSharing("c.cc", "void g();\nint limit;\n#define CALL g\n#include \"call.h\"\n#include \"name.h\"\n",
                               Headers, Shared);
  EXPECT_EQ(C.BodiesSkipped.size(), 2u);
}

TEST(SharedBodies, TheSameTextInAnotherFunctionIsNotTheSameBody) {
  // A macro outside the declaration names the namespace; one before the
  // name, the return type.
  Files Headers = {{"/virtual/h.h", "namespace NS {\nstruct A { A(int); };\nstruct B { B(int); };\n"
                                    "inline RET f() { return 1; }\n}\n"}};
  SharedBodies Shared;
  TuSummary A = extractSharing("a.cc", "#define NS one\n#define RET A\n#include \"h.h\"\n", Headers, Shared);
  TuSummary B = extractSharing("b.cc", "#define NS two\n#define RET A\n#include \"h.h\"\n", Headers, Shared);
  TuSummary C = extractSharing("c.cc", "#define NS one\n#define RET B\n#include \"h.h\"\n", Headers, Shared);
  EXPECT_EQ(A.BodiesParsed.size(), 1u);
  EXPECT_TRUE(B.BodiesSkipped.empty());
  EXPECT_TRUE(C.BodiesSkipped.empty());
  EXPECT_NE(edgeBetween(C, "one::f()", "one::B::B(int)"), nullptr);
}

TEST(SharedBodies, ABodyWithADirectiveOrAMacroThatDependsOnTheTuIsNeverShared) {
  Files Headers = {{"/virtual/h.h", "#pragma once\n"
                                    "void g();\n"
                                    "inline void f() {\n#ifdef FAST\n  g();\n#endif\n}\n"
                                    "inline int c() { return __COUNTER__; }\n"
                                    "inline int d() { return __INCLUDE_LEVEL__; }\n"}};
  SharedBodies Shared;
  TuSummary A = extractSharing("a.cc", "#include \"h.h\"\n", Headers, Shared);
  TuSummary B = extractSharing("b.cc", "#define FAST\n#include \"h.h\"\n", Headers, Shared);
  EXPECT_TRUE(A.BodiesParsed.empty());
  EXPECT_TRUE(B.BodiesSkipped.empty());
  EXPECT_NE(edgeBetween(B, "f()", "g()"), nullptr);
}

/// A TU, /virtual/<Name>, that only includes h.h, compiled with Args.
TuSummary extractWith(const char *Name, std::vector<std::string> Args, const Files &Headers, SharedBodies &Shared) {
  return extractSharing(Name, "#include \"h.h\"\n", Headers, Shared, std::move(Args));
}

TEST(SharedBodies, PositionIndependenceIsNotAnotherLanguage) {
  // -fPIC and -fpic change only predefined macros: f is shared, and p,
  // which names one of them, is parsed again.
  Files Headers = {{"/virtual/h.h", "#pragma once\nvoid g();\ninline void f() { g(); }\n"
                                    "inline int p() { return __PIC__; }\n"}};
  SharedBodies Shared;
  TuSummary A = extractWith("a.cc", {"-fpic"}, Headers, Shared);
  TuSummary B = extractWith("b.cc", {"-fPIC"}, Headers, Shared);
  EXPECT_EQ(A.BodiesParsed.size(), 2u);
  ASSERT_EQ(B.BodiesSkipped.size(), 1u) << "f, not p";
  EXPECT_EQ(B.BodiesParsed.size(), 1u);
  EXPECT_EQ(B.BodiesSkipped, std::vector<BodyKey>{A.BodiesParsed[0]});
  // Without position independence f is shared too (p does not compile there).
  SharedBodies Plain;
  Files OnlyF = {{"/virtual/h.h", "#pragma once\nvoid g();\ninline void f() { g(); }\n"}};
  TuSummary D = extractWith("d.cc", {"-fno-pic"}, OnlyF, Plain);
  TuSummary E = extractWith("e.cc", {"-fPIE"}, OnlyF, Plain);
  EXPECT_EQ(D.BodiesParsed.size(), 1u);
  EXPECT_EQ(E.BodiesSkipped.size(), 1u);
}

TEST(SharedBodies, ATuWithoutExceptionsOrRttiTakesABodyParsedWithThemNeverTheOtherWayRound) {
  // With exceptions, `new Obj` also names the operator delete that frees it
  // should the constructor throw; without, it does not: a parse with them
  // finds at least what one without would. A text naming a feature test is
  // another matter: it means something else in the other language.
  Files Headers = {{"/virtual/h.h", "#pragma once\n"
                                    "struct Obj { Obj(); static void *operator new(unsigned long);"
                                    " static void operator delete(void *); };\n"
                                    "inline Obj *make() { return new Obj; }\n"
                                    "inline bool e() { return __has_feature(cxx_exceptions); }\n"}};
  const char *Delete = "Obj::operator delete(void *)";
  SharedBodies Shared;
  TuSummary Without = extractWith("a.cc", {"-fno-exceptions"}, Headers, Shared);
  TuSummary With = extractWith("b.cc", {"-fexceptions"}, Headers, Shared);
  EXPECT_EQ(Without.BodiesParsed.size(), 2u);
  EXPECT_TRUE(With.BodiesSkipped.empty()) << "a parse without exceptions is not one with them";
  EXPECT_EQ(edgeBetween(Without, "make()", Delete), nullptr);
  EXPECT_NE(edgeBetween(With, "make()", Delete), nullptr);

  SharedBodies Richer;
  TuSummary First = extractWith("c.cc", {"-fexceptions"}, Headers, Richer);
  ASSERT_EQ(First.BodiesParsed.size(), 2u);
  const char *New = "Obj::operator new(unsigned long)";
  EXPECT_NE(edgeBetween(First, "make()", New), nullptr);
  for (std::vector<std::string> Args : {std::vector<std::string>{"-fno-exceptions"}, {"-fno-rtti"},
                                        {"-fno-exceptions", "-fno-rtti"}}) {
    TuSummary Poorer = extractWith("d.cc", Args, Headers, Richer);
    EXPECT_EQ(Poorer.BodiesSkipped, std::vector<BodyKey>{First.BodiesParsed[0]}) << Args.back() << ": make, not e";
    EXPECT_EQ(Poorer.BodiesParsed.size(), 1u) << Args.back();
    EXPECT_EQ(edgeBetween(Poorer, "make()", New), nullptr) << Args.back();
  }
  // Without RTTI, exceptions on: not richer than a parse with both off.
  SharedBodies Mixed;
  extractWith("e.cc", {"-fno-exceptions", "-fno-rtti"}, Headers, Mixed);
  TuSummary NoRtti = extractWith("f.cc", {"-fno-rtti"}, Headers, Mixed);
  EXPECT_TRUE(NoRtti.BodiesSkipped.empty());
}

TEST(SharedBodies, KeysSurviveTheSummaryFormats) {
  Files Headers = {{"/virtual/h.h", "#pragma once\ninline void f() {}\n"}};
  SharedBodies Shared;
  TuSummary A = extractSharing("a.cc", "#include \"h.h\"\n", Headers, Shared);
  TuSummary B = extractSharing("b.cc", "#include \"h.h\"\n", Headers, Shared);
  ASSERT_EQ(B.BodiesSkipped.size(), 1u);
  EXPECT_EQ(B.BodiesSkipped, A.BodiesParsed);
  for (bool Binary : {false, true}) {
    TuSummary Back;
    std::string Err;
    ASSERT_TRUE(Binary ? summaryFromBinary(summaryToBinary(B), &Back, &Err) : summaryFromJson(summaryToJson(B), &Back, &Err))
        << Err;
    EXPECT_EQ(Back.BodiesSkipped, B.BodiesSkipped);
    ASSERT_TRUE(Binary ? summaryFromBinary(summaryToBinary(A), &Back, &Err) : summaryFromJson(summaryToJson(A), &Back, &Err))
        << Err;
    EXPECT_EQ(Back.BodiesParsed, A.BodiesParsed);
  }
}

}  // namespace
}  // namespace deadwood

namespace deadwood {
namespace {

/// "name line why" of each identifier the summary says this configuration
/// does not compile.
std::map<std::string, std::string> skippedNames(const TuSummary &S) {
  std::map<std::string, std::string> Out;
  for (const SkippedName &N : S.Skipped) Out[N.Name] = std::to_string(N.Line) + " " + N.Why;
  return Out;
}

TEST(SkippedCode, IdentifiersOfSkippedRegionsAndOfArgumentsMacrosDrop) {
  const char *Code = R"cpp(#define DROP(x) ((void)0)
#define NAME(x) #x
#define KEEP(x) (x)
int netOnly();
int winOnly();
int checked(int);
int named();
int kept();
int main() {
#ifdef WITH_NET
  netOnly();
#else
  KEEP(kept());
#endif
#if defined(_WIN32) && \
    defined(_MSC_VER)  // a comment
  winOnly();
#endif
  DROP(checked(1));
  (void)NAME(named);
  return 0;
}
)cpp";
  TuSummary S = extractFromCode(Code, {"-std=c++20", "-DWITH_NET"});
  ASSERT_FALSE(S.Failed) << (S.Errors.empty() ? "" : S.Errors[0]);
  std::map<std::string, std::string> Names = skippedNames(S);
  EXPECT_EQ(Names["kept"], "13 under #else of #ifdef WITH_NET");
  EXPECT_EQ(Names["KEEP"], "13 under #else of #ifdef WITH_NET");
  EXPECT_EQ(Names["winOnly"], "17 under #if defined(_WIN32) && ...");
  EXPECT_EQ(Names["checked"], "19 in the argument of DROP, which this configuration drops");
  EXPECT_EQ(Names["named"], "20 in the argument of NAME, which this configuration drops") << "only stringified";
  EXPECT_FALSE(Names.count("netOnly")) << "compiled here";
  EXPECT_FALSE(Names.count("_WIN32")) << "the directive's own names are not uses";
  EXPECT_FALSE(Names.count("_MSC_VER")) << "nor those of its continuation line";
  EXPECT_FALSE(Names.count("WITH_NET"));
  for (const SkippedName &N : S.Skipped) EXPECT_EQ(N.File >= 0 ? S.Files[N.File] : "", "/virtual/input.cc") << N.Name;

  // The other configuration: the names swap sides.
  Names = skippedNames(extractFromCode(Code, {"-std=c++20"}));
  EXPECT_EQ(Names["netOnly"], "11 under #ifdef WITH_NET");
  EXPECT_FALSE(Names.count("kept"));

  // A header included twice is skipped the second time by its include
  // guard (a guard Clang cannot see as one, here): not another configuration.
  const char *Guarded = "#ifndef GUARDED_H\n#define GUARDED_H\nint guarded();\n#endif\n#define AGAIN\n";
  TuSummary Twice = extractFromCode("#include \"/virtual/guarded.h\"\n#include \"/virtual/guarded.h\"\nint main() {}\n",
                                    {"-std=c++20"}, "/virtual/input.cc", {{"/virtual/guarded.h", Guarded}});
  ASSERT_FALSE(Twice.Failed);
  EXPECT_FALSE(skippedNames(Twice).count("guarded"));

  // Both summary formats keep them.
  TuSummary Back;
  std::string Err;
  ASSERT_TRUE(summaryFromBinary(summaryToBinary(S), &Back, &Err)) << Err;
  EXPECT_EQ(Back.Skipped, S.Skipped);
  ASSERT_TRUE(summaryFromJson(summaryToJson(S), &Back, &Err)) << Err;
  EXPECT_EQ(Back.Skipped, S.Skipped);
}

}  // namespace
}  // namespace deadwood
