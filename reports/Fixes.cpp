#include "reports/Fixes.h"

#include "passes/Findings.h"

#include <algorithm>

namespace deadwood {
namespace {

/// A YAML single-quoted scalar: quotes doubled, newlines as a blank line
/// (YAML folds a single newline in a flow scalar into a space).
std::string quoted(const std::string &S) {
  std::string Out = "'";
  for (char C : S) {
    if (C == '\'') Out += "''";
    else if (C == '\n') Out += "\n\n";
    else Out += C;
  }
  return Out + "'";
}

}  // namespace

size_t linesRemoved(const FileEdits &F) {
  size_t Removed = 0;
  for (const Replacement &E : F.Edits) {
    std::string_view Gone(F.Original.data() + E.Offset, E.Length);
    Removed += std::count(Gone.begin(), Gone.end(), '\n');
    Removed -= std::min<size_t>(Removed, std::count(E.Text.begin(), E.Text.end(), '\n'));
  }
  return Removed;
}

std::string renderPatch(const std::vector<FileEdits> &Files, const std::string &SourceRoot) {
  std::string Out;
  for (const FileEdits &F : Files) Out += unifiedDiff(relativeToRoot(F.Path, SourceRoot), F.Original, F.Edits);
  return Out;
}

std::string renderFixesYaml(const std::vector<FileEdits> &Files, const std::string &BuildDir) {
  std::string Main = Files.empty() ? std::string() : Files.front().Path;
  std::string Out = "---\nMainSourceFile:  " + quoted(Main) + "\nDiagnostics:\n";
  Out += "  - DiagnosticName:  deadwood-dead\n    DiagnosticMessage:\n";
  Out += "      Message:         'remove unreachable code'\n";
  Out += "      FilePath:        " + quoted(Main) + "\n      FileOffset:      0\n";
  Out += "      Replacements:\n";
  for (const FileEdits &F : Files)
    for (const Replacement &E : F.Edits)
      Out += "        - FilePath:        " + quoted(F.Path) + "\n          Offset:          " +
             std::to_string(E.Offset) + "\n          Length:          " + std::to_string(E.Length) +
             "\n          ReplacementText: " + quoted(E.Text) + "\n";
  Out += "    Level:           Warning\n    BuildDirectory:  " + quoted(BuildDir) + "\n...\n";
  return Out;
}

}  // namespace deadwood
