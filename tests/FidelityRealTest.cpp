// The fidelity corpus, cases from real code: each shape here broke the build
// of a real project after a removal (or was called dead when it was not).
// Every case is also removed and re-parsed (see Fidelity.h): a removal that
// does not compile, or that changes what surviving code uses, fails here.
#include "Fidelity.h"

#include <gtest/gtest.h>

namespace deadwood::test {
namespace {

const Case kRealCases[] = {
    // --- type-level code: specializations chosen by template-argument matching ---
    {"SpecializationSelectedByDefaultTemplateArgument", R"cpp(
// dragonbox: info<0> is read only where the default argument of `pick`
// is substituted; no code names it.
template <unsigned N> struct info;
template <>
struct info<0> {
  static constexpr int hi = 10;
};
template <>
struct info<1> {
  static constexpr int hi = 100;
};
template <int v, unsigned tier = 0, bool = (v <= info<tier>::hi)> struct pick;
template <int v, unsigned tier> struct pick<v, tier, true> { static constexpr int value = info<tier>::hi; };
template <int v, unsigned tier> struct pick<v, tier, false> : pick<v, tier + 1> {};
int unused() { return 0; }   // dead function
int main() { return pick<50>::value; }
)cpp"},
    {"PartialSpecializationChosenByAMemberTheArgumentHas", R"cpp(
// Detection: Probe exists, so the partial specialization is chosen; without
// it the primary would be, and everything would still compile.
template <class...> using void_t = void;
template <class T, class = void> struct HasProbe { static constexpr int value = 0; };
template <class T> struct HasProbe<T, void_t<typename T::Probe>> { static constexpr int value = 1; };
struct P { struct Probe {}; };
struct Base { struct Probe {}; };
struct Derived : Base {};
int main() { return HasProbe<P>::value + HasProbe<Derived>::value + HasProbe<int>::value; }
)cpp"},
    {"DefaultTemplateArgumentNamesAMember", R"cpp(
template <class T, class = typename T::Tag, int = T::weight> struct Tagged { int n = 0; };
struct R {
  struct Tag {};
  static constexpr int weight = 2;
  int unused() { return 0; }   // dead
};
int main() { Tagged<R> t; return t.n; }
)cpp"},
    {"FunctionTemplateChosenByWhatItsDefaultArgumentCalls", R"cpp(
template <class T, class = decltype(T::make())> int made(T) { return 1; }
int made(...) { return 0; }   // dead
struct U { static int make() { return 1; } };   // dead not-removable
int main() { return made(U{}); }
)cpp"},
    {"ConceptRequirementOfAMember", R"cpp(
template <class T> concept Runs = requires(T t) { t.run(); typename T::Ticket; };
template <class T> int go(T) { return 0; }   // dead
template <Runs T> int go(T) { return 1; }
struct V {
  struct Ticket {};
  void run() {}   // dead not-removable
};
int main() { return go(V{}); }
)cpp"},
    {"StandardLibraryDetectsAllocatorRebindAndTransparentComparator", R"cpp(
// std::allocator_traits finds rebind, std::map finds is_transparent, by
// matching partial specializations: no code of the project names either.
#include <map>
#include <string>
#include <vector>
template <class T> struct Alloc : std::allocator<T> {
  template <class U> struct rebind { using other = Alloc<U>; };
};
struct Less {
  struct is_transparent {};
  bool operator()(const std::string &a, const std::string &b) const { return a < b; }
};
int main() {
  std::vector<int, Alloc<int>> v(3);
  std::map<std::string, int, Less> m;
  return v[0] + static_cast<int>(m.count("x"));
}
)cpp"},
    {"ClassTraitDetectsAMemberThroughADeclaredOnlyOverload", R"cpp(
// googletest's HasDebugStringAndShortDebugString: the trait's typedef names
// a declared-only overload in decltype; that overload's own signature, once
// substituted, names the member it detects. No walked code calls it.
#include <string>
#include <type_traits>
#include <utility>
template <class T> class HasDebugString {
  template <class C>
  static auto Check(C *) -> typename std::is_same<std::string, decltype(std::declval<const C>().DebugString())>::type;
  template <class> static std::false_type Check(...);
 public:
  using Type = decltype(Check<T>(nullptr));
  static constexpr bool value = Type::value;
};
struct Message {
  std::string DebugString() const { return "m"; }   // dead not-removable
  int unused() const { return 0; }                  // dead
};
struct Plain {};
template <class T> int describe(const T &) { return HasDebugString<T>::value ? 1 : 0; }
int main() {
  static_assert(HasDebugString<Message>::value, "");
  return describe(Message{}) + describe(Plain{});
}
)cpp"},
    {"RecursionTerminatorPartialSpecialization", R"cpp(
template <unsigned... I> struct seq {};
template <unsigned N, unsigned... I> struct make_seq : make_seq<N - 1, N - 1, I...> {};
template <unsigned... I>
struct make_seq<0, I...> {
  using type = seq<I...>;
};
template <unsigned... I> int count(seq<I...>) { return sizeof...(I); }
int main() { return count(typename make_seq<3>::type{}); }
)cpp"},
    {"DeadTemplateFamilyGoesWhole", R"cpp(
template <class T> struct Traits { static int id() { return 0; } };   // dead class method
template <>
struct Traits<int> {                                                  // dead class
  static int id() { return 1; }                                       // dead method
};
template <class T> struct Traits<T *> { static int id() { return 2; } };   // dead class method
int main() {}
)cpp"},
    {"ExplicitFunctionSpecializationOnItsOwnLine", R"cpp(
template <class T> int weight(T) { return 1; }        // dead function
template <>
int weight<char>(char) { return 2; }                  // dead function
int main() {}
)cpp"},
    {"SpecializationUsedThroughNestedType", R"cpp(
template <class T> struct Unsigned;
template <> struct Unsigned<int> { using type = unsigned; };
template <> struct Unsigned<long> { using type = unsigned long; };
int main() { Unsigned<int>::type u = 1; return static_cast<int>(u); }
)cpp"},
    {"TraitSpecializationReadByIfConstexpr", R"cpp(
template <class T> struct is_fast { static constexpr bool value = false; };   // dead variable
template <> struct is_fast<int> { static constexpr bool value = true; };
template <class T> int speed(T) {
  if constexpr (is_fast<T>::value) return 2;
  else return 1;
}
int main() { return speed(1); }
)cpp"},
    {"SpecializationSelectedBySfinaeInASignature", R"cpp(
#include <type_traits>
template <class T> struct small : std::false_type {};
template <> struct small<char> : std::true_type {};
template <class T, std::enable_if_t<small<T>::value, int> = 0> int pack(T) { return 1; }
template <class T, std::enable_if_t<!small<T>::value, int> = 0> int pack(T) { return 2; }   // dead function
int main() { return pack('a'); }
)cpp"},
    {"FunctionInADefaultTemplateArgument", R"cpp(
template <class T> constexpr int width() { return sizeof(T) * 8; }
template <class T, int Bits = width<T>()> struct Field { static constexpr int bits = Bits; };
int main() { return Field<short>::bits; }
)cpp"},
    // --- defaulted and deleted definitions ---
    {"OutOfLineDefaultedAssignmentUsed", R"cpp(
// snappy's StatusStub: the range of an out-of-line `= default` stops before it.
struct Stub {
  Stub() = default;
  Stub &operator=(const Stub &);
  int dead() const;
};
Stub &Stub::operator=(const Stub &) = default;
int Stub::dead() const { return 1; }   // dead method
int main() { Stub a, b; a = b; }
)cpp"},
    {"DeadClassWithDefaultedAndDeletedMembers", R"cpp(
struct Gone {                                // dead class
  Gone() = default;
  Gone(const Gone &) = delete;
  Gone &operator=(const Gone &);
};
Gone &Gone::operator=(const Gone &) =       // dead operator
    default;
int main() {}
)cpp"},
    {"LeadingAttributesAndFriendSpecifiersGoWithTheDeclaration", R"cpp(
// fmt: `FMT_NORETURN FMT_API void assert_fail(...)`, `constexpr friend auto operator!=`
#define NORETURN [[noreturn]]
NORETURN void fail(const char *why);
NORETURN void fail(const char *why) { throw why; }   // dead function
[[nodiscard]] int compute() { return 1; }           // dead function
struct Token {
  int v = 0;
  constexpr friend bool operator!=(Token a, Token b) { return a.v != b.v; }   // dead operator
  [[deprecated]] int old() const { return v; }                             // dead method
  int now() const { return v; }
};
int main() { return Token{}.now(); }
)cpp"},
    // --- what a class's definition needs ---
    {"FieldTypesAndBoundsOfDefaultInitializedMembers", R"cpp(
struct Limits { int depth = 3; };
constexpr int kMax = 8;
constexpr int kUnused = 9;   // dead variable
struct Holder {
  char name[kMax] = {};
  Limits lim{};
  unsigned bits : kMax = 0;
};
int main() { Holder h; return h.name[0]; }
)cpp"},
    {"ArrayBoundOfAClassThatStays", R"cpp(
constexpr int width() { return 2; }
struct Grid { int cells[width()]; };
int main() { Grid g{}; return g.cells[0]; }
)cpp"},
    {"PureVirtualOverrideInAClassThatStays", R"cpp(
struct Shape { virtual int area() const = 0; virtual ~Shape() = default; };
struct Square : Shape { int area() const override { return 4; } };   // dead not-removable
int main() { Square *s = nullptr; return s != nullptr; }
)cpp"},
    {"StaticMembersDeclaredTogether", R"cpp(
struct Counters { static int hits, misses; };   // dead class not-removable
int Counters::hits = 0, Counters::misses = 0;   // dead variable not-removable
int main() {}
)cpp"},
    // --- names in constraints and templates never instantiated as bodies ---
    {"ConstexprFunctionInAConcept", R"cpp(
template <class T> constexpr bool small() { return sizeof(T) <= 8; }
template <class T> concept Small = small<T>();
template <Small T> int take(T t) { return static_cast<int>(t); }
int main() { return take(1); }
)cpp"},
    {"FunctionInARequiresClause", R"cpp(
template <class T> constexpr bool allowed(T) { return true; }
template <class T> requires(allowed(T{})) int use(T t) { return static_cast<int>(t); }
int main() { return use(2); }
)cpp"},
    // --- declarations that name a symbol ---
    {"UsingDeclarationNamesADeadFunction", R"cpp(
namespace ns { int helper() { return 1; } }   // dead function not-removable
using ns::helper;
int main() {}
)cpp"},
    {"ExplicitInstantiationDefinition", R"cpp(
template <class T> struct Box { T get() const { return T(); } };
template struct Box<int>;
int main() {}
)cpp"},
    {"ExternCWithoutBraces", R"cpp(
extern "C" int kept_c() { return 0; }
extern "C" int dead_c() { return 1; }   // dead function
int main() { return kept_c(); }
)cpp"},
    // --- keep comments ---
    {"KeepCommentOnAClass", R"cpp(
// deadwood: keep(loaded by name)
struct Plugin { int run() { return 1; } int stop() { return 0; } };
struct Unused { int run() { return 1; } };   // dead class method
int main() {}
)cpp"},
    {"KeepCommentOnAMember", R"cpp(
struct Api {
  int used() { return 1; }
  int hook() { return 2; }   // deadwood: keep(called by the host)
  int spare() { return 3; }  // dead method
};
int main() { return Api().used(); }
)cpp"},
    {"TrailingKeepCommentIsForItsOwnLine", R"cpp(
void kept() {}   // deadwood: keep(api)
void next() {}   // dead function
int main() {}
)cpp"},
    // --- entry points and C ---
    {"FuzzerEntryPointIsARoot", R"cpp(
#include <cstddef>
#include <cstdint>
static int parse(const uint8_t *d) { return d[0]; }
static int unused(const uint8_t *d) { return d[1]; }   // dead function
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) { return Size ? parse(Data) : 0; }
)cpp"},
    {"CStructsAndFunctions", R"cpp(
typedef struct point { int x, y; } point_t;
struct unused { int z; };                                    // dead class
static int dead_helper(point_t p) { return p.x; }            // dead function
int used(point_t *p) { return p->y; }
int main(void) { point_t p = {1, 2}; return used(&p); }
)cpp",
     {"-xc", "-std=c11"}},
    {"NamespaceScopeStructuredBindings", R"cpp(
#include <utility>
std::pair<int, int> make() { return {1, 2}; }
auto [first, second] = make();
int unused() { return 3; }   // dead function
int main() { return first; }
)cpp"},
    // --- several translation units ---
    {"HeaderInlineUsedByAnotherTu", R"cpp(
#include "shared.h"
int local() { return twice(1); }   // dead function
int main() { return other(); }
)cpp",
     {"-std=c++20"},
     {{"shared.h", "inline int twice(int x) { return 2 * x; }\nint other();\nint neverDefined();\n"},
      {"other.cc", "#include \"shared.h\"\nint other() { return twice(2); }\nint spare() { return 3; }   // dead function\n"}}},
    {"AnonymousNamespaceClassesInTwoFilesWithOneBaseName", R"cpp(
int fromA();
int fromB();
int main() { return fromA(); }
)cpp",
     {"-std=c++20"},
     {{"a/util.cc", "namespace { struct Local { int f() { return 1; } }; }\nint fromA() { return Local().f(); }\n"},
      {"b/util.cc", "namespace { struct Local { int f() { return 2; } }; }   // dead class method\n"
                    "int fromB() { return Local().f(); }   // dead function\n"}}},
    {"InlineAssemblyNamesAFunctionOfAnotherTu", R"cpp(
int main() { asm volatile("call target_fn"); }
)cpp",
     {"-std=c++20"},
     {{"target.cc", "extern \"C\" void target_fn() {}\nextern \"C\" void other_fn() {}   // dead function\n"}}},
    {"VariableDeclaredWithItsClass", R"cpp(
// dragonbox's policies: `inline constexpr struct tag_t {...} tag = {};`
inline constexpr struct ignore_t { int v = 0; } ignore = {};   // dead variable not-removable
int use(ignore_t t) { return t.v; }
int main() { return use(ignore_t{}); }
)cpp"},
    {"CompileTimeUseInsideADeadClass", R"cpp(
#include <limits>
struct Unused { using Table = int[std::numeric_limits<signed char>::max()]; };   // dead class
int main() {}
)cpp"},
    {"IfuncResolverNamedByString", R"cpp(
extern "C" int impl() { return 1; }
extern "C" void *resolve_f() { return reinterpret_cast<void *>(&impl); }
extern "C" int f() __attribute__((ifunc("resolve_f")));
extern "C" void *unused_resolver() { return nullptr; }   // dead function
int main() { return f(); }
)cpp"},
    {"OneTextCompiledIntoTwoSymbols", R"cpp(
namespace one { int f(); }
namespace two { int g(); }
int main() { return one::f() + two::g(); }
)cpp",
     {"-std=c++20"},
     {{"impl.h", "namespace NS {\nint f() { return 1; }\nint g() { return 2; }\nint h() { return 3; }   // dead function\n}\n"},
      {"a.cc", "#define NS one\n#include \"impl.h\"\n"},
      {"b.cc", "#define NS two\n#include \"impl.h\"\n"}}},
};

class FidelityReal : public testing::TestWithParam<Case> {};

TEST_P(FidelityReal, ReportsExactlyTheMarkedDefinitionsAndTheirRemovalIsProven) {
  expectFindingsEqualMarks(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Corpus, FidelityReal, testing::ValuesIn(kRealCases),
                         [](const testing::TestParamInfo<Case> &I) { return I.param.Name; });

}  // namespace
}  // namespace deadwood::test
