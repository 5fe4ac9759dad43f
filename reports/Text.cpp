#include "reports/Writers.h"

#include <set>
#include <string_view>

namespace deadwood {
namespace {

std::string display(const std::string &Path, const TextOptions &Opts) {
  return Opts.DisplayBase.empty() ? Path : relativeToRoot(Path, Opts.DisplayBase);
}

/// Splits "file:line:col" at the last two colons (a path may hold colons).
std::string displaySite(const std::string &Site, const TextOptions &Opts) {
  size_t Col = Site.rfind(':');
  size_t Line = Col == std::string::npos ? Col : Site.rfind(':', Col - 1);
  if (Line == std::string::npos) return Site;
  return display(Site.substr(0, Line), Opts) + Site.substr(Line);
}

std::string join(const std::vector<std::string> &Parts) {
  std::string Out;
  for (const std::string &P : Parts) Out += (Out.empty() ? "" : ", ") + P;
  return Out;
}

std::string where(const Finding &F, const TextOptions &Opts) {
  return display(F.File, Opts) + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column);
}

/// `place: warning: ` or `place: note: `, in clang's colours when asked;
/// end() closes the line.
std::string lead(const std::string &Place, const char *Level, const TextOptions &Opts) {
  if (!Opts.Color) return Place + ": " + Level + ": ";
  bool Warning = std::string_view(Level) == "warning";
  return "\033[1m" + Place + ": \033[0m" + (Warning ? "\033[0;1;35m" : "\033[0;1;30m") + Level + ": \033[0m" +
         (Warning ? "\033[1m" : "");
}
const char *end(const TextOptions &Opts) { return Opts.Color ? "\033[0m\n" : "\n"; }

/// The notes that follow a finding's line: its other declarations, why it
/// cannot be removed, its members when it is a class.
void writeNotes(std::ostream &OS, const Finding &F, const TextOptions &Opts) {
  for (const std::string &D : F.Declarations)
    OS << lead(displaySite(D, Opts), "note", Opts) << "also declared here" << end(Opts);
  if (!F.Configurations.empty()) OS << lead(where(F, Opts), "note", Opts) << configurationSummary(F) << end(Opts);
  if (!F.Removable && F.Category != Category::Unexecuted)  // alive: removal is not the question
    OS << lead(where(F, Opts), "note", Opts) << "not removable: " << F.NotRemovableBecause << end(Opts);
  if (Opts.Verbose) OS << lead(where(F, Opts), "note", Opts) << "USR " << F.Usr << end(Opts);
  for (const Finding &M : F.Members) {
    OS << lead(where(M, Opts), "note", Opts) << "unreachable member " << kindNoun(M.Kind) << " '" << M.Name << "'"
       << end(Opts);
    writeNotes(OS, M, Opts);
  }
}

}  // namespace

const char *kindNoun(SymbolKind K) {
  switch (K) {
  case SymbolKind::Conversion: return "conversion operator";
  default: return kindName(K);
  }
}

void writeText(std::ostream &OS, const Report &R, const TextOptions &Opts) {
  std::set<std::string> Files;
  for (const Finding &F : R.Findings) {
    Files.insert(F.File);
    OS << lead(where(F, Opts), "warning", Opts) << kindNoun(F.Kind) << " '" << F.Name << "' is "
       << (F.Category == Category::TestOnly     ? "reachable only from tests (" + join(F.ReachedFrom) + ")"
           : F.Category == Category::Unexecuted ? std::string("reachable, but no run of the coverage data executed it")
                                                : std::string("unreachable"))
       << " [deadwood-" << categoryName(F.Category) << "]" << end(Opts);
    writeNotes(OS, F, Opts);
  }
  if (Opts.Verbose)
    for (const ReportNote &N : R.Notes)
      OS << lead(display(N.File, Opts) + ':' + std::to_string(N.Line) + ':' + std::to_string(N.Column), "note", Opts)
         << N.Text << " [deadwood]" << end(Opts);
  DeadCounts C = countDead(R.Findings);
  OS << "deadwood: " << plural(C.total(), "unreachable symbol", "unreachable symbols") << " ("
     << plural(C.Functions, "function", "functions") << ", "
     << plural(C.Variables, "variable", "variables") << ", "
     << plural(C.Classes, "class", "classes") << ", " << plural(C.Lines, "line", "lines") << ")"
     << (C.TestOnly ? ", " + std::to_string(C.TestOnly) + " test-only" : std::string())
     << (C.Unexecuted ? ", " + std::to_string(C.Unexecuted) + " unexecuted" : std::string()) << " in "
     << plural(Files.size(), "file", "files")
     << " (" << (R.Configurations.empty() ? "" : plural(R.Configurations.size(), "configuration", "configurations") + ", ")
     << plural(R.Tus, "translation unit", "translation units") << ", "
     << plural(R.Symbols, "symbol", "symbols") << ", " << R.Reached << " reachable)\n";
  if (const std::optional<CoverageJoin> &J = R.Coverage)
    OS << "deadwood: coverage (" << J->Format << ", " << plural(J->Files, "file", "files") << "): "
       << plural(J->Functions, "function", "functions") << " of the project, " << J->Matched << " matched, "
       << J->Unknown << " the graph does not know; "
       << plural(J->FilesNotCovered, "project file", "project files")
       << " with reachable functions the data does not cover; "
       << plural(J->Unexecuted, "reachable function", "reachable functions") << " never executed\n";
  if (R.Baselined)
    OS << "deadwood: " << plural(R.Baselined, "finding", "findings") << " accepted by the baseline not shown\n";
  if (!R.Notes.empty() && !Opts.Verbose)
    OS << "deadwood: " << plural(R.Notes.size(), "note", "notes")
       << " on code the model cannot follow exactly (--verbose shows them)\n";
  if (R.incomplete())
    OS << "deadwood: incomplete: " << R.Failed.size() << " of "
       << plural(R.Tus, "translation unit", "translation units")
       << " failed to parse; " << plural(R.Unknown, "symbol", "symbols")
       << " in files they read not judged\n";
}

}  // namespace deadwood
