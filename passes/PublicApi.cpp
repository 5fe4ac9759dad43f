#include "passes/PublicApi.h"

#include "passes/Findings.h"
#include "passes/KeepRules.h"

#include <algorithm>
#include <cctype>

namespace deadwood {
namespace {

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() && S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

bool internalScope(const std::string &Name) {
  static const char *const Names[] = {"detail", "details", "internal", "impl", "(anonymous namespace)"};
  for (const char *N : Names)
    if (Name == N) return true;
  return endsWith(Name, "_detail") || endsWith(Name, "_internal") || endsWith(Name, "_impl");
}

/// By file index: the index of the first rule that makes it a public
/// header, or -1.
std::vector<int> publicFiles(const Program &P, const std::vector<PublicHeaders> &Headers,
                             const std::string &SourceRoot) {
  std::vector<int> Out(P.Files.size(), -1);
  for (size_t F = 0; F < P.Files.size(); ++F) {
    const std::string &Path = P.Files[F];
    if (!isHeaderName(Path)) continue;
    for (size_t I = 0; I < Headers.size() && Out[F] < 0; ++I) {
      const PublicHeaders &H = Headers[I];
      bool Hit = H.Kind == PublicHeaders::File        ? Path == H.Path
                 : H.Kind == PublicHeaders::Directory ? isUnder(Path, H.Path)
                                                      : globMatch(H.Path, H.Path[0] == '/' ? Path
                                                                          : relativeToRoot(Path, SourceRoot), true);
      if (Hit) Out[F] = static_cast<int>(I);
    }
  }
  return Out;
}

}  // namespace

bool isHeaderName(const std::string &Path) {
  size_t Slash = Path.rfind('/'), Dot = Path.rfind('.');
  if (Dot == std::string::npos || (Slash != std::string::npos && Dot < Slash)) return true;  // <vector>-style
  std::string Ext = Path.substr(Dot);
  for (const char *E : {".h", ".hh", ".hpp", ".hxx", ".h++", ".inl", ".ipp", ".tcc", ".tpp"})
    if (Ext == E) return true;
  return false;
}

bool inInternalNamespace(const std::string &Q) {
  // Split the scope at `::` outside template arguments, up to the
  // signature; an operator's name (`operator<<`) ends the scope.
  auto Word = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  int Depth = 0;
  size_t Start = 0;
  for (size_t I = 0; I < Q.size(); ++I) {
    if (Q.compare(I, 21, "(anonymous namespace)") == 0) {
      I += 20;  // one name, not a signature
      continue;
    }
    if (Depth == 0 && I == Start && Q.compare(I, 8, "operator") == 0 && !(I + 8 < Q.size() && Word(Q[I + 8])))
      return false;
    char C = Q[I];
    if (Depth == 0 && C == '(') return false;
    if (C == '<' || C == '(') {
      ++Depth;
    } else if ((C == '>' || C == ')') && Depth > 0) {
      --Depth;
    } else if (Depth == 0 && C == ':' && I + 1 < Q.size() && Q[I + 1] == ':') {
      std::string Part = Q.substr(Start, I - Start);
      if (internalScope(Part.substr(0, Part.find('<')))) return true;
      Start = I + 2;
      ++I;
    }
  }
  return false;
}

std::vector<ApiRoot> publicApi(const Program &P, const std::vector<PublicHeaders> &Headers,
                               const std::string &SourceRoot) {
  std::vector<ApiRoot> Out;
  if (Headers.empty()) return Out;
  std::vector<int> Public = publicFiles(P, Headers, SourceRoot);
  auto RuleOf = [&](const Site &S) { return S.File >= 0 ? Public[S.File] : -1; };
  for (SymbolId S = 0; S < P.size(); ++S) {
    const Symbol &Sym = P.Symbols[S];
    if (isCompilerMade(Sym.Flags) || Sym.Link == Linkage::None) continue;
    // An implementation namespace's functions and variables live through
    // what the API calls; its classes are also reached through public
    // aliases, signatures and bases (`using iterator = detail::iter<T>`),
    // which the model does not follow: they and their members stay.
    bool Internal = inInternalNamespace(Sym.Name);
    if (Internal && Sym.Kind != SymbolKind::Class && P.ParentOf[S] == kNoSymbol) continue;
    int Rule = Sym.HasDefinition ? RuleOf(Sym.Definition) : -1;
    bool DefinedInHeader = Rule >= 0;
    for (const Site &D : Sym.Declarations)
      if (Rule < 0) Rule = RuleOf(D);
    if (Rule < 0) continue;
    const PublicHeaders &H = Headers[Rule];
    if (!H.DefinedIn.empty() && !DefinedInHeader &&
        !(Sym.HasDefinition && std::binary_search(H.DefinedIn.begin(), H.DefinedIn.end(), P.fileOf(Sym.Definition))))
      continue;  // declared by a header it shares with another library, defined there
    const Site &Where = DefinedInHeader ? Sym.Definition : *std::find_if(Sym.Declarations.begin(), Sym.Declarations.end(),
                                                                         [&](const Site &D) { return RuleOf(D) >= 0; });
    Out.push_back(ApiRoot{S, std::string(Internal ? "of a class of an implementation namespace (users reach it through "
                                                    "public aliases and signatures, which are not followed), " : "") +
                                 "declared in public header " + relativeToRoot(P.fileOf(Where), SourceRoot) + ", " + H.Why});
  }
  return Out;
}

size_t countPublicHeaders(const Program &P, const std::vector<PublicHeaders> &Headers,
                          const std::string &SourceRoot) {
  std::vector<int> Public = publicFiles(P, Headers, SourceRoot);
  return std::count_if(Public.begin(), Public.end(), [](int R) { return R >= 0; });
}

std::vector<ApiRoot> moduleEntryPoints(const Program &P, const std::vector<std::string> &Sources,
                                       const std::string &Module) {
  std::vector<ApiRoot> Out;
  for (SymbolId S = 0; S < P.size(); ++S) {
    const Symbol &Sym = P.Symbols[S];
    if (!(Sym.Flags & flag::ExternC) || !isFunctionLike(Sym.Kind) || !Sym.HasDefinition ||
        Sym.Link != Linkage::External || (Sym.Flags & (flag::Hidden | flag::InSystemHeader)))
      continue;
    if (std::binary_search(Sources.begin(), Sources.end(), P.fileOf(Sym.Definition)))
      Out.push_back(ApiRoot{S, "an extern \"C\" entry point of module '" + Module + "'"});
  }
  return Out;
}

}  // namespace deadwood
