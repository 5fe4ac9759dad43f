#include "passes/KeepRules.h"

#include "passes/Findings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace deadwood {
namespace {

using nlohmann::json;

int lineAt(std::string_view Text, size_t Offset) {
  return 1 + static_cast<int>(std::count(Text.begin(), Text.begin() + std::min(Offset, Text.size()), '\n'));
}

/// Byte offsets, in the config's text, of the elements of the top-level
/// array under Key (JSON parsers do not keep positions; messages need lines).
std::vector<size_t> elementOffsets(std::string_view T, const std::string &Key) {
  std::vector<size_t> Out;
  int Depth = 0;
  bool Expect = false;  // inside the array, before an element
  std::string LastString, ArrayKey;
  for (size_t I = 0; I < T.size(); ++I) {
    char C = T[I];
    if (std::isspace(static_cast<unsigned char>(C))) continue;
    bool InArray = Depth == 2 && ArrayKey == Key;
    if (InArray && Expect && C != ']') Out.push_back(I);
    Expect = false;
    if (C == '"') {
      size_t Start = ++I;
      while (I < T.size() && T[I] != '"') I += T[I] == '\\' ? 2 : 1;
      LastString = std::string(T.substr(Start, I - Start));
    } else if (C == '{' || C == '[') {
      if (Depth == 1) ArrayKey = C == '[' ? LastString : "";
      ++Depth;
      Expect = Depth == 2 && ArrayKey == Key && C == '[';
    } else if (C == '}' || C == ']') {
      --Depth;
    } else if (C == ',') {
      Expect = InArray;
    }
  }
  return Out;
}

/// `[` without its `]` is the one way a glob can be malformed.
bool validGlob(std::string_view G, std::string *Why) {
  for (size_t I = 0; I < G.size(); ++I)
    if (G[I] == '[' && G.find(']', I + 2) == std::string_view::npos) {
      *Why = "unclosed '['";
      return false;
    }
  return true;
}

bool classMatches(std::string_view Class, char C) {  ///< inside [ ]
  bool Negate = !Class.empty() && (Class[0] == '!' || Class[0] == '^');
  if (Negate) Class.remove_prefix(1);
  bool Hit = false;
  for (size_t I = 0; I < Class.size(); ++I) {
    if (I + 2 < Class.size() && Class[I + 1] == '-') {
      Hit |= Class[I] <= C && C <= Class[I + 2];
      I += 2;
    } else {
      Hit |= Class[I] == C;
    }
  }
  return Hit != Negate;
}

bool parseRule(const json &J, std::string_view Text, size_t Offset, const std::string &Path,
               KeepRule *R, std::string *Err) {
  std::string Where = Path + ":" + std::to_string(lineAt(Text, Offset)) + ": ";
  R->Line = lineAt(Text, Offset);
  if (!J.is_object()) return *Err = Where + "a keep rule must be an object", false;
  int Names = 0;
  for (auto &[Key, Value] : J.items()) {
    if (!Value.is_string()) return *Err = Where + "\"" + Key + "\" must be a string", false;
    std::string V = Value.get<std::string>();
    if (Key == "reason") R->Reason = V;
    else if (Key == "name" || Key == "file" || Key == "usr") {
      ++Names;
      R->Kind = Key == "name" ? KeepRule::Name : Key == "file" ? KeepRule::File : KeepRule::Usr;
      R->Pattern = V;
    } else {
      return *Err = Where + "unknown key \"" + Key + "\" in a keep rule", false;
    }
  }
  if (Names != 1) return *Err = Where + "a keep rule needs exactly one of \"name\", \"file\", \"usr\"", false;
  if (R->Reason.empty()) return *Err = Where + "a keep rule needs a \"reason\"", false;
  std::string Why;
  if (R->Kind != KeepRule::Usr && !validGlob(R->Pattern, &Why))
    return *Err = Where + "malformed pattern '" + R->Pattern + "': " + Why, false;
  return true;
}

}  // namespace

