// A library's public API (passes/PublicApi): which symbols a public header
// makes roots, and which it does not.
#include "passes/PublicApi.h"

#include "TuBuilder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace deadwood {
namespace {

using test::TuBuilder;
using testing::ElementsAre;

TEST(PublicApi, ImplementationNamespacesByName) {
  EXPECT_TRUE(inInternalNamespace("fmt::detail::write(int)"));
  EXPECT_TRUE(inInternalNamespace("absl::base_internal::SpinLock::Lock()"));
  EXPECT_TRUE(inInternalNamespace("YAML::detail::node::mark_defined()"));
  EXPECT_TRUE(inInternalNamespace("(anonymous namespace)::helper()"));
  EXPECT_TRUE(inInternalNamespace("a::(anonymous namespace)::B::f()"));
  EXPECT_FALSE(inInternalNamespace("fmt::format(detail::string_view)")) << "a parameter type is not the scope";
  EXPECT_FALSE(inInternalNamespace("fmt::basic_writer<detail::buffer>::write()")) << "nor a template argument";
  EXPECT_FALSE(inInternalNamespace("ns::detail()")) << "a function named detail";
  EXPECT_FALSE(inInternalNamespace("ns::operator<<(std::ostream &, const detail::X &)"));
  EXPECT_FALSE(inInternalNamespace("ns::internals::f()"));
  EXPECT_TRUE(inInternalNamespace("ns::impl::f()"));
}

TEST(PublicApi, HeaderNames) {
  EXPECT_TRUE(isHeaderName("/src/include/a.h"));
  EXPECT_TRUE(isHeaderName("/src/include/a.hpp"));
  EXPECT_TRUE(isHeaderName("/src/include/a.inl"));
  EXPECT_TRUE(isHeaderName("/usr/include/c++/12/vector"));
  EXPECT_FALSE(isHeaderName("/src/a.cpp"));
  EXPECT_FALSE(isHeaderName("/src/a.c"));
}

/// lib.cpp includes /src/include/lib.h; Files[1] is the header.
struct Library {
  TuBuilder T{"lib.cpp"};
  Library() {
    T.S.Files.push_back("/src/include/lib.h");
    T.S.Files.push_back("/src/private/impl.h");
  }
  /// Declares (or defines) Name in file index File.
  void at(const std::string &Name, int File, bool DefinedThere) {
    Symbol &S = T.S.Symbols[T.index(Name)];
    if (DefinedThere) S.Definition.File = File;
    else S.Declarations.push_back(Site{File, 0, 1, 1, 1});
  }
};

/// Every header under Dir, installed by an install(DIRECTORY).
std::vector<PublicHeaders> installedDir(const std::string &Dir) {
  return {{PublicHeaders::Directory, Dir, "installed by install(DIRECTORY)", {}}};
}

std::vector<std::string> names(const Program &P, const std::vector<ApiRoot> &Roots) {
  std::vector<std::string> Out;
  for (const ApiRoot &R : Roots) Out.push_back(P.Symbols[R.Sym].Name);
  return Out;
}

TEST(PublicApi, EverythingAPublicHeaderDeclaresButImplementationAndCompilerMadeCode) {
  Library L;
  L.T.fn("inlineApi").fn("tmpl").fn("kConst");
  L.T.fn("declaredApi").fn("detail::helper").fn("instance", 1, flag::Instantiation);
  L.T.fn("privateHelper").fn("elsewhere");
  L.T.S.Symbols[L.T.index("kConst")].Link = Linkage::Internal;  // namespace-scope const
  L.T.S.Symbols[L.T.index("kConst")].Kind = SymbolKind::Variable;
  for (const char *InHeader : {"inlineApi", "tmpl", "kConst", "detail::helper", "instance"}) L.at(InHeader, 1, true);
  L.at("declaredApi", 1, false);  // declared in the header, defined in lib.cpp
  L.at("elsewhere", 2, false);    // declared in a private header
  Program P = link({L.T.S});
  std::vector<PublicHeaders> H = installedDir("/src/include");
  size_t Headers = 0;
  std::vector<ApiRoot> Roots = publicApi(P, H, "/src", &Headers);
  EXPECT_THAT(names(P, Roots), ElementsAre("inlineApi()", "tmpl()", "kConst()", "declaredApi()"));
  EXPECT_EQ(Roots[3].Note, "declared in public header include/lib.h, installed by install(DIRECTORY)");
  EXPECT_EQ(Headers, 1u);
  // The same by a glob over the path relative to the source root.
  std::vector<PublicHeaders> G = {{PublicHeaders::Glob, "include/*.h", "named by --public-header", {}}};
  EXPECT_EQ(names(P, publicApi(P, G, "/src")).size(), 4u);
  EXPECT_TRUE(publicApi(P, {{PublicHeaders::Glob, "src/*.h", "", {}}}, "/src").empty());
}

TEST(PublicApi, AnImplementationNamespacesClassesAreApiItsFunctionsAreNot) {
  Library L;
  L.T.cls("detail::iter").method("detail::iter", "next", SymbolKind::Method).fn("detail::advance");
  for (const char *InHeader : {"detail::iter", "detail::iter::next", "detail::advance"}) L.at(InHeader, 1, true);
  Program P = link({L.T.S});
  std::vector<ApiRoot> Roots =
      publicApi(P, installedDir("/src/include"), "/src");
  EXPECT_THAT(names(P, Roots), ElementsAre("detail::iter()", "detail::iter::next()"))
      << "users reach a detail class through public aliases; detail::advance only through what calls it";
  EXPECT_EQ(Roots[1].Note, "of a class of an implementation namespace (users reach it through public aliases and "
                           "signatures, which are not followed), declared in public header include/lib.h, installed by "
                           "install(DIRECTORY)");
}

TEST(PublicApi, AnImplementationFunctionNamedElsewhereInTheProjectStays) {
  // Another configuration's code calls detail::wide (under #ifdef _WIN32):
  // this build does not see the call, but the text names it.
  std::string Dir = testing::TempDir() + "public-api-mentions";
  std::filesystem::create_directories(Dir + "/include");
  std::string Header = "namespace lib::detail {\ninline int wide() { return 1; }\ninline int unused() { return 2; }\n}\n";
  std::ofstream(Dir + "/include/lib.h") << Header;
  std::ofstream(Dir + "/lib.cpp") << "#include \"lib.h\"\n#ifdef _WIN32\nint w = lib::detail::wide();\n#endif\n";
  TuBuilder T("lib.cpp");
  T.S.MainFile = Dir + "/lib.cpp";
  T.S.Files = {T.S.MainFile, Dir + "/include/lib.h"};
  T.fn("lib::detail::wide", 2).fn("lib::detail::unused", 3).fn("lib::detail::operator==", 3);
  auto Place = [&](int I, const std::string &Text) {
    uint32_t Begin = static_cast<uint32_t>(Header.find(Text));
    T.S.Symbols[I].Definition = Site{1, Begin, Begin + static_cast<uint32_t>(Text.size()), 1, 1};
  };
  Place(0, "inline int wide() { return 1; }");
  Place(1, "inline int unused() { return 2; }");
  Place(2, "namespace");
  Program P = link({T.S});
  std::vector<ApiRoot> Roots =
      publicApi(P, installedDir(Dir + "/include"), Dir);
  EXPECT_THAT(names(P, Roots), ElementsAre("lib::detail::wide()", "lib::detail::operator==()"))
      << "unused() is named only by its own definition";
  EXPECT_EQ(Roots[0].Note, "not API by itself, but named elsewhere in the project's text, which users "
                           "may compile in other configurations, declared in public header include/lib.h, installed "
                           "by install(DIRECTORY)");
}

TEST(PublicApi, AnIncludeDirectoryCountsOnlyWhatTheLibraryDefines) {
  Library L;
  L.T.S.Files.push_back("/src/other.cpp");
  L.T.fn("ours").fn("theirs").fn("inlineThere");
  L.at("ours", 1, false);
  L.at("theirs", 1, false);
  L.at("inlineThere", 1, true);
  L.T.S.Symbols[L.T.index("theirs")].Definition.File = 3;  // defined in another library's other.cpp
  Program P = link({L.T.S});
  std::vector<PublicHeaders> H = {{PublicHeaders::Directory, "/src/include", "a public include directory", {"/src/lib.cpp"}}};
  EXPECT_THAT(names(P, publicApi(P, H, "/src")), ElementsAre("ours()", "inlineThere()"));
}

TEST(PublicApi, AModulesEntryPointsAreItsExternCFunctions) {
  TuBuilder T("plugin.cpp");
  T.fn("plugin_init", 1, flag::ExternC).fn("helper").fn("hidden_init", 1, flag::ExternC | flag::Hidden);
  Program P = link({T.S});
  std::vector<ApiRoot> Roots = moduleEntryPoints(P, {"/src/plugin.cpp"}, "plug");
  EXPECT_THAT(names(P, Roots), ElementsAre("plugin_init()"));
  EXPECT_EQ(Roots[0].Note, "an extern \"C\" entry point of module 'plug'");
  EXPECT_TRUE(moduleEntryPoints(P, {"/src/other.cpp"}, "plug").empty());
}

}  // namespace
}  // namespace deadwood
