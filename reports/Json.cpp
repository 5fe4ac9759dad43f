#include "reports/Writers.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace deadwood {

namespace {

using nlohmann::ordered_json;

ordered_json findingJson(const Finding &F) {
  ordered_json J = {{"category", categoryName(F.Category)}, {"kind", kindName(F.Kind)},
                    {"name", F.Name},         {"usr", F.Usr},
                    {"file", F.File},         {"line", F.Line},
                    {"column", F.Column},     {"lines", F.Lines},
                    {"removable", F.Removable}};
  if (!F.Removable) J["not_removable_because"] = F.NotRemovableBecause;
  if (!F.ReachedFrom.empty()) J["reached_from"] = F.ReachedFrom;
  if (!F.Declarations.empty()) J["declarations"] = F.Declarations;
  if (!F.Configurations.empty()) {
    ordered_json &Each = J["configurations"] = ordered_json::array();
    for (const ConfigurationVerdict &V : F.Configurations)
      Each.push_back({{"build", V.Build}, {"verdict", verdictName(V.Verdict)}});
  }
  if (!F.Members.empty()) {
    ordered_json &Members = J["members"] = ordered_json::array();
    for (const Finding &M : F.Members) Members.push_back(findingJson(M));
  }
  return J;
}

}  // namespace

void writeJson(std::ostream &OS, const Report &R) {
  std::set<std::string> Files;
  std::map<std::string, size_t> PerCategory = {{"dead", 0}, {"test-only", 0}, {"unexecuted", 0}};
  ordered_json Findings = ordered_json::array();
  for (const Finding &F : R.Findings) {
    Files.insert(F.File);
    ++PerCategory[categoryName(F.Category)];
    Findings.push_back(findingJson(F));
  }
  DeadCounts Counts = countDead(R.Findings);
  ordered_json Targets = ordered_json::object();
  for (const TargetCounts &T : R.Targets) Targets[T.Name] = {{"dead", T.Dead}, {"test-only", T.TestOnly}};
  ordered_json Notes = ordered_json::array();
  for (const ReportNote &N : R.Notes)
    Notes.push_back({{"file", N.File}, {"line", N.Line}, {"column", N.Column}, {"text", N.Text}});
  ordered_json Failed = ordered_json::array();
  for (const FailedTu &T : R.Failed) Failed.push_back({{"file", T.File}, {"errors", T.Errors}});
  ordered_json Out = {
      {"version", kReportVersion},
      {"tool", "deadwood"},
      {"source_root", R.SourceRoot},
      {"complete", !R.incomplete()},
      {"summary",
       {{"dead", PerCategory["dead"]},
        {"test-only", PerCategory["test-only"]},
        {"dead_functions", Counts.Functions},
        {"dead_variables", Counts.Variables},
        {"dead_classes", Counts.Classes},
        {"dead_lines", Counts.Lines},
        {"files", Files.size()},
        {"translation_units", R.Tus},
        {"failed_translation_units", R.Failed.size()},
        {"not_judged", R.Unknown},
        {"baselined", R.Baselined},
        {"symbols", R.Symbols},
        {"edges", R.Edges},
        {"reachable", R.Reached}}},
      {"targets", std::move(Targets)},
      {"findings", std::move(Findings)},
      {"notes", std::move(Notes)},
      {"failed", std::move(Failed)}};
  if (!R.Configurations.empty()) Out["configurations"] = R.Configurations;
  if (const std::optional<CoverageJoin> &J = R.Coverage) {
    Out["summary"]["unexecuted"] = PerCategory["unexecuted"];
    Out["coverage"] = {{"source", J->Source},
                       {"format", J->Format},
                       {"files", J->Files},
                       {"functions", J->Functions},
                       {"matched", J->Matched},
                       {"unknown_to_the_graph", J->Unknown},
                       {"outside_the_project", J->Outside},
                       {"project_files_not_covered", J->FilesNotCovered},
                       {"unexecuted", J->Unexecuted}};
  }
  if (!R.Vendored.empty()) {
    ordered_json &V = Out["vendored"] = ordered_json::array();
    for (const auto &[Dir, Why] : R.Vendored) V.push_back({{"path", Dir}, {"why", Why}});
  }
  OS << Out.dump(2) << '\n';
}

}  // namespace deadwood
