// The fidelity corpus: each case marks, with `// dead`, every definition
// deadwood must report; every unmarked definition must not be reported.
// Long (~670 lines) because it is data: one short C++ case per construct,
// read top to bottom like a catalogue (FidelityMoreTest and
// FidelityRealTest continue it).
#include "Fidelity.h"

#include <gtest/gtest.h>

namespace deadwood::test {
namespace {

const Case kCases[] = {
    // --- reachability basics ---
    {"DeadChain", R"cpp(
void leaf() {}                     // dead
void middle() { leaf(); }          // dead
void used() {}
int main() { used(); }
)cpp"},
    {"DeadCycle", R"cpp(
void ping(int n);
void pong(int n) { if (n) ping(n - 1); }   // dead
void ping(int n) { if (n) pong(n - 1); }   // dead
int main() {}
)cpp"},
    {"RecursionFromMainIsLive", R"cpp(
int fact(int n) { return n ? n * fact(n - 1) : 1; }
int main() { return fact(3); }
)cpp"},
    {"OverloadsAreSeparate", R"cpp(
void log(int) {}
void log(const char *) {}          // dead
int main() { log(1); }
)cpp"},
    {"StaticAndAnonymousNamespace", R"cpp(
static void helper() {}            // dead
namespace { void other() {} }      // dead
namespace { void kept() {} }
int main() { kept(); }
)cpp"},
    // --- roots ---
    {"DynamicInitializerIsRoot", R"cpp(
int compute() { return 42; }
int unusedCompute() { return 1; }  // dead
int global = compute();
int main() {}
)cpp"},
    {"ConstantInitializedTableKeepsNothing", R"cpp(
int a() { return 1; }              // dead
int b() { return 2; }              // dead
using Fn = int (*)();
Fn table[] = {a, b};               // dead
int main() {}
)cpp"},
    {"ConstantTableReferencedFromMain", R"cpp(
int a() { return 1; }
int b() { return 2; }
using Fn = int (*)();
Fn table[] = {a, b};
int main() { return table[0](); }
)cpp"},
    {"SelfRegistration", R"cpp(
struct Registrar { Registrar(void (*f)()) { f(); } };
void registered() {}
void notRegistered() {}            // dead
static Registrar r(registered);
int main() {}
)cpp"},
    {"AttributeRoots", R"cpp(
__attribute__((constructor)) static void init() {}
__attribute__((destructor)) static void fini() {}
__attribute__((used)) static void forAsm() {}
static void plain() {}             // dead
int main() {}
)cpp"},
    {"ReplaceableOperatorNew", R"cpp(
#include <cstdlib>
#include <new>
void *operator new(std::size_t n) { return std::malloc(n); }
void operator delete(void *p) noexcept { std::free(p); }
int main() {}
)cpp"},
    {"NamespaceScopeStaticAssert", R"cpp(
constexpr int width() { return 4; }
static_assert(width() == 4);
constexpr int height() { return 2; }   // dead
int main() {}
)cpp"},
    // --- virtual dispatch (RTA) ---
    {"OverrideInNeverInstantiatedClassIsDead", R"cpp(
struct Shape { virtual ~Shape() {} virtual double area() const = 0; };
struct Square : Shape { double area() const override { return 4; } };
struct Circle : Shape {                            // dead
  Circle() {}                                      // dead
  double area() const override { return 3.14; }    // dead
};
double measure(const Shape &s) { return s.area(); }
int main() { Square sq; return measure(sq) > 0; }
)cpp"},
    {"OverrideReachedWhenClassIsInstantiatedLater", R"cpp(
struct B { virtual int f() { return 0; } virtual ~B() = default; };
struct D : B { int f() override { return 1; } };
int call(B *b) { return b->f(); }
int main() { B *b = new D; int r = call(b); delete b; return r; }
)cpp"},
    {"BaseImplementationLiveThroughDerivedWithoutOverride", R"cpp(
struct B { virtual int f() { return 0; } };
struct D : B { };
int call(B &b) { return b.f(); }
int main() { D d; return call(d); }
)cpp"},
    {"VirtualNeverCalledIsDead", R"cpp(
struct B {
  virtual int f() { return 0; }
  virtual int g() { return 1; }     // dead
};
struct D : B {
  int f() override { return 2; }
  int g() override { return 3; }    // dead
};
int main() { D d; B &b = d; return b.f(); }
)cpp"},
    {"QualifiedCallIsNotDispatched", R"cpp(
struct B { virtual int f() { return 0; } };
struct D : B { int f() override { return B::f() + 1; } };
struct E : B { int f() override { return 7; } };  // dead
int main() { D d; B &b = d; return b.f(); }
)cpp"},
    {"VirtualDestructorThroughDelete", R"cpp(
struct B { virtual ~B() {} };
struct D : B { ~D() override {} };
struct Never : B { ~Never() override {} };   // dead
int main() { B *b = new D; delete b; }
)cpp"},
    {"CallFromConstructor", R"cpp(
struct B { B() { init(); } virtual void init() {} };
void helperOfD() {}
struct D : B { void init() override { helperOfD(); } };
int main() { D d; }
)cpp"},
    {"OverrideOfStandardLibraryVirtual", R"cpp(
#include <exception>
struct MyError : std::exception { const char *what() const noexcept override { return "x"; } };
struct Unthrown : std::exception { const char *what() const noexcept override { return "y"; } };  // dead
int main() { try { throw MyError(); } catch (...) {} }
)cpp"},
    {"PureVirtualWithBodyCalledQualified", R"cpp(
struct B { virtual void f() = 0; };
void B::f() {}
struct D : B { void f() override { B::f(); } };
int main() { D d; B &b = d; b.f(); }
)cpp"},
    // --- templates ---
    {"NeverInstantiatedTemplateIsDead", R"cpp(
template <class T> T twice(T v) { return v + v; }
template <class T> T thrice(T v) { return v * 3; }   // dead
int main() { return twice(2); }
)cpp"},
    {"ClassTemplateMembers", R"cpp(
template <class T> struct Box {
  T v;
  T get() const { return v; }
  void set(T x) { v = x; }     // dead
};
int main() { Box<int> b{1}; return b.get(); }
)cpp"},
    {"TemplateUsedOnlyFromDeadCodeIsDead", R"cpp(
template <class T> T square(T v) { return v * v; }   // dead
int unused() { return square(3); }                    // dead
int main() {}
)cpp"},
    {"ExplicitSpecialization", R"cpp(
template <class T> int size(T) { return sizeof(T); }
template <> int size<char>(char) { return 1; }
template <> int size<long>(long) { return 8; }        // dead
int main() { return size('a') + size(1); }
)cpp"},
    {"StdSortCallsComparator", R"cpp(
#include <algorithm>
#include <vector>
bool desc(int a, int b) { return a > b; }
bool asc(int a, int b) { return a < b; }   // dead
int main() { std::vector<int> v{3, 1, 2}; std::sort(v.begin(), v.end(), desc); }
)cpp"},
    {"StdMapUsesComparatorOperator", R"cpp(
#include <map>
struct Key { int k; };
struct KeyLess { bool operator()(const Key &a, const Key &b) const { return a.k < b.k; } };
struct Unused { bool operator()(const Key &, const Key &) const { return false; } };  // dead
int main() { std::map<Key, int, KeyLess> m; m[Key{1}] = 2; return m.size(); }
)cpp"},
    {"StdFunctionInvokesCallable", R"cpp(
#include <functional>
int work(int x) { return x + 1; }
int idle(int x) { return x; }   // dead
int main() { std::function<int(int)> f = work; return f(1); }
)cpp"},
    {"UniquePtrDeleterAndDestructor", R"cpp(
#include <memory>
struct Res { ~Res() { release(); } static void release() {} };
int main() { auto p = std::make_unique<Res>(); }
)cpp"},
    {"LambdaPassedToAlgorithm", R"cpp(
#include <algorithm>
#include <vector>
bool check(int x) { return x > 1; }
int main() { std::vector<int> v{1, 2}; return std::count_if(v.begin(), v.end(), [](int x) { return check(x); }); }
)cpp"},
    {"LambdaInDeadFunction", R"cpp(
void inner() {}                                      // dead
void outer() { auto l = [] { inner(); }; l(); }      // dead
int main() {}
)cpp"},
    // --- implicit calls ---
    {"ImplicitCopyAndMemberConstructors", R"cpp(
struct Part { Part() {} Part(const Part &) {} ~Part() {} };
struct Whole { Part p; };
Whole make() { return Whole(); }
void take(Whole w) {}
int main() { Whole w = make(); take(w); }
)cpp"},
    {"BaseAndMemberDestructors", R"cpp(
struct M { ~M() {} };
struct B { virtual ~B() {} };
struct D : B { M m; };
int main() { D d; }
)cpp"},
    {"ConversionOperatorAndOverloadedOperator", R"cpp(
struct Meters {
  double v;
  operator double() const { return v; }
  Meters operator+(Meters o) const { return {v + o.v}; }
  Meters operator-(Meters o) const { return {v - o.v}; }   // dead
};
int main() { Meters a{1}, b{2}; double d = a + b; return d; }
)cpp"},
    {"RangeForBeginEnd", R"cpp(
struct Range {
  int data[3] = {1, 2, 3};
  const int *begin() const { return data; }
  const int *end() const { return data + 3; }
  int size() const { return 3; }   // dead
};
int main() { int s = 0; for (int x : Range()) s += x; return s; }
)cpp"},
    {"DefaultArgumentCallsAtCallSite", R"cpp(
int fallback() { return 1; }
int f(int x = fallback()) { return x; }
int main() { return f(); }
)cpp"},
    {"DefaultMemberInitializer", R"cpp(
int seed() { return 7; }
int otherSeed() { return 8; }   // dead
struct Config { int n = seed(); };
int main() { Config c; return c.n; }
)cpp"},
    {"TemporaryDestructor", R"cpp(
struct Guard { ~Guard() { done(); } static void done() {} };
Guard make() { return Guard(); }
int main() { make(); }
)cpp"},
    {"StructuredBindingGet", R"cpp(
#include <utility>
struct P { int a, b; };
template <std::size_t I> int get(const P &p) { return I ? p.b : p.a; }
namespace std {
template <> struct tuple_size<P> : integral_constant<size_t, 2> {};
template <size_t I> struct tuple_element<I, P> { using type = int; };
}
int main() { P p{1, 2}; auto [x, y] = p; return x + y; }
)cpp"},
    {"FunctionPointerPassedToCApi", R"cpp(
#include <cstdlib>
int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
void atExit() {}
int main() { int v[] = {2, 1}; std::qsort(v, 2, sizeof(int), cmp); std::atexit(atExit); }
)cpp"},
    // --- variables ---
    {"UnreferencedGlobalsAreDead", R"cpp(
int counter = 0;                        // dead
static const int kLimit = 10;           // dead
constexpr double kRatio = 0.5;
namespace { const char *names[] = {"a", "b"}; }   // dead
int main() { return kRatio > 0; }
)cpp"},
    {"VariableReadOnlyByDeadFunctionIsDead", R"cpp(
int hits = 0;                           // dead
void record() { ++hits; }               // dead
int main() {}
)cpp"},
    {"StaticDataMembers", R"cpp(
struct Config {
  static int used;
  static int unused;
  static constexpr int kInline = 3;     // dead
};
int Config::used = 1;
int Config::unused = 2;                 // dead
int main() { return Config::used; }
)cpp"},
    {"VariableWithDynamicInitializerIsRoot", R"cpp(
#include <string>
int make() { return 3; }
int fromCall = make();
std::string name = "x";
int main() {}
)cpp"},
    {"VariableInTemplateArgumentAndArrayBound", R"cpp(
#include <array>
constexpr int kSize = 4;
constexpr int kUnusedSize = 8;          // dead
std::array<int, kSize> make() { return {}; }
int main() { return make().size(); }
)cpp"},
    {"VariableTemplate", R"cpp(
template <class T> constexpr T pi = T(3.14);
template <class T> constexpr T e = T(2.71);     // dead
int main() { return pi<int>; }
)cpp"},
    {"StaticMemberOfClassTemplate", R"cpp(
template <class T> struct Hash {
  constexpr static unsigned kLine = 64;
  constexpr static unsigned kUnused = 32;   // dead
  static int instances;
  unsigned slot(unsigned a) const { return a / kLine + instances; }
};
template <class T> int Hash<T>::instances = 0;
int main() { Hash<int> h; return h.slot(3); }
)cpp"},
    // --- unevaluated operands: the declaration stays, the code is dead ---
    {"SizeofAndDecltypeDoNotKeepCodeAlive", R"cpp(
int probe() { return 1; }              // dead not-removable
struct Widget { Widget() {} };         // dead not-removable
using Made = decltype(Widget());
int main() { return sizeof(probe()) + sizeof(Made); }
)cpp"},
    {"NoexceptOperand", R"cpp(
void mayThrow() {}                     // dead not-removable
int main() { return noexcept(mayThrow()); }
)cpp"},
    {"ConstantExpressionsKeepCodeAlive", R"cpp(
constexpr int width() { return 4; }
constexpr int depth() { return 2; }
template <int N> struct Grid { int cells[N]; };
int main() {
  int row[width()];
  Grid<depth()> g;
  if constexpr (width() > 2) return sizeof(row) + sizeof(g);
  static_assert(depth() == 2);
  return 0;
}
)cpp"},
    // --- macros: reported at the expansion ---
    {"FunctionsDefinedByMacros", R"cpp(
#define DEFINE_GETTER(name) int name() { return 1; }
#define DEFINE_HELPER int helper() { return 2; }
DEFINE_GETTER(used)
DEFINE_GETTER(unused)   // dead not-removable
DEFINE_HELPER           // dead not-removable
int main() { return used(); }
)cpp"},
    // --- more implicit calls and callables ---
    {"HiddenFriendOperator", R"cpp(
struct V {
  int x;
  friend bool operator==(const V &a, const V &b) { return a.x == b.x; }
  friend bool operator<(const V &a, const V &b) { return a.x < b.x; }   // dead
};
int main() { return V{1} == V{2}; }
)cpp"},
    {"RewrittenComparison", R"cpp(
#include <compare>
struct V {
  int x;
  bool operator==(const V &o) const { return x == o.x; }
  auto operator<=>(const V &o) const { return x <=> o.x; }
};
struct W { int y; bool operator==(const W &o) const { return y == o.y; } };   // dead
int main() { V a{1}, b{2}; return (a != b) + (a < b); }
)cpp"},
    {"UserDefinedLiteral", R"cpp(
unsigned long long operator""_kb(unsigned long long v) { return v * 1024; }
unsigned long long operator""_mb(unsigned long long v) { return v << 20; }   // dead
int main() { return 2_kb > 0; }
)cpp"},
    {"ClassOperatorNewDelete", R"cpp(
#include <cstdlib>
struct Pooled {
  static void *operator new(std::size_t n) { return std::malloc(n); }
  static void operator delete(void *p) { std::free(p); }
};
struct Unpooled {         // dead
  static void *operator new(std::size_t n) { return std::malloc(n); }   // dead
};
int main() { delete new Pooled; }
)cpp"},
    {"InheritedConstructor", R"cpp(
struct B {
  B(int) {}
  B(double) {}     // dead
};
struct D : B { using B::B; };
int main() { D d(1); }
)cpp"},
    {"MemberFunctionPointer", R"cpp(
struct S {
  int a() { return 1; }
  int b() { return 2; }      // dead
};
int main() { int (S::*p)() = &S::a; S s; return (s.*p)(); }
)cpp"},
    {"VirtualMemberFunctionPointerDispatches", R"cpp(
struct B { virtual int f() { return 0; } virtual ~B() {} };
struct D : B { int f() override { return 1; } };
int main() { int (B::*p)() = &B::f; D d; B &b = d; return (b.*p)(); }
)cpp"},
    {"StdVisit", R"cpp(
#include <variant>
struct Visitor {
  int operator()(int) const { return 1; }
  int operator()(double) const { return 2; }
};
int unusedVisit(std::variant<int, double> v) { return std::visit(Visitor{}, v); }   // dead
int main() { std::variant<int, double> v = 1.0; return std::visit(Visitor{}, v); }
)cpp"},
    {"StdHashSpecialization", R"cpp(
#include <unordered_set>
struct Key { int k; bool operator==(const Key &o) const { return k == o.k; } };
template <> struct std::hash<Key> { size_t operator()(const Key &k) const { return k.k; } };
int main() { std::unordered_set<Key> s; s.insert(Key{1}); return s.size(); }
)cpp"},
    {"StdThreadRunsCallable", R"cpp(
#include <thread>
void work() {}
void idle() {}     // dead
int main() { std::thread t(work); t.join(); }
)cpp", {"-std=c++20", "-pthread"}},
    {"UniquePtrCustomDeleter", R"cpp(
#include <memory>
struct Closer { void operator()(int *p) const { delete p; } };
struct Unused { void operator()(int *p) const { delete p; } };   // dead
int main() { std::unique_ptr<int, Closer> p(new int(1)); }
)cpp"},
    {"CoroutinePromise", R"cpp(
#include <coroutine>
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Task run() { co_return; }
Task never() { co_return; }   // dead
int main() { run(); }
)cpp"},
    {"CallbackThroughPthreadCreate", R"cpp(
#include <pthread.h>
void *worker(void *) { return nullptr; }
void *spare(void *) { return nullptr; }   // dead
int main() { pthread_t t; pthread_create(&t, nullptr, worker, nullptr); pthread_join(t, nullptr); }
)cpp", {"-std=c++20", "-pthread"}},
    {"TemplateMemberTemplateAndPartialSpecialization", R"cpp(
template <class T, class U> struct Pair { int tag() { return 0; } };   // dead
template <class T> struct Pair<T, int> { int tag() { return 1; } };
template <class T> struct Pair<T, char> { int tag() { return 2; } };   // dead
struct Holder {
  template <class T> T get() { return T(); }
  template <class T> T other() { return T(); }   // dead
};
int main() { Pair<double, int> p; Holder h; return p.tag() + h.get<int>(); }
)cpp"},
    // --- classes: one finding per dead class, members under it ---
    {"UnusedClassIsOneFinding", R"cpp(
struct Unused {                 // dead
  Unused() {}                   // dead
  int get() const { return 1; } // dead
  static int count;
};
int Unused::count = 0;          // dead
int main() {}
)cpp"},
    {"ClassNamedOnlyAsPointerTypeStays", R"cpp(
struct Opaque { int v; int read() const { return v; } };   // dead
int main() { Opaque *p = nullptr; return p != nullptr; }
)cpp"},
    {"ClassUsedOnlyInSizeofStays", R"cpp(
struct Buffer { char data[64]; };
int main() { return sizeof(Buffer); }
)cpp"},
    {"ClassNamedOnlyByDeadCodeIsDead", R"cpp(
struct Helper { int v; };                        // dead
int useHelper(Helper h) { return h.v; }          // dead
int main() {}
)cpp"},
    {"BaseOfLiveClassStays", R"cpp(
struct Base { int unused() { return 0; } };      // dead
struct Derived : Base { int x = 1; };
int main() { Derived d; return d.x; }
)cpp"},
    {"NestedDeadClassGroupsUnderOuter", R"cpp(
struct Outer {                  // dead
  struct Inner {                // dead
    void f() {}                 // dead
  };
  void g() {}                   // dead
};
int main() {}
)cpp"},
    {"NestedLiveClassKeepsOuter", R"cpp(
struct Outer {
  struct Inner { int v = 2; };
  void g() {}                   // dead
};
int main() { Outer::Inner i; return i.v; }
)cpp"},
    {"ClassTemplateNeverUsed", R"cpp(
template <class T> struct Stack {         // dead
  void push(T) {}                         // dead
};
template <class T> struct Queue { void push(T) {} };
int main() { Queue<int> q; q.push(1); }
)cpp"},
    {"StaticMemberNamesTheClass", R"cpp(
struct Limits {
  static constexpr int kMax = 3;
  static int unused() { return 0; }     // dead
};
int main() { return Limits::kMax; }
)cpp"},
    {"TagTypeForOverloadDispatch", R"cpp(
struct FastTag {};
struct SlowTag {};              // dead
int run(FastTag) { return 1; }
int run(SlowTag) { return 2; }  // dead
int main() { return run(FastTag{}); }
)cpp"},
    // --- code named by strings: kept alive, with a note ---
    {"InlineAssemblyNamesFunction", R"cpp(
extern "C" void target_fn() {}
extern "C" void other_fn() {}      // dead
int main() { asm volatile("call target_fn"); }
)cpp"},
    {"FileScopeAssembly", R"cpp(
extern "C" void helper() {}
asm(".globl helper_alias\n.set helper_alias, helper");
int main() {}
)cpp"},
    {"AliasAttribute", R"cpp(
extern "C" void impl() {}
extern "C" void spare() {}         // dead
extern "C" void api() __attribute__((alias("impl")));
int main() { api(); }
)cpp"},
    {"CleanupAttribute", R"cpp(
void release(int *) {}
void unrelated(int *) {}           // dead
int main() { int x __attribute__((cleanup(release))) = 0; return x; }
)cpp"},
    {"DlsymWithLiteralName", R"cpp(
#include <dlfcn.h>
extern "C" int plugin_init() { return 0; }
extern "C" int plugin_unused() { return 1; }   // dead
int main() { void *h = dlopen(nullptr, RTLD_NOW); return dlsym(h, "plugin_init") != nullptr; }
)cpp"},
    {"DeadTableKeepsItsFunctionsDead", R"cpp(
int one() { return 1; }                 // dead
int two() { return 2; }                 // dead
int (*const handlers[])() = {one, two}; // dead
int main() {}
)cpp"},
};

class Fidelity : public testing::TestWithParam<Case> {};

TEST_P(Fidelity, ReportsExactlyTheMarkedDefinitions) {
  expectFindingsEqualMarks(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Corpus, Fidelity, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case> &I) { return I.param.Name; });

TEST(Unevaluated, DeadButNamedInLiveCodeIsNotRemovable) {
  Report R = reportOf({"", R"cpp(
int probe() { return 1; }
int unused() { return 2; }
using T = decltype(unused());
int main() { return sizeof(probe()); }
)cpp"});
  ASSERT_EQ(R.Findings.size(), 2u);
  const Finding &Probe = R.Findings[0], &Unused = R.Findings[1];
  EXPECT_EQ(Probe.Name, "probe()");
  EXPECT_FALSE(Probe.Removable);
  EXPECT_EQ(Probe.NotRemovableBecause,
            "named in an unevaluated operand (sizeof, decltype, noexcept) at /virtual/case.cc:5:28");
  EXPECT_EQ(Unused.Name, "unused()");
  EXPECT_FALSE(Unused.Removable);
  EXPECT_EQ(Unused.NotRemovableBecause,
            "named in an unevaluated operand (sizeof, decltype, noexcept) at namespace scope");
}

TEST(Unevaluated, NamedOnlyByDeadCodeStaysRemovable) {
  Report R = reportOf({"", R"cpp(
int probe() { return 1; }
int deadUser() { return sizeof(probe()); }
int main() {}
)cpp"});
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_TRUE(R.Findings[0].Removable);
  EXPECT_TRUE(R.Findings[1].Removable);
}

}  // namespace
}  // namespace deadwood::test

namespace deadwood::test {
namespace {

TEST(Macros, DefinitionsFromMacrosAreReportedButNotRemovable) {
  Report R = reportOf({"", R"cpp(
#define DEFINE_GETTER(name) int name() { return 1; }
DEFINE_GETTER(unused)
int plain() { return 0; }
int main() {}
)cpp"});
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.Findings[0].Name, "unused()");
  EXPECT_EQ(R.Findings[0].Line, 3u);
  EXPECT_EQ(R.Findings[0].Column, 15u) << "the name, where the macro's argument spells it";
  EXPECT_FALSE(R.Findings[0].Removable);
  EXPECT_EQ(R.Findings[0].NotRemovableBecause, "defined by a macro expansion");
  EXPECT_TRUE(R.Findings[1].Removable);
}

}  // namespace
}  // namespace deadwood::test

namespace deadwood::test {
namespace {

bool hasNote(const Report &R, const std::string &Text) {
  return std::any_of(R.Notes.begin(), R.Notes.end(), [&](const ReportNote &N) {
    return N.Text == Text;
  });
}

TEST(Notes, SayWhatTheModelCannotFollowAndWhatItKept) {
  Report R = reportOf({"", R"cpp(
#include <dlfcn.h>
extern "C" void target_fn() {}
extern "C" int plugin_init() { return 0; }
int main(int argc, char **argv) {
  asm volatile("call target_fn");
  void *h = dlopen(nullptr, RTLD_NOW);
  return dlsym(h, "plugin_init") != dlsym(h, argv[0]);
}
)cpp"});
  EXPECT_TRUE(R.Findings.empty());
  EXPECT_TRUE(hasNote(R, "inline assembly names 'target_fn': 'target_fn()' is kept alive"));
  EXPECT_TRUE(hasNote(R, "'plugin_init' is looked up by name: 1 definition kept alive"));
  EXPECT_TRUE(hasNote(R, "a symbol is looked up by a computed name: what it finds is not seen; "
                         "keep it with a keep rule"));
}

}  // namespace
}  // namespace deadwood::test
