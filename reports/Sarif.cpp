#include "reports/Writers.h"

#include "passes/TextEdit.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace deadwood {
namespace {

using nlohmann::ordered_json;

/// A relative URI reference: unreserved characters and '/' as they are,
/// everything else percent-encoded.
std::string uriPath(const std::string &Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (std::isalnum(C) || C == '/' || C == '-' || C == '.' || C == '_' || C == '~') Out += static_cast<char>(C);
    else {
      char Hex[4];
      std::snprintf(Hex, sizeof Hex, "%%%02X", C);
      Out += Hex;
    }
  }
  return Out;
}

/// A file relative to the source root (SRCROOT) when it lies below it,
/// else its absolute file URI.
ordered_json artifact(const std::string &File, const std::string &Root) {
  if (!isUnder(File, Root)) return {{"uri", "file://" + uriPath(File)}};
  return {{"uri", uriPath(relativeToRoot(File, Root))}, {"uriBaseId", "SRCROOT"}};
}

using Sources = std::map<std::string, std::string>;

/// From the definition's name to its end (endLine, endColumn just past it)
/// when its file's text is known.
ordered_json location(const Finding &F, const std::string &Root, const Sources &Texts) {
  ordered_json Region = {{"startLine", F.Line}, {"startColumn", F.Column}};
  if (auto Text = Texts.find(F.File); Text != Texts.end() && F.End > 0) {
    TextPosition End = positionAt(Text->second, F.End);
    if (End.Line > F.Line || (End.Line == F.Line && End.Column > F.Column)) {
      Region["endLine"] = End.Line;
      Region["endColumn"] = End.Column;
    }
  }
  return {{"physicalLocation", {{"artifactLocation", artifact(F.File, Root)}, {"region", std::move(Region)}}}};
}

/// A proven removal as SARIF's fix: its deletions, file by file.
ordered_json fix(const SuggestedFix &S, const std::string &Root) {
  ordered_json Changes = ordered_json::array();
  for (size_t I = 0; I < S.Edits.size();) {
    const std::string &File = S.Edits[I].File;
    ordered_json Replacements = ordered_json::array();
    for (; I < S.Edits.size() && S.Edits[I].File == File; ++I) {
      const SuggestedFix::Edit &E = S.Edits[I];
      Replacements.push_back({{"deletedRegion",
                               {{"startLine", E.Line}, {"startColumn", E.Column}, {"endLine", E.EndLine}, {"endColumn", E.EndColumn}}},
                              {"insertedContent", {{"text", E.Text}}}});
    }
    Changes.push_back({{"artifactLocation", artifact(File, Root)}, {"replacements", std::move(Replacements)}});
  }
  return {{"description", {{"text", "remove " + S.Label}}}, {"artifactChanges", std::move(Changes)}};
}

/// Whether the fix removes F or one of its members.
bool removes(const SuggestedFix &S, const Finding &F) {
  return std::find(S.Usrs.begin(), S.Usrs.end(), F.Usr) != S.Usrs.end() ||
         std::any_of(F.Members.begin(), F.Members.end(), [&](const Finding &M) { return removes(S, M); });
}

/// Which finding each fix belongs to: the first (in report order) whose
/// symbol, or a member's, the group removes. A group is one suggestion,
/// never repeated on each of its findings.
std::vector<std::vector<const SuggestedFix *>> fixesByFinding(const Report &R) {
  std::vector<std::vector<const SuggestedFix *>> Out(R.Findings.size());
  for (const SuggestedFix &S : R.Fixes)
    for (size_t I = 0; I < R.Findings.size(); ++I)
      if (removes(S, R.Findings[I])) {
        Out[I].push_back(&S);
        break;
      }
  return Out;
}

ordered_json rule(const char *Id, const char *Name, const char *Short, const char *Help) {
  return {{"id", Id},
          {"name", Name},
          {"shortDescription", {{"text", Short}}},
          {"fullDescription", {{"text", Help}}},
          {"help", {{"text", Help}}},
          {"defaultConfiguration", {{"level", "warning"}}}};
}

std::string message(const Finding &F) {
  std::string Text = std::string(kindNoun(F.Kind)) + " '" + F.Name + "' is ";
  if (F.Category == Category::Unexecuted) return Text + "reachable, but no run of the coverage data executed it";
  if (F.Category != Category::TestOnly) return Text + "unreachable";
  Text += "reachable only from tests (";
  for (size_t I = 0; I < F.ReachedFrom.size(); ++I) Text += (I ? ", " : "") + F.ReachedFrom[I];
  return Text + ")";
}

}  // namespace

