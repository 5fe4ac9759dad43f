#include "passes/PublicApi.h"

#include "passes/Findings.h"
#include "passes/KeepRules.h"
#include "model/Files.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

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

/// The components of a qualified name, without template arguments or the
/// signature: `ns::C<T>::f(int)` is {ns, C, f}; an anonymous namespace is one
/// component; an operator's name (`operator<<`) is the last one, "operator".
std::vector<std::string> components(const std::string &Q) {
  auto Word = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  std::vector<std::string> Out;
  int Depth = 0;
  size_t Start = 0, End = std::string::npos;  // End: where the component's template arguments begin
  auto Close = [&](size_t At) { Out.push_back(Q.substr(Start, std::min(End, At) - Start)); };
  for (size_t I = 0; I < Q.size(); ++I) {
    if (Q.compare(I, 21, "(anonymous namespace)") == 0) {
      I += 20;  // one name, not a signature
      continue;
    }
    if (Depth == 0 && I == Start && Q.compare(I, 8, "operator") == 0 && !(I + 8 < Q.size() && Word(Q[I + 8]))) {
      Out.push_back("operator");
      return Out;
    }
    char C = Q[I];
    if (Depth == 0 && C == '(') {
      Close(I);
      return Out;
    }
    if (C == '<' && Depth == 0 && End == std::string::npos) End = I;
    if (C == '<' || C == '(') {
      ++Depth;
    } else if ((C == '>' || C == ')') && Depth > 0) {
      --Depth;
    } else if (Depth == 0 && C == ':' && I + 1 < Q.size() && Q[I + 1] == ':') {
      Close(I);
      Start = I + 2;
      End = std::string::npos;
      ++I;
    }
  }
  Close(Q.size());
  return Out;
}

/// `f` of `ns::detail::f<T>(int)`; "operator" for any operator.
std::string unqualifiedName(const std::string &Q) {
  std::vector<std::string> Parts = components(Q);
  return Parts.empty() ? Q : Parts.back();
}

