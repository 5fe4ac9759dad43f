// PR mode (--changed-since): which lines a change touched, from `git diff
// --unified=0`, and which findings it is to blame for. Plain text and plain
// data: running git is the tool's job.
#pragma once

#include "passes/Findings.h"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

/// Lines [First, Last] of the new text, 1-based.
struct LineSpan {
  uint32_t First = 0, Last = 0;
  friend bool operator==(const LineSpan &, const LineSpan &) = default;
};

/// The lines each file's new text changed, by path as the diff names it
/// (`b/<path>` without the `b/`), from a unified diff with no context
/// (`git diff --unified=0`). A pure deletion marks the lines on both sides
/// of where the text went. A deleted file has no entry.
std::map<std::string, std::vector<LineSpan>> changedLines(std::string_view Diff);

/// Keeps the findings the change is to blame for: those whose definition
/// (from its name's line to EndLines[i], the line it ends on) overlaps a
/// changed line of its file (Changed: by absolute path), and those whose
/// USR is in MadeUnreachable (reachable before the change). Returns how
/// many were kept for each reason {in changed lines, made unreachable}.
std::pair<size_t, size_t> keepChanged(std::vector<Finding> &Findings, const std::vector<uint32_t> &EndLines,
                                      const std::map<std::string, std::vector<LineSpan>> &Changed,
                                      const std::set<std::string> &MadeUnreachable);

}  // namespace deadwood
