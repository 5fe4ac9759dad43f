#include "passes/Changes.h"

#include <algorithm>
#include <charconv>

namespace deadwood {
namespace {

/// "12,3" or "12" (a count of 1) after a hunk header's '+'.
bool parseSide(std::string_view Text, uint32_t *Start, uint32_t *Count) {
  size_t Comma = Text.find(',');
  std::string_view First = Text.substr(0, Comma);
  *Count = 1;
  if (std::from_chars(First.data(), First.data() + First.size(), *Start).ec != std::errc()) return false;
  if (Comma == std::string_view::npos) return true;
  std::string_view Second = Text.substr(Comma + 1);
  return std::from_chars(Second.data(), Second.data() + Second.size(), *Count).ec == std::errc();
}

bool overlaps(const std::vector<LineSpan> &Spans, uint32_t First, uint32_t Last) {
  return std::any_of(Spans.begin(), Spans.end(), [&](const LineSpan &S) { return S.First <= Last && First <= S.Last; });
}

}  // namespace

std::map<std::string, std::vector<LineSpan>> changedLines(std::string_view Diff) {
  std::map<std::string, std::vector<LineSpan>> Out;
  std::vector<LineSpan> *Current = nullptr;
  while (!Diff.empty()) {
    size_t End = Diff.find('\n');
    std::string_view Line = Diff.substr(0, End);
    Diff = End == std::string_view::npos ? std::string_view() : Diff.substr(End + 1);
    if (Line.rfind("+++ ", 0) == 0) {
      std::string_view Path = Line.substr(4);
      if (Path.size() > 0 && Path.back() == '\t') Path.remove_suffix(1);  // git adds a tab after unusual names
      Current = Path.rfind("b/", 0) == 0 ? &Out[std::string(Path.substr(2))] : nullptr;  // "/dev/null": deleted
    } else if (Current && Line.rfind("@@ ", 0) == 0) {
      size_t Plus = Line.find(" +"), Space = Plus == std::string_view::npos ? Plus : Line.find(' ', Plus + 2);
      uint32_t Start = 0, Count = 0;
      if (Space == std::string_view::npos || !parseSide(Line.substr(Plus + 2, Space - Plus - 2), &Start, &Count))
        continue;
      // With no lines added, Start is the line before the deletion.
      if (Count == 0) Current->push_back({std::max<uint32_t>(Start, 1), Start + 1});
      else Current->push_back({Start, Start + Count - 1});
    }
  }
  return Out;
}

std::pair<size_t, size_t> keepChanged(std::vector<Finding> &Findings, const std::vector<uint32_t> &EndLines,
                                      const std::map<std::string, std::vector<LineSpan>> &Changed,
                                      const std::set<std::string> &MadeUnreachable) {
  std::pair<size_t, size_t> Kept;
  std::vector<Finding> Out;
  for (size_t I = 0; I < Findings.size(); ++I) {
    Finding &F = Findings[I];
    auto Spans = Changed.find(F.File);
    uint32_t Last = std::max(F.Line, I < EndLines.size() ? EndLines[I] : F.Line);
    if (Spans != Changed.end() && overlaps(Spans->second, F.Line, Last)) ++Kept.first;
    else if (MadeUnreachable.count(F.Usr)) ++Kept.second;
    else continue;
    Out.push_back(std::move(F));
  }
  Findings = std::move(Out);
  return Kept;
}

}  // namespace deadwood