/// Of Symbols (sorted on return), those whose name occurs as an identifier
/// in a file of the project (under SourceRoot) outside their own
/// declarations.
std::vector<SymbolId> mentionedElsewhere(const Program &P, const std::vector<SymbolId> &Symbols,
                                         const std::string &SourceRoot) {
  std::map<std::string, std::vector<SymbolId>, std::less<>> ByName;
  for (SymbolId S : Symbols) ByName[unqualifiedName(P.Symbols[S].Name)].push_back(S);
  std::vector<SymbolId> Out;
  if (ByName.empty()) return Out;
  auto Own = [&](SymbolId S, int File, size_t At) {
    const Symbol &Sym = P.Symbols[S];
    auto In = [&](const Site &X) { return X.File == File && X.Begin <= At && At < X.End; };
    return (Sym.HasDefinition && In(Sym.Definition)) ||
           std::any_of(Sym.Declarations.begin(), Sym.Declarations.end(), In);
  };
  auto Word = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  for (int F = 0; F < static_cast<int>(P.Files.size()); ++F) {
    if (!isUnder(P.Files[F], SourceRoot)) continue;
    std::string Text;
    if (!readFile(P.Files[F], &Text)) continue;
    for (size_t I = 0; I < Text.size();) {
      if (!Word(Text[I]) || (I > 0 && Word(Text[I - 1]))) {
        ++I;
        continue;
      }
      size_t End = I;
      while (End < Text.size() && Word(Text[End])) ++End;
      auto It = ByName.find(std::string_view(Text).substr(I, End - I));
      if (It != ByName.end())
        for (SymbolId S : It->second)
          if (!Own(S, F, I)) Out.push_back(S);
      I = End;
    }
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
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
  std::vector<std::string> Parts = components(Q);
  return std::any_of(Parts.begin(), Parts.empty() ? Parts.end() : Parts.end() - 1, internalScope);
}

std::vector<ApiRoot> publicApi(const Program &P, const std::vector<PublicHeaders> &Headers,
                               const std::string &SourceRoot, size_t *HeaderCount) {
  std::vector<ApiRoot> Out;
  if (HeaderCount) *HeaderCount = 0;
  if (Headers.empty()) return Out;
  std::vector<int> Public = publicFiles(P, Headers, SourceRoot);
  if (HeaderCount) *HeaderCount = std::count_if(Public.begin(), Public.end(), [](int R) { return R >= 0; });
  auto RuleOf = [&](const Site &S) { return S.File >= 0 ? Public[S.File] : -1; };
  // The site that makes a symbol public: its definition, else the first
  // declaration, in a public header; null when none is.
  auto PublicSite = [&](const Symbol &Sym) -> const Site * {
    if (Sym.HasDefinition && RuleOf(Sym.Definition) >= 0) return &Sym.Definition;
    for (const Site &D : Sym.Declarations)
      if (RuleOf(D) >= 0) return &D;
    return nullptr;
  };
  std::vector<SymbolId> Candidates;  // free functions and variables of implementation namespaces
  for (SymbolId S = 0; S < P.size(); ++S) {
    const Symbol &Sym = P.Symbols[S];
    if (isCompilerMade(Sym.Flags)) continue;
    const Site *Where = PublicSite(Sym);
    if (!Where) continue;  // in no public header: neither API nor a candidate
    // An implementation namespace's functions and variables live through
    // what the API calls; its classes are also reached through public
    // aliases, signatures and bases (`using iterator = detail::iter<T>`),
    // which the model does not follow: they and their members stay.
    bool Internal = inInternalNamespace(Sym.Name);
    // So is a local class of an inline function: users cannot name it.
    bool Free = (Internal && Sym.Kind != SymbolKind::Class && P.ParentOf[S] == kNoSymbol) || Sym.Link == Linkage::None;
    if (Free) {
      Candidates.push_back(S);
      continue;
    }
    const PublicHeaders &H = Headers[RuleOf(*Where)];
    bool DefinedInHeader = Where == &Sym.Definition;
    if (!H.DefinedIn.empty() && !DefinedInHeader &&
        !(Sym.HasDefinition && std::binary_search(H.DefinedIn.begin(), H.DefinedIn.end(), P.fileOf(Sym.Definition))))
      continue;  // declared by a header it shares with another library, defined there
    Out.push_back(ApiRoot{S, std::string(Internal ? "of a class of an implementation namespace (users reach it through "
                                                    "public aliases and signatures, which are not followed), " : "") +
                                 "declared in public header " + relativeToRoot(P.fileOf(*Where), SourceRoot) + ", " + H.Why});
  }
  // Users compile a public header in configurations this build does not
  // see: an implementation function named anywhere else in the project's
  // text (a branch of `#if _WIN32`, an overload chosen elsewhere) may be
  // used there. Operators are used without their name: they stay.
  std::vector<SymbolId> Mentioned = mentionedElsewhere(P, Candidates, SourceRoot);
  for (SymbolId S : Candidates) {
    const Symbol &Sym = P.Symbols[S];
    const Site *Where = PublicSite(Sym);
    bool Operator = unqualifiedName(Sym.Name) == "operator";
    if (!Operator && !std::binary_search(Mentioned.begin(), Mentioned.end(), S)) continue;
    Out.push_back(ApiRoot{S, std::string(Operator ? "not API by itself, but an operator (used without its name), "
                                                  : "not API by itself, but named elsewhere in the project's text, which "
                                                    "users may compile in other configurations, ") +
                                 "declared in public header " + relativeToRoot(P.fileOf(*Where), SourceRoot) + ", " +
                                 Headers[RuleOf(*Where)].Why});
  }
  std::sort(Out.begin(), Out.end(), [](const ApiRoot &A, const ApiRoot &B) { return A.Sym < B.Sym; });
  return Out;
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
