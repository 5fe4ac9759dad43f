#include "reports/Writers.h"

#include <set>

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

std::string plural(size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

std::string join(const std::vector<std::string> &Parts) {
  std::string Out;
  for (const std::string &P : Parts) Out += (Out.empty() ? "" : ", ") + P;
  return Out;
}

std::string where(const Finding &F, const TextOptions &Opts) {
  return display(F.File, Opts) + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column);
}

/// The notes that follow a finding's line: its other declarations, why it
/// cannot be removed, its members when it is a class.
void writeNotes(std::ostream &OS, const Finding &F, const TextOptions &Opts) {
  for (const std::string &D : F.Declarations)
    OS << displaySite(D, Opts) << ": note: also declared here\n";
  if (!F.Removable) OS << where(F, Opts) << ": note: not removable: " << F.NotRemovableBecause << '\n';
  if (Opts.Verbose) OS << where(F, Opts) << ": note: USR " << F.Usr << '\n';
  for (const Finding &M : F.Members) {
    OS << where(M, Opts) << ": note: unreachable member " << kindNoun(M.Kind) << " '" << M.Name
       << "'\n";
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
    OS << where(F, Opts) << ": warning: " << kindNoun(F.Kind) << " '" << F.Name << "' is "
       << (F.Category == Category::TestOnly ? "reachable only from tests (" + join(F.ReachedFrom) + ")"
                                     : std::string("unreachable"))
       << " [deadwood-" << categoryName(F.Category) << "]\n";
    writeNotes(OS, F, Opts);
  }
  if (Opts.Verbose)
    for (const ReportNote &N : R.Notes)
      OS << display(N.File, Opts) << ':' << N.Line << ':' << N.Column << ": note: " << N.Text
         << " [deadwood]\n";
  DeadCounts C = countDead(R.Findings);
  OS << "deadwood: " << plural(C.total(), "unreachable symbol", "unreachable symbols") << " ("
     << plural(C.Functions, "function", "functions") << ", "
     << plural(C.Variables, "variable", "variables") << ", "
     << plural(C.Classes, "class", "classes") << ", " << plural(C.Lines, "line", "lines") << ")"
     << (C.TestOnly ? ", " + std::to_string(C.TestOnly) + " test-only" : std::string()) << " in "
     << plural(Files.size(), "file", "files")
     << " (" << plural(R.Tus, "translation unit", "translation units") << ", "
     << plural(R.Symbols, "symbol", "symbols") << ", " << R.Reached << " reachable)\n";
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
