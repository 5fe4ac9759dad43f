// The summary's JSON form: round trip, and rejection of what it cannot trust.
#include "model/Summary.h"

#include <gtest/gtest.h>

namespace deadwood {
namespace {

TuSummary sample() {
  TuSummary S;
  S.MainFile = "/src/a.cc";
  S.Directory = "/build";
  S.Files = {"/src/a.cc", "/src/a.h"};
  S.FileHashes = {contentHash("int main() {}\n"), ""};
  Symbol F;
  F.Usr = "c:@F@f#I#";
  F.Name = "f(int)";
  F.Kind = SymbolKind::Method;
  F.Link = Linkage::Internal;
  F.Flags = flag::Virtual | flag::Constexpr;
  F.HasDefinition = true;
  F.Definition = Site{0, 10, 40, 2, 6};
  F.Declarations = {Site{1, 0, 9, 1, 6}};
  F.Parent = "c:@S@C";
  F.Overrides = {"c:@S@B@F@f#I#"};
  S.Symbols.push_back(F);
  Symbol Main;
  Main.Usr = "c:@F@main#";
  Main.Name = "main()";
  S.Symbols.push_back(Main);
  S.Edges.push_back(Edge{1, 0, EdgeKind::VirtualCall, 0, 5, 3});
  S.Roots.push_back(Root{"c:@F@main#", RootReason::Main});
  return S;
}

TEST(Summary, RoundTripsThroughJson) {
  TuSummary In = sample(), Out;
  std::string Err;
  ASSERT_TRUE(summaryFromJson(summaryToJson(In), &Out, &Err)) << Err;
  EXPECT_EQ(summaryToJson(Out), summaryToJson(In));
  EXPECT_EQ(Out.Symbols[0].Definition, (Site{0, 10, 40, 2, 6}));
  EXPECT_EQ(Out.Edges[0].Kind, EdgeKind::VirtualCall);
}

TEST(Summary, RejectsAnotherVersion) {
  std::string Text = summaryToJson(sample());
  std::string Current = "\"version\":" + std::to_string(kSummaryVersion);
  Text.replace(Text.find(Current), Current.size(), "\"version\":99");
  TuSummary Out;
  std::string Err;
  EXPECT_FALSE(summaryFromJson(Text, &Out, &Err));
  EXPECT_EQ(Err, "summary version 99, expected " + std::to_string(kSummaryVersion));
}

TEST(Summary, RejectsMalformedDocuments) {
  TuSummary Out;
  std::string Err;
  EXPECT_FALSE(summaryFromJson("{\"version\":1", &Out, &Err));
  EXPECT_EQ(Err, "not a JSON object");
  EXPECT_FALSE(summaryFromJson("[1,2]", &Out, &Err));
  std::string BadFile = summaryToJson(sample());
  BadFile.replace(BadFile.find(",1,0,5,3]"), 9, ",1,7,5,3]");
  EXPECT_FALSE(summaryFromJson(BadFile, &Out, &Err));
  EXPECT_EQ(Err, "file index out of range");
  std::string BadKind = summaryToJson(sample());
  BadKind.replace(BadKind.find("\"method\""), 8, "\"lambda\"");
  EXPECT_FALSE(summaryFromJson(BadKind, &Out, &Err));
}

TEST(Summary, RoundTripsThroughBinary) {
  TuSummary In = sample(), Out;
  In.Lookups.push_back(NameLookup{"plugin_init", 0, 3, 9});
  In.Notes.push_back(Note{-1, 0, 0, "a note"});
  std::string Err;
  ASSERT_TRUE(summaryFromBinary(summaryToBinary(In), &Out, &Err)) << Err;
  EXPECT_EQ(summaryToJson(Out), summaryToJson(In));
}

TEST(Summary, BinaryRejectsEveryTruncationAndForeignBytes) {
  std::string Bytes = summaryToBinary(sample());
  TuSummary Out;
  std::string Err;
  for (size_t N = 0; N < Bytes.size(); ++N)
    EXPECT_FALSE(summaryFromBinary(std::string_view(Bytes).substr(0, N), &Out, &Err)) << "length " << N;
  EXPECT_FALSE(summaryFromBinary(Bytes + "x", &Out, &Err));
  EXPECT_EQ(Err, "trailing bytes");
  EXPECT_FALSE(summaryFromBinary(summaryToJson(sample()), &Out, &Err));
  EXPECT_EQ(Err, "not a binary summary");
  std::string Version = Bytes;
  Version[4] = 99;
  EXPECT_FALSE(summaryFromBinary(Version, &Out, &Err));
  EXPECT_EQ(Err, "summary version 99, expected " + std::to_string(kSummaryVersion));
  std::string Huge = Bytes.substr(0, 5) + std::string("\xff\xff\xff\xff\x0f", 5);  // a 4 GB main file name
  EXPECT_FALSE(summaryFromBinary(Huge, &Out, &Err));
  EXPECT_EQ(Err, "count larger than the data");
}

TEST(Summary, ContentHashIsFnv1a64) {
  EXPECT_EQ(contentHash(""), "cbf29ce484222325");
  EXPECT_EQ(contentHash("a"), "af63dc4c8601ec8c");
}

TEST(Summary, KindNamesRoundTrip) {
  for (int K = 0; K <= static_cast<int>(SymbolKind::Class); ++K) {
    SymbolKind Parsed;
    ASSERT_TRUE(parseKind(kindName(static_cast<SymbolKind>(K)), &Parsed));
    EXPECT_EQ(static_cast<int>(Parsed), K);
  }
}

}  // namespace
}  // namespace deadwood
