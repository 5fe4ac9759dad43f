// Removal on source text: annotated ranges in, exact text out (whitespace
// included). `$name[[...]]` marks a declaration's range as Clang gives it.
#include "passes/TextEdit.h"

#include "Annotated.h"

#include <gtest/gtest.h>

namespace deadwood {
namespace {

using test::Annotated;

/// Deletes every annotated range the way removal does; returns the result.
std::string removeAll(const std::string &Source, std::vector<std::string> Names) {
  Annotated Code(Source);
  std::vector<ByteRange> Decls;
  for (const std::string &N : Names) {
    auto [B, E] = Code.range(N);
    Decls.push_back(ByteRange{B, E});
  }
  return applyEdits(Code.text(), deletionEdits(Code.text(), Decls));
}

TEST(TextEdit, WholeLinesWithDocCommentAndNoDoubleBlank) {
  EXPECT_EQ(removeAll(R"(int keep1();

/// Does things.
/// More.
$f[[int dead() { return 1; }]]

int keep2();
)", {"f"}),
            R"(int keep1();

int keep2();
)");
}

TEST(TextEdit, PrototypeTakesItsSemicolonAndTrailingComment) {
  EXPECT_EQ(removeAll("void keep();\n$p[[void dead()]];  // old API\nvoid also();\n", {"p"}),
            "void keep();\nvoid also();\n");
}

TEST(TextEdit, DeclarationSharingALineLeavesTheRest) {
  EXPECT_EQ(removeAll("int a; $d[[int dead()]]; int b;\n", {"d"}), "int a;  int b;\n");
}

TEST(TextEdit, TemplateHeaderGoesWithTheTemplate) {
  EXPECT_EQ(removeAll("int a;\n$t[[template <class T>\nT f(T v) { return v; }]]\nint b;\n", {"t"}),
            "int a;\nint b;\n");
}

TEST(TextEdit, BlockDocComment) {
  EXPECT_EQ(removeAll("int a;\n/**\n * Old.\n */\n$f[[void f() {}]]\nint b;\n", {"f"}),
            "int a;\nint b;\n");
}

TEST(TextEdit, CommentAfterABlankLineIsNotDocumentation) {
  EXPECT_EQ(removeAll("// Section: helpers.\n\n$f[[void f() {}]]\nint b;\n", {"f"}),
            "// Section: helpers.\n\nint b;\n");
}

TEST(TextEdit, NeighboursRemovedTogetherLeaveOneBlankLine) {
  EXPECT_EQ(removeAll(R"(int a;

$f[[void f() {}]]

$g[[void g() {}]]

int b;
)", {"f", "g"}),
            "int a;\n\nint b;\n");
}

TEST(TextEdit, NamespaceEmptiedByTheRemovalGoes) {
  EXPECT_EQ(removeAll(R"(namespace a {

$f[[void dead() {}]]

}  // namespace a

int main() {}
)", {"f"}),
            "int main() {}\n");
}

TEST(TextEdit, NestedNamespacesEmptiedGoAndAnAlreadyEmptyOneStays) {
  EXPECT_EQ(removeAll(R"(namespace keep {}
namespace outer {
namespace inner {
$f[[void dead() {}]]
}
}
int main() {}
)", {"f"}),
            "namespace keep {}\nint main() {}\n");
}

TEST(TextEdit, NamespaceWithOtherCodeStays) {
  EXPECT_EQ(removeAll("namespace a {\n$f[[void dead() {}]]\nvoid live() {}\n}\n", {"f"}),
            "namespace a {\nvoid live() {}\n}\n");
}

TEST(TextEdit, OverlappingRangesMerge) {
  Annotated Code("int a;\n$outer[[struct S { $inner[[void f() {}]] };]]\nint b;\n");
  std::vector<ByteRange> Decls = {{Code.range("outer").first, Code.range("outer").second},
                                  {Code.range("inner").first, Code.range("inner").second}};
  std::vector<Replacement> Edits = deletionEdits(Code.text(), Decls);
  ASSERT_EQ(Edits.size(), 1u);
  EXPECT_EQ(applyEdits(Code.text(), Edits), "int a;\nint b;\n");
}

TEST(UnifiedDiff, HunksWithContext) {
  std::string Old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n";
  // Delete line 2, and lines 17-18.
  std::vector<Replacement> Edits = {{2, 2, ""}, {39, 6, ""}};
  EXPECT_EQ(unifiedDiff("src/x.cc", Old, Edits),
            "--- a/src/x.cc\n+++ b/src/x.cc\n"
            "@@ -1,5 +1,4 @@\n 1\n-2\n 3\n 4\n 5\n"
            "@@ -14,7 +13,5 @@\n 14\n 15\n 16\n-17\n-18\n 19\n 20\n");
}

TEST(UnifiedDiff, PartialLineEditAndMissingFinalNewline) {
  std::string Old = "int a; int dead(); int b;";
  EXPECT_EQ(unifiedDiff("x.h", Old, {{7, 11, ""}}),
            "--- a/x.h\n+++ b/x.h\n@@ -1,1 +1,1 @@\n"
            "-int a; int dead(); int b;\n\\ No newline at end of file\n"
            "+int a;  int b;\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, NoEditsNoDiff) { EXPECT_EQ(unifiedDiff("x", "a\n", {}), ""); }

}  // namespace
}  // namespace deadwood
