// More of the fidelity corpus (see FidelityTest.cpp): one case per line of
// behaviour, `// dead` on every definition that must be reported.
#include "Fidelity.h"

#include <gtest/gtest.h>

namespace deadwood::test {
namespace {

const Case kMoreCases[] = {
    // --- virtual dispatch, more shapes ---
    {"DiamondInheritance", R"cpp(
struct A { virtual int f() { return 0; } virtual ~A() {} };
struct B : virtual A { int f() override { return 1; } };
struct C : virtual A { };
struct D : B, C { };
int main() { D d; A &a = d; return a.f(); }
)cpp"},
    {"MultipleInheritanceSecondBase", R"cpp(
struct Drawable { virtual void draw() = 0; virtual ~Drawable() = default; };
struct Named { virtual const char *name() { return "n"; } virtual ~Named() = default; };
struct Widget : Drawable, Named {
  void draw() override {}
  const char *name() override { return "w"; }
};
int main() { Widget w; Named &n = w; n.name(); Drawable &d = w; d.draw(); }
)cpp"},
    {"DeepHierarchyBasePartsCountAsInstances", R"cpp(
// L0 and L1 are constructed as base parts of L2: while their constructors
// run, a virtual call would reach their v(). Kept alive (sound, not precise).
struct L0 { virtual int v() { return 0; } };
struct L1 : L0 { int v() override { return 1; } };
struct L2 : L1 { int v() override { return 2; } };
int main() { L2 x; L0 &r = x; return r.v(); }
)cpp"},
    {"FinalClassCall", R"cpp(
struct B { virtual int f() { return 0; } };   // dead not-removable
struct D final : B { int f() override { return 1; } };
int main() { D d; return d.f(); }
)cpp"},
    {"VirtualCallFromDestructor", R"cpp(
struct B { virtual ~B() { cleanup(); } virtual void cleanup() {} };
struct D : B { void cleanup() override {} };
int main() { D d; }
)cpp"},
    {"CovariantReturn", R"cpp(
struct B { virtual B *clone() const { return new B(*this); } virtual ~B() {} };
struct D : B { D *clone() const override { return new D(*this); } };
int main() { D d; B &b = d; delete b.clone(); }
)cpp"},
    {"VirtualOperator", R"cpp(
// C++20 rewrites `s == b` as `b.operator==(s)`: Dot's exact match wins.
struct Shape {
  virtual bool operator==(const Shape &) const { return false; }   // dead not-removable
  virtual ~Shape() {}
};
struct Dot : Shape { bool operator==(const Shape &) const override { return true; } };
struct Line : Shape {                                                  // dead
  bool operator==(const Shape &) const override { return true; }     // dead
};
int main() { Dot a, b; const Shape &s = a; return s == b; }
)cpp"},
    {"ClassTemplateVirtuals", R"cpp(
struct Task { virtual int run() = 0; virtual ~Task() {} };
template <class T> struct Job : Task { int run() override { return sizeof(T); } };
template <class T> struct Idle : Task { int run() override { return 0; } };   // dead
int main() { Job<int> j; Task &t = j; return t.run(); }
)cpp"},
    {"MakeSharedInstantiatesClass", R"cpp(
#include <memory>
struct Base { virtual int id() { return 0; } virtual ~Base() = default; };
struct Impl : Base { int id() override { return 1; } };
struct Other : Base { int id() override { return 2; } };   // dead
int main() { std::shared_ptr<Base> p = std::make_shared<Impl>(); return p->id(); }
)cpp"},
    {"StreambufOverrideCalledByLibrary", R"cpp(
#include <ostream>
#include <streambuf>
struct CountingBuf : std::streambuf {
  int n = 0;
  int overflow(int c) override { ++n; return c; }
};
int main() { CountingBuf b; std::ostream os(&b); os << "hi"; return b.n; }
)cpp"},
    // --- templates, more shapes ---
    {"FunctionTemplateOverloads", R"cpp(
template <class T> int pick(T) { return 1; }
template <class T> int pick(T *) { return 2; }   // dead
int main() { return pick(3); }
)cpp"},
    {"VariadicTemplate", R"cpp(
int sum() { return 0; }
template <class T, class... R> int sum(T t, R... r) { return t + sum(r...); }
template <class... R> int count(R...) { return sizeof...(R); }   // dead
int main() { return sum(1, 2, 3); }
)cpp"},
    {"TemplateCallsThroughDependentName", R"cpp(
struct A {
  int go() { return 1; }
  int stop() { return 0; }     // dead
};
template <class T> int drive(T t) { return t.go(); }
int main() { return drive(A{}); }
)cpp"},
    {"CrtpStaticDispatch", R"cpp(
template <class D> struct Base { int run() { return static_cast<D *>(this)->step(); } };
struct Impl : Base<Impl> {
  int step() { return 1; }
  int unused() { return 2; }   // dead
};
int main() { Impl i; return i.run(); }
)cpp"},
    {"TemplateTemplateParameter", R"cpp(
#include <vector>
template <template <class...> class C> int make() { C<int> c; c.push_back(1); return c.size(); }
int main() { return make<std::vector>(); }
)cpp"},
    {"ConceptConstrainedOverload", R"cpp(
#include <concepts>
template <std::integral T> int kind(T) { return 1; }
template <std::floating_point T> int kind(T) { return 2; }   // dead
int main() { return kind(1); }
)cpp"},
    {"ExplicitInstantiationOfUsedTemplate", R"cpp(
template <class T> T twice(T v) { return v + v; }
template int twice<int>(int);
template <class T> T half(T v) { return v / 2; }   // dead
int main() { return twice(1); }
)cpp"},
    {"NonTypeTemplateArgumentFunctionPointer", R"cpp(
int cb() { return 4; }
int other() { return 5; }   // dead
template <int (*F)()> int call() { return F(); }
int main() { return call<cb>(); }
)cpp"},
    {"GenericLambda", R"cpp(
int used(int x) { return x; }
int unused(int x) { return x; }   // dead
int main() { auto l = [](auto v) { return used(v); }; return l(1); }
)cpp"},
    {"StdTransformWithFunctor", R"cpp(
#include <algorithm>
#include <vector>
struct Doubler { int operator()(int x) const { return 2 * x; } };
struct Tripler { int operator()(int x) const { return 3 * x; } };   // dead
int main() { std::vector<int> v{1}; std::transform(v.begin(), v.end(), v.begin(), Doubler()); }
)cpp"},
    {"StdSetCustomLess", R"cpp(
#include <set>
struct P {
  int x;
  bool operator<(const P &o) const { return x < o.x; }
  bool operator>(const P &o) const { return x > o.x; }   // dead
};
int main() { std::set<P> s; s.insert(P{1}); return s.size(); }
)cpp"},
    {"PriorityQueueComparator", R"cpp(
#include <queue>
#include <vector>
struct ByCost { bool operator()(int a, int b) const { return a > b; } };
int main() { std::priority_queue<int, std::vector<int>, ByCost> q; q.push(1); return q.top(); }
)cpp"},
    {"OptionalValueOr", R"cpp(
#include <optional>
int fallback() { return 3; }
int never() { return 4; }   // dead
int main() { std::optional<int> o; return o.value_or(fallback()); }
)cpp"},
    {"SharedPtrCustomDeleterFunction", R"cpp(
#include <memory>
void freeIt(int *p) { delete p; }
int main() { std::shared_ptr<int> p(new int(1), freeIt); }
)cpp"},
    {"StdInvokeMemberPointer", R"cpp(
#include <functional>
struct S {
  int a() { return 1; }
  int b() { return 2; }    // dead
};
int main() { S s; return std::invoke(&S::a, s); }
)cpp"},
    {"StdSortDefaultLessCallsOperator", R"cpp(
#include <algorithm>
#include <vector>
struct V { int x; bool operator<(const V &o) const { return x < o.x; } };
int main() { std::vector<V> v{{2}, {1}}; std::sort(v.begin(), v.end()); return v[0].x; }
)cpp"},
    {"PrimaryTemplateUsedOnlyThroughSpecializationStays", R"cpp(
template <class T> int only(T) { return 0; }
template <> int only<int>(int) { return 1; }
template <class T> struct Box { int v() { return 0; } };   // dead (v; Box stays)
template <> struct Box<int> { int v() { return 1; } };
int main() { Box<int> b; return only(1) + b.v(); }
)cpp"},
    // --- implicit calls, more shapes ---
    {"MoveConstructorOnReturn", R"cpp(
struct Big {
  Big() {}
  Big(Big &&) noexcept {}
  Big(const Big &) {}   // dead
};
Big make() { Big b; return b; }
int main() { Big x = make(); }
)cpp", {"-std=c++20", "-fno-elide-constructors"}},
    {"CopyAssignmentOperator", R"cpp(
struct S {
  S &operator=(const S &) { return *this; }
  S &operator=(S &&) { return *this; }   // dead
};
int main() { S a, b; a = b; }
)cpp"},
    {"ArrayOfObjectsConstructedAndDestroyed", R"cpp(
struct E { E() {} ~E() {} };
int main() { E arr[3]; }
)cpp"},
    {"NewArrayAndDeleteArray", R"cpp(
struct E { E() {} ~E() {} };
int main() { E *p = new E[2]; delete[] p; }
)cpp"},
    {"AggregateInitWithNestedConstructor", R"cpp(
struct Inner { Inner(int) {} };
struct Agg { Inner in; int n; };
int main() { Agg a{Inner(1), 2}; return a.n; }
)cpp"},
    {"ListInitializationConstructor", R"cpp(
#include <initializer_list>
struct L {
  L(std::initializer_list<int>) {}
  L(int, int) {}   // dead
};
int main() { L l{1, 2}; }
)cpp"},
    {"ImplicitConversionConstructor", R"cpp(
struct Meters { Meters(double) {} };
struct Feet { Feet(double) {} };   // dead
double use(Meters) { return 1; }
int main() { return use(2.0); }
)cpp"},
    {"ExplicitBoolConversion", R"cpp(
struct Handle {
  explicit operator bool() const { return true; }
  operator int() const { return 0; }   // dead
};
int main() { Handle h; if (h) return 1; return 0; }
)cpp"},
    {"SubscriptAndCallOperators", R"cpp(
struct Grid {
  int operator[](int i) const { return i; }
  int operator()(int a, int b) const { return a + b; }   // dead
};
int main() { Grid g; return g[1]; }
)cpp"},
    {"StreamInsertionOperator", R"cpp(
#include <ostream>
#include <iostream>
struct P { int x; };
std::ostream &operator<<(std::ostream &os, const P &p) { return os << p.x; }
std::istream &operator>>(std::istream &is, P &p) { return is >> p.x; }   // dead
int main() { std::cout << P{1}; }
)cpp"},
    {"ThreadLocalDynamicInit", R"cpp(
int seed() { return 1; }
thread_local int perThread = seed();
int main() { return perThread; }
)cpp"},
    {"FunctionLocalStaticInitializer", R"cpp(
int expensive() { return 9; }
int cached() { static int v = expensive(); return v; }
int main() { return cached(); }
)cpp"},
    {"ExceptionObjectConstructedAndDestroyed", R"cpp(
// C++17: the exception object is initialized from the prvalue, no copy.
struct Err {
  Err() {}
  Err(const Err &) {}     // dead
  ~Err() {}
};
int main() { try { throw Err(); } catch (const Err &) {} }
)cpp"},
    {"ConstexprFunctionInTemplateArgumentInsideFunction", R"cpp(
#include <array>
constexpr int n() { return 3; }
constexpr int m() { return 4; }   // dead
int main() { std::array<int, n()> a{}; return a.size(); }
)cpp"},
    // --- roots, more shapes ---
    {"MainWithArguments", R"cpp(
int parse(char **argv) { return argv[0][0]; }
int main(int argc, char **argv) { return argc > 1 ? parse(argv) : 0; }
)cpp"},
    {"StaticMemberDynamicInit", R"cpp(
struct Registry { static int total; static int compute() { return 7; } };
int Registry::total = Registry::compute();
int main() {}
)cpp"},
    {"GlobalObjectWithDestructorOnly", R"cpp(
struct Logger {
  ~Logger() { flush(); }
  void flush() {}
  void unused() {}        // dead
};
Logger globalLogger;
int main() {}
)cpp"},
    {"InlineVariableDynamicInit", R"cpp(
int boot() { return 2; }
inline int booted = boot();
int main() {}
)cpp"},
};

class FidelityMore : public testing::TestWithParam<Case> {};

TEST_P(FidelityMore, ReportsExactlyTheMarkedDefinitions) {
  expectFindingsEqualMarks(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Corpus, FidelityMore, testing::ValuesIn(kMoreCases),
                         [](const testing::TestParamInfo<Case> &I) { return I.param.Name; });

}  // namespace
}  // namespace deadwood::test