bool globMatch(std::string_view P, std::string_view T, bool PathMode) {
  while (!P.empty()) {
    if (P.substr(0, 2) == "**") {
      P.remove_prefix(2);
      if (!P.empty() && P[0] == '/') P.remove_prefix(1);  // `a/**/b` also matches `a/b`
      for (size_t I = 0; I <= T.size(); ++I)
        if (globMatch(P, T.substr(I), PathMode)) return true;
      return false;
    }
    if (P[0] == '*') {
      P.remove_prefix(1);
      for (size_t I = 0; I <= T.size(); ++I) {
        if (globMatch(P, T.substr(I), PathMode)) return true;
        if (I < T.size() && PathMode && T[I] == '/') return false;
      }
      return false;
    }
    if (T.empty()) return false;
    if (P[0] == '[') {
      size_t Close = P.find(']', 2);
      if (Close == std::string_view::npos || !classMatches(P.substr(1, Close - 1), T[0])) return false;
      P.remove_prefix(Close + 1);
    } else {
      if (P[0] != '?' && P[0] != T[0]) return false;
      P.remove_prefix(1);
    }
    T.remove_prefix(1);
  }
  return T.empty();
}

bool parseConfig(const std::string &Path, std::string_view Text, Config *Out, std::string *Err) {
  json J;
  try {
    J = json::parse(Text.begin(), Text.end(), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const json::parse_error &E) {
    *Err = Path + ":" + std::to_string(lineAt(Text, E.byte ? E.byte - 1 : 0)) + ": not valid JSON";
    return false;
  } catch (const json::exception &) {  // a number out of range: 1e999
    *Err = Path + ":1: not valid JSON (a number out of range)";
    return false;
  }
  if (!J.is_object()) return *Err = Path + ":1: the config must be a JSON object", false;
  Config C;
  C.Path = Path;
  for (auto &[Key, Value] : J.items()) {
    size_t At = Text.find("\"" + Key + "\"");
    std::string Where = Path + ":" + std::to_string(lineAt(Text, At)) + ": ";
    if (Key == "include-vendored" || Key == "inherit") {
      if (!Value.is_boolean()) return *Err = Where + "\"" + Key + "\" must be true or false", false;
      if (Key == "inherit") C.Inherit = Value.get<bool>();
      else C.IncludeVendored = Value.get<bool>() ? 1 : 0;
      continue;
    }
    if (Key != "keep" && Key != "ignore" && Key != "public-headers" && Key != "vendored" && Key != "not-vendored")
      return *Err = Where + "unknown key \"" + Key + "\"", false;
    if (!Value.is_array()) return *Err = Where + "\"" + Key + "\" must be a list", false;
  }
  if (J.contains("keep")) {
    std::vector<size_t> At = elementOffsets(Text, "keep");
    for (size_t I = 0; I < J["keep"].size(); ++I) {
      KeepRule R;
      if (!parseRule(J["keep"][I], Text, I < At.size() ? At[I] : 0, Path, &R, Err)) return false;
      R.Source = Path;
      C.Keep.push_back(std::move(R));
    }
  }
  std::pair<const char *, std::vector<std::string> *> Lists[] = {
      {"ignore", &C.Ignore}, {"public-headers", &C.PublicHeaders}, {"vendored", &C.Vendored},
      {"not-vendored", &C.NotVendored}};
  for (auto [Key, List] : Lists) {
    if (!J.contains(Key)) continue;
    std::vector<size_t> At = elementOffsets(Text, Key);
    for (size_t I = 0; I < J[Key].size(); ++I) {
      std::string Where = Path + ":" + std::to_string(lineAt(Text, I < At.size() ? At[I] : 0)) + ": ";
      const json &G = J[Key][I];
      std::string Why;
      if (!G.is_string()) return *Err = Where + "an entry of \"" + Key + "\" must be a string", false;
      if (!validGlob(G.get<std::string>(), &Why))
        return *Err = Where + "malformed pattern '" + G.get<std::string>() + "': " + Why, false;
      List->push_back(G.get<std::string>());
    }
  }
  *Out = std::move(C);
  return true;
}

void inheritConfig(Config *Child, const Config &Parent) {
  auto Ahead = [](auto *Into, const auto &From) { Into->insert(Into->begin(), From.begin(), From.end()); };
  Ahead(&Child->Keep, Parent.Keep);
  Ahead(&Child->Ignore, Parent.Ignore);
  Ahead(&Child->PublicHeaders, Parent.PublicHeaders);
  Ahead(&Child->Vendored, Parent.Vendored);
  Ahead(&Child->NotVendored, Parent.NotVendored);
  if (Child->IncludeVendored < 0) Child->IncludeVendored = Parent.IncludeVendored;
}

std::string configToJson(const Config &C) {
  json J = json::object();
  json &Keep = J["keep"] = json::array();
  for (const KeepRule &R : C.Keep) {
    const char *By = R.Kind == KeepRule::Name ? "name" : R.Kind == KeepRule::File ? "file" : "usr";
    Keep.push_back({{By, R.Pattern}, {"reason", R.Reason}});
  }
  J["ignore"] = C.Ignore;
  J["public-headers"] = C.PublicHeaders;
  J["vendored"] = C.Vendored;
  J["not-vendored"] = C.NotVendored;
  if (C.IncludeVendored >= 0) J["include-vendored"] = C.IncludeVendored == 1;
  return json({{"files", C.Files}, {"config", J}}).dump(2) + "\n";
}

void rebaseConfig(Config *C, const std::string &Prefix) {
  if (Prefix.empty()) return;
  auto Rebase = [&](std::string &G) { G = !G.empty() && G[0] == '/' ? G : Prefix + "/" + G; };
  for (KeepRule &R : C->Keep)
    if (R.Kind == KeepRule::File) Rebase(R.Pattern);
  for (auto *List : {&C->Ignore, &C->PublicHeaders, &C->Vendored, &C->NotVendored})
    for (std::string &G : *List) Rebase(G);
}

std::vector<std::string> applyKeepRules(Program &P, const Config &C, const std::string &SourceRoot) {
  std::vector<std::string> Warnings;
  std::map<SymbolId, size_t> Roots;  // symbol -> index in P.Roots
  for (size_t I = 0; I < P.Roots.size(); ++I) Roots.emplace(P.Roots[I].Sym, I);
  for (const KeepRule &Rule : C.Keep) {
    std::string At = (Rule.Source.empty() ? C.Path : Rule.Source) + ":" + std::to_string(Rule.Line);
    size_t Matched = 0;
    for (SymbolId S = 0; S < P.size(); ++S) {
      const Symbol &Sym = P.Symbols[S];
      if (isCompilerMade(Sym.Flags)) continue;
      bool Hit = false;
      if (Rule.Kind == KeepRule::Usr) Hit = Sym.Usr == Rule.Pattern;
      else if (Rule.Kind == KeepRule::Name)
        Hit = globMatch(Rule.Pattern, Sym.Name, false) ||
              globMatch(Rule.Pattern, Sym.Name.substr(0, Sym.Name.find('(')), false);
      else
        Hit = Sym.HasDefinition && Sym.Kind != SymbolKind::Class &&
              globMatch(Rule.Pattern, relativeToRoot(P.fileOf(Sym.Definition), SourceRoot), true);
      if (!Hit) continue;
      ++Matched;
      auto [It, Added] = Roots.emplace(S, P.Roots.size());
      if (Added) P.Roots.push_back(ProgramRoot{S, RootReason::KeepRule, {}});  // in every program
      else P.Roots[It->second].Tus.clear();
      if (Added || !P.RootNotes.count(S))
        P.RootNotes[S] = "keep rule at " + At + ": " + Rule.Reason;
    }
    if (!Matched)
      Warnings.push_back(Rule.Line ? At + ": keep rule '" + Rule.Pattern +
                                         "' matches nothing"
                                   : "--public-api '" + Rule.Pattern + "' matches nothing");
  }
  std::sort(P.Roots.begin(), P.Roots.end(),
            [](const ProgramRoot &A, const ProgramRoot &B) { return A.Sym < B.Sym; });
  return Warnings;
}

}  // namespace deadwood
