#include "passes/PublicApi.h"

#include "passes/Findings.h"
#include "passes/KeepRules.h"
#include "model/Files.h"

#include <algorithm>
#include <cctype>
#include <map>

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

/// `f` of `ns::detail::f<T>(int)`: the last scope component, without the
/// signature or template arguments; "operator" for any operator.
std::string unqualifiedName(const std::string &Q) {
  int Depth = 0;
  size_t Start = 0, End = std::string::npos;  // End: where the component's template arguments begin
  for (size_t I = 0; I < Q.size(); ++I) {
    if (Depth == 0 && I == Start && Q.compare(I, 8, "operator") == 0) return "operator";
    char C = Q[I];
    if (Depth == 0 && C == '(') break;
    if (C == '<' && Depth == 0 && End == std::string::npos) End = I;
    if (C == '<' || C == '(') {
      ++Depth;
    } else if ((C == '>' || C == ')') && Depth > 0) {
      --Depth;
    } else if (Depth == 0 && C == ':' && I + 1 < Q.size() && Q[I + 1] == ':') {
      Start = I + 2;
      End = std::string::npos;
      ++I;
    }
  }
  size_t Stop = std::min(End, Q.find('(', Start));
  return Q.substr(Start, Stop == std::string::npos ? std::string::npos : Stop - Start);
}

/// Of Symbols (sorted on return), those whose name occurs as an identifier
/// in a file of the project (under SourceRoot) outside their own
/// declarations.
std::vector<SymbolId> mentionedElsewhere(const Program &P, const std::vector<SymbolId> &Symbols,
                                         const std::string &SourceRoot) {
  std::map<std::string, std::vector<SymbolId>> ByName;
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
      auto It = ByName.find(Text.substr(I, End - I));
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
  std::vector<SymbolId> Candidates;  // free functions and variables of implementation namespaces
  for (SymbolId S = 0; S < P.size(); ++S) {
    const Symbol &Sym = P.Symbols[S];
    if (isCompilerMade(Sym.Flags)) continue;
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
  // Users compile a public header in configurations this build does not
  // see: an implementation function named anywhere else in the project's
  // text (a branch of `#if _WIN32`, an overload chosen elsewhere) may be
  // used there. Operators are used without their name: they stay.
  std::vector<SymbolId> Mentioned = mentionedElsewhere(P, Candidates, SourceRoot);
  for (SymbolId S : Candidates) {
    const Symbol &Sym = P.Symbols[S];
    const Site *Where = Sym.HasDefinition && RuleOf(Sym.Definition) >= 0 ? &Sym.Definition : nullptr;
    for (const Site &D : Sym.Declarations)
      if (!Where && RuleOf(D) >= 0) Where = &D;
    if (!Where) continue;
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
