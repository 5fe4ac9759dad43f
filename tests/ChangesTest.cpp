// PR mode on plain text: the lines a `git diff --unified=0` says changed,
// and which findings they are to blame for.
#include "passes/Changes.h"
#include "passes/TextEdit.h"

#include <gtest/gtest.h>

namespace deadwood {
namespace {

TEST(ChangedLines, HunksOfAddedChangedAndDeletedLines) {
  const char *Diff =
      "diff --git a/lib/text.cpp b/lib/text.cpp\n"
      "index 1111111..2222222 100644\n"
      "--- a/lib/text.cpp\n"
      "+++ b/lib/text.cpp\n"
      "@@ -3 +3 @@ int a;\n"  // one line changed (no counts)
      "-int b;\n"
      "+int c;\n"
      "@@ -10,2 +9,0 @@\n"  // two lines deleted after new line 9
      "-x\n"
      "-y\n"
      "@@ -20,0 +19,3 @@\n"  // three lines added
      "+p\n+q\n+r\n"
      "diff --git a/gone.cpp b/gone.cpp\n"
      "deleted file mode 100644\n"
      "--- a/gone.cpp\n"
      "+++ /dev/null\n"
      "@@ -1,2 +0,0 @@\n"
      "-int g;\n-int h;\n"
      "diff --git a/new.h b/new.h\n"
      "new file mode 100644\n"
      "--- /dev/null\n"
      "+++ b/new.h\n"
      "@@ -0,0 +1,2 @@\n"
      "+#pragma once\n+int n;\n";
  auto Changed = changedLines(Diff);
  ASSERT_EQ(Changed.size(), 2u);
  EXPECT_EQ(Changed["lib/text.cpp"], (std::vector<LineSpan>{{3, 3}, {9, 10}, {19, 21}}));
  EXPECT_EQ(Changed["new.h"], (std::vector<LineSpan>{{1, 2}}));
  EXPECT_FALSE(Changed.count("gone.cpp"));
  // A deletion at the very top touches line 1.
  EXPECT_EQ(changedLines("+++ b/f.cpp\n@@ -1,3 +0,0 @@\n")["f.cpp"], (std::vector<LineSpan>{{1, 1}}));
}

Finding at(const std::string &Usr, uint32_t Line) {
  Finding F;
  F.Usr = Usr;
  F.Name = Usr;
  F.File = "/src/a.cpp";
  F.Line = Line;
  return F;
}

TEST(KeepChanged, AFindingOverlappingAChangedLineOrMadeUnreachableStays) {
  std::vector<Finding> Findings = {at("before", 1), at("spans", 5), at("after", 30), at("blamed", 40), at("other", 50)};
  Findings.back().File = "/src/b.cpp";
  std::vector<uint32_t> Ends = {3, 12, 31, 41, 52};
  // Line 10 lies inside `spans` (5..12), not at its name.
  std::map<std::string, std::vector<LineSpan>> Changed = {{"/src/a.cpp", {{10, 10}}}, {"/src/c.cpp", {{50, 52}}}};
  auto [InLines, Unreachable] = keepChanged(Findings, Ends, Changed, {"blamed"});
  EXPECT_EQ(InLines, 1u);
  EXPECT_EQ(Unreachable, 1u);
  ASSERT_EQ(Findings.size(), 2u);
  EXPECT_EQ(Findings[0].Usr, "spans");
  EXPECT_EQ(Findings[1].Usr, "blamed");
}

TEST(PositionAt, LinesAndByteColumnsOneBased) {
  std::string Text = "ab\ncd\n\nef";
  EXPECT_EQ(positionAt(Text, 0).Line, 1u);
  EXPECT_EQ(positionAt(Text, 0).Column, 1u);
  EXPECT_EQ(positionAt(Text, 4).Line, 2u);
  EXPECT_EQ(positionAt(Text, 4).Column, 2u);
  EXPECT_EQ(positionAt(Text, 7).Line, 4u);
  EXPECT_EQ(positionAt(Text, 7).Column, 1u);
  EXPECT_EQ(positionAt(Text, 99).Line, 4u);  // clamped to the end
  EXPECT_EQ(positionAt(Text, 99).Column, 3u);
}

}  // namespace
}  // namespace deadwood