void writeSarif(std::ostream &OS, const Report &R, const Sources &Texts) {
  ordered_json Results = ordered_json::array();
  std::vector<std::vector<const SuggestedFix *>> Fixes = fixesByFinding(R);
  for (size_t At = 0; At < R.Findings.size(); ++At) {
    const Finding &F = R.Findings[At];
    int Rule = F.Category == Category::TestOnly ? 1 : F.Category == Category::Unexecuted ? 2 : 0;
    ordered_json Result = {{"ruleId", std::string("deadwood-") + categoryName(F.Category)},
                           {"ruleIndex", Rule},
                           {"level", F.Category == Category::Unexecuted ? "note" : "warning"},
                           {"message", {{"text", message(F)}}},
                           {"locations", ordered_json::array({location(F, R.SourceRoot, Texts)})},
                           {"partialFingerprints", {{"deadwood/v1", fingerprint(F, R.SourceRoot)}}},
                           {"properties", {{"kind", kindName(F.Kind)}, {"usr", F.Usr}, {"removable", F.Removable}}}};
    if (!F.Members.empty()) {
      ordered_json Related = ordered_json::array();
      for (size_t I = 0; I < F.Members.size(); ++I) {
        ordered_json L = location(F.Members[I], R.SourceRoot, Texts);
        L["id"] = I;
        L["message"] = {{"text", "unreachable member " + std::string(kindNoun(F.Members[I].Kind)) + " '" +
                                     F.Members[I].Name + "'"}};
        Related.push_back(std::move(L));
      }
      Result["relatedLocations"] = std::move(Related);
    }
    if (!Fixes[At].empty()) {
      ordered_json List = ordered_json::array();
      for (const SuggestedFix *S : Fixes[At]) List.push_back(fix(*S, R.SourceRoot));
      Result["fixes"] = std::move(List);
    }
    Results.push_back(std::move(Result));
  }
  ordered_json Driver = {
      {"name", "deadwood"},
      {"semanticVersion", deadwoodVersion()},
      {"rules",
       ordered_json::array(
           {rule("deadwood-dead", "UnreachableCode", "Code no entry point of the program can reach.",
                 "No root of the program (main, a static initializer, an exported API, a keep rule) "
                 "reaches this definition through calls, virtual dispatch, constructors, destructors or "
                 "references. Remove it (deadwood --fix or --patch), or keep it with a keep rule that "
                 "says why."),
            rule("deadwood-test-only", "TestOnlyCode", "Production code only tests reach.",
                 "Only programs that CTest runs reach this definition: no production program uses it. "
                 "Remove it together with its tests, or use it."),
            rule("deadwood-unexecuted", "UnexecutedCode", "Reachable code no run of the coverage data executed.",
                 "A root of the program reaches this definition, but the runs that produced the --coverage data "
                 "(the test suite, a production sample) never executed it: a feature nobody used there, or one no "
                 "test covers. It is alive, so deadwood never removes it; test it, or retire the feature.")})}};
  // A run with a failed TU is incomplete: CI must not read its silence about
  // the files that TU read as "nothing dead there".
  ordered_json Notifications = ordered_json::array();
  for (const FailedTu &T : R.Failed) {
    std::string Text = "translation unit not analysed; nothing it reads is judged";
    if (!T.Errors.empty()) Text += ": " + T.Errors.front();
    Notifications.push_back({{"level", "error"},
                             {"message", {{"text", Text}}},
                             {"locations", ordered_json::array({{{"physicalLocation", {{"artifactLocation", artifact(T.File, R.SourceRoot)}}}}})}});
  }
  ordered_json Invocation = {{"executionSuccessful", !R.incomplete()}};
  if (!Notifications.empty()) Invocation["toolExecutionNotifications"] = std::move(Notifications);
  ordered_json Out = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       ordered_json::array({{{"tool", {{"driver", Driver}}},
                             {"invocations", ordered_json::array({std::move(Invocation)})},
                             {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + uriPath(R.SourceRoot) + "/"}}}}},
                             {"results", std::move(Results)}}})}};
  OS << Out.dump(2) << '\n';
}

}  // namespace deadwood
