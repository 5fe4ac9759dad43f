// Removal, text side: byte ranges of declarations => edits a person would
// make by hand, and the unified diff of a file.
//
//   declaration range ──► whole lines + `;` + trailing comment + doc comment
//                     ──► merged, blank-line runs collapsed, emptied namespaces gone
//
// Plain text in, plain text out: no Clang, no file system.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

/// Replace Length bytes at Offset (of the original text) with Text.
struct Replacement {
  uint32_t Offset = 0, Length = 0;
  std::string Text;
  friend bool operator==(const Replacement &, const Replacement &) = default;
};

struct ByteRange {
  uint32_t Begin = 0, End = 0;  ///< [Begin, End)
};

/// What deleting the declaration at [Begin, End) really deletes: its trailing
/// `;` and same-line `//` comment, and — when it occupies whole lines — those
/// lines and the comment lines directly above it (its doc comment).
ByteRange expandRemoval(std::string_view Text, ByteRange Decl);

/// Deletions of declarations in one file, as non-overlapping replacements in
/// original offsets: each range expanded, overlapping ones merged, a run of
/// blank lines the removal would create collapsed to one, and a namespace
/// block the removal empties deleted too.
std::vector<Replacement> deletionEdits(std::string_view Text, std::vector<ByteRange> Decls);

/// A place in a text: 1-based line, and 1-based column counted in bytes,
/// as compilers print them.
struct TextPosition {
  uint32_t Line = 1, Column = 1;
};
/// The position of byte Offset (clamped to the text's end).
TextPosition positionAt(std::string_view Text, uint32_t Offset);

/// Applies sorted, non-overlapping replacements.
std::string applyEdits(std::string_view Text, const std::vector<Replacement> &Edits);

/// The unified diff (3 lines of context) of applying Edits to Old, with
/// `a/<Path>` and `b/<Path>` headers; empty when there are no edits.
/// `git apply` and `patch -p1` take it.
std::string unifiedDiff(const std::string &Path, std::string_view Old,
                        const std::vector<Replacement> &Edits);

}  // namespace deadwood
