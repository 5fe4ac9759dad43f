#include "reports/Writers.h"

#include <algorithm>
#include <set>

namespace deadwood {
namespace {

std::string display(const std::string &Path, const TextOptions &Opts) {
  if (Opts.DisplayBase.empty() || Opts.DisplayBase == "/" || !isUnder(Path, Opts.DisplayBase) ||
      Path == Opts.DisplayBase)
    return Path;
  return Path.substr(Opts.DisplayBase.size() + (Opts.DisplayBase.back() == '/' ? 0 : 1));
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
    OS << display(F.File, Opts) << ':' << F.Line << ':' << F.Column << ": warning: "
       << kindNoun(F.Kind) << " '" << F.Name << "' is unreachable [deadwood-" << F.Category
       << "]\n";
    for (const std::string &D : F.Declarations)
      OS << displaySite(D, Opts) << ": note: also declared here\n";
    if (!F.Removable)
      OS << display(F.File, Opts) << ':' << F.Line << ':' << F.Column
         << ": note: not removable: " << F.NotRemovableBecause << '\n';
    if (Opts.Verbose)
      OS << display(F.File, Opts) << ':' << F.Line << ':' << F.Column << ": note: USR " << F.Usr
         << '\n';
  }
  size_t Variables = std::count_if(R.Findings.begin(), R.Findings.end(), [](const Finding &F) {
    return F.Kind == SymbolKind::Variable;
  });
  OS << "deadwood: " << plural(R.Findings.size(), "unreachable symbol", "unreachable symbols")
     << " (" << plural(R.Findings.size() - Variables, "function", "functions") << ", "
     << plural(Variables, "variable", "variables") << ") in " << plural(Files.size(), "file", "files") << " ("
     << plural(R.Tus, "translation unit", "translation units") << ", "
     << plural(R.Symbols, "symbol", "symbols") << ", " << R.Reached << " reachable)\n";
  if (R.incomplete())
    OS << "deadwood: incomplete: " << R.Failed.size() << " of "
       << plural(R.Tus, "translation unit", "translation units")
       << " failed to parse; " << plural(R.Unknown, "symbol", "symbols")
       << " in files they read not judged\n";
}

}  // namespace deadwood
