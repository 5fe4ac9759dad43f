#include "passes/Programs.h"

#include "model/Files.h"
#include "passes/Findings.h"

#include <algorithm>

namespace deadwood {

ProgramDef wholeDatabase(const Program &P) { return ProgramDef{"all", false, std::vector<bool>(P.Tus.size(), true), {}}; }

std::vector<ProgramDef> programsOf(const BuildGraph &G, Program &P, std::vector<std::string> *Details) {
  std::vector<ProgramDef> Out;
  for (const Target &T : G.Targets) {
    if (T.Type != "EXECUTABLE" && !T.exportsApi()) continue;
    std::vector<std::string> Sources = programSources(G, T);
    // A program CTest runs is a test, unless the build installs it: then it
    // is the product, and the test runs it (`add_test(NAME v COMMAND app --version)`).
    ProgramDef D{T.Name, T.IsTest && !T.Installed, std::vector<bool>(P.Tus.size(), false), {}};
    if (T.Type == "MODULE_LIBRARY") {
      std::vector<std::string> Own = T.Sources;
      std::sort(Own.begin(), Own.end());
      for (const ApiRoot &A : moduleEntryPoints(P, Own, T.Name)) {
        D.Exported.push_back(A.Sym);
        P.RootNotes.emplace(A.Sym, A.Note);
      }
    }
    for (size_t I = 0; I < P.Tus.size(); ++I)
      D.Tus[I] = std::binary_search(Sources.begin(), Sources.end(), P.Tus[I].MainFile);
    Details->push_back("program '" + D.Name + "'" +
                       (D.IsTest ? " (a test)" : T.IsTest ? " (installed, so not a test, though CTest runs it)" : "") + ": " +
                       plural(std::count(D.Tus.begin(), D.Tus.end(), true), "translation unit", "translation units") +
                       (T.exportsApi() ? ", a library" : "") +
                       (D.Exported.empty() ? "" : " with " + plural(D.Exported.size(), "entry point", "entry points")));
    Out.push_back(std::move(D));
  }
  return Out;
}

std::vector<PublicHeaders> publicHeadersOf(const BuildGraph &G, const Program &P, const std::string &SourceRoot,
                                           const std::vector<std::string> &Globs, const Config &Cfg) {
  std::vector<PublicHeaders> Out;
  for (const HeaderInstall &I : G.Installs)
    Out.push_back({I.Directory ? PublicHeaders::Directory : PublicHeaders::File, I.Path,
                   "installed by " + I.Rule + (I.Where.empty() ? "" : " at " + relativeToRoot(I.Where, SourceRoot)), {}});
  std::vector<std::string> InstalledHeaders;  // the files read that an install rule installs
  for (const std::string &F : P.Files)
    if (isHeaderName(F) && std::any_of(Out.begin(), Out.end(), [&](const PublicHeaders &H) {
          return H.Kind == PublicHeaders::File ? F == H.Path : isUnder(F, H.Path);
        }))
      InstalledHeaders.push_back(F);
  auto Covered = [&](const std::string &Dir) {  // an installed header lies under Dir
    return std::any_of(InstalledHeaders.begin(), InstalledHeaders.end(),
                       [&](const std::string &F) { return isUnder(F, Dir); });
  };
  for (const Target &T : G.Targets) {
    if (!T.exportsApi()) continue;
    bool OwnFileSet = std::any_of(G.Installs.begin(), G.Installs.end(), [&](const HeaderInstall &I) { return I.Target == T.Name; });
    if (OwnFileSet || std::any_of(T.PublicIncludeDirs.begin(), T.PublicIncludeDirs.end(), Covered)) continue;
    std::vector<std::string> Own = T.Sources;
    std::sort(Own.begin(), Own.end());
    std::string Kind = T.Type == "SHARED_LIBRARY" ? "shared library" : T.Type == "MODULE_LIBRARY" ? "module" : "installed library";
    for (const std::string &D : T.PublicIncludeDirs)
      Out.push_back({PublicHeaders::Directory, D, "a public include directory of " + Kind + " '" + T.Name + "'", Own});
  }
  for (const std::string &Glob : Globs) Out.push_back({PublicHeaders::Glob, Glob, "named by --public-header '" + Glob + "'", {}});
  for (const std::string &Glob : Cfg.PublicHeaders)
    Out.push_back({PublicHeaders::Glob, Glob, "named by public-headers in " + Cfg.Path, {}});
  return Out;
}

ProgramDef apiProgram(Program &P, const std::vector<PublicHeaders> &Headers, const std::string &SourceRoot,
                      std::string *Detail) {
  ProgramDef D{"public API", false, std::vector<bool>(P.Tus.size(), false), {}};
  size_t Count = 0;
  for (const ApiRoot &A : publicApi(P, Headers, SourceRoot, &Count)) {
    D.Exported.push_back(A.Sym);
    P.RootNotes.emplace(A.Sym, A.Note);
  }
  if (!Headers.empty())
    *Detail = "public API: " + plural(D.Exported.size(), "symbol", "symbols") + " declared in " +
              plural(Count, "public header", "public headers");
  return D;
}

bool hasEntryPoint(const Program &P, const std::vector<ProgramDef> &Programs) {
  for (const ProgramDef &D : Programs)
    if (!D.Exported.empty()) return true;
  return std::any_of(P.Roots.begin(), P.Roots.end(), [](const ProgramRoot &R) {
    return R.Reason != RootReason::StaticInit && R.Reason != RootReason::ScopeUse;
  });
}

std::string sourceRootOf(const BuildGraph &G, const std::vector<std::string> &Mains) {
  std::string Start = G.SourceDir.empty() ? commonAncestor(Mains) : G.SourceDir;
  std::string Repo = repositoryRoot(Start);
  std::string Root = Repo.empty() ? Start : Repo;
  bool Covers = std::all_of(Mains.begin(), Mains.end(), [&](const std::string &M) { return isUnder(M, Root); });
  if (Covers) return Root;
  std::vector<std::string> All = Mains;
  All.push_back(Root + "/.");
  return commonAncestor(All);
}

}  // namespace deadwood
