// Removal outputs, rendered from planned edits: a unified diff for
// `git apply` / `patch -p1`, and YAML for `clang-apply-replacements`.
#pragma once

#include "passes/TextEdit.h"

#include <string>
#include <vector>

namespace deadwood {

/// One file's planned deletions, against the text that was read.
struct FileEdits {
  std::string Path;  ///< absolute
  std::string Original;
  std::vector<Replacement> Edits;
};

/// Every file's diff, paths relative to SourceRoot (`a/src/x.cc`).
std::string renderPatch(const std::vector<FileEdits> &Files, const std::string &SourceRoot);

/// clang-apply-replacements' format: one diagnostic holding every
/// replacement (per-group diagnostics could overlap where removals meet and
/// be rejected as conflicts).
std::string renderFixesYaml(const std::vector<FileEdits> &Files, const std::string &BuildDir);

/// Lines the edits delete (newlines removed, net).
size_t linesRemoved(const FileEdits &F);

}  // namespace deadwood
