#include "Fidelity.h"

#include "analyzer/Extract.h"
#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Proof.h"
#include "passes/Reach.h"
#include "passes/Removal.h"
#include "passes/TextEdit.h"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

namespace deadwood::test {
namespace {

const char *const kMain = "/virtual/case.cc";

bool isHeader(const std::string &Name) { return Name.size() > 2 && Name.substr(Name.size() - 2) == ".h"; }

/// Every file of a case, by absolute path.
std::map<std::string, std::string> filesOf(const Case &C) {
  std::map<std::string, std::string> Out = {{kMain, C.Code}};
  for (const auto &[Name, Code] : C.Files) Out["/virtual/" + Name] = Code;
  return Out;
}

/// Extracts every TU of the case from the given texts.
std::vector<TuSummary> extract(const Case &C, const std::map<std::string, std::string> &Texts) {
  std::vector<std::pair<std::string, std::string>> All(Texts.begin(), Texts.end());
  std::vector<TuSummary> Out;
  for (const auto &[Path, Code] : Texts)
    if (!isHeader(Path)) Out.push_back(extractFromCode(Code, C.Args, Path, All));
  return Out;
}

/// The case's TUs after one more that includes what the main file
/// includes, as a run's first TU would (/virtual/twin.cc); with Shared,
/// each TU skips the header bodies the TUs before it parsed.
std::vector<TuSummary> extractAfterATwin(const Case &C, SharedBodies *Shared) {
  std::map<std::string, std::string> Texts = filesOf(C);
  std::string Twin;
  std::istringstream In(C.Code);
  for (std::string Line; std::getline(In, Line);)
    if (Line.rfind("#include \"", 0) == 0) Twin += Line + "\n";
  std::vector<std::pair<std::string, std::string>> All(Texts.begin(), Texts.end());
  std::vector<TuSummary> Out = {extractFromCode(Twin, C.Args, "/virtual/twin.cc", All, Shared)};
  if (Shared && !Out.back().Failed) Shared->add(Out.back().BodiesParsed);
  for (const auto &[Path, Code] : Texts)
    if (!isHeader(Path)) {
      Out.push_back(extractFromCode(Code, C.Args, Path, All, Shared));
      if (Shared && !Out.back().Failed) Shared->add(Out.back().BodiesParsed);
    }
  return Out;
}

std::string where(const Case &C, const std::string &File, unsigned Line) {
  return std::string(C.Name) + ":" + (File == kMain ? "" : File.substr(9) + ":") + std::to_string(Line);
}

/// The removal of what the report found removable, proven as --fix proves it.
void expectRemovalProven(const Case &C, const Program &P, const Reachability &R, Report &Rep,
                         const std::vector<TuSummary> &Before) {
  RemovalPlan Plan = planRemoval(P, R, Rep, RemovalOptions{"/virtual", {}, {}, {}, nullptr});
  if (Plan.Groups.empty()) return;
  std::vector<const RemovalGroup *> Groups;
  for (const RemovalGroup &G : Plan.Groups) Groups.push_back(&G);
  std::map<std::string, std::string> Texts = filesOf(C);
  ProofSubject Subject;
  for (const RemovalGroup *G : Groups) Subject.Removed.insert(G->Usrs.begin(), G->Usrs.end());
  for (const auto &[File, Ranges] : rangesOf(Groups)) {
    std::vector<Replacement> Edits = deletionEdits(Texts.at(File), Ranges);
    Subject.Files[File] = editedFile(Texts.at(File), Edits);
    Texts[File] = applyEdits(Texts.at(File), Edits);
  }
  std::vector<TuSummary> After = extract(C, Texts);
  ASSERT_EQ(After.size(), Before.size());
  for (size_t I = 0; I < After.size(); ++I) {
    std::string Why = checkReparse(Before[I], After[I], Subject);
    EXPECT_EQ(Why, "") << C.Name << ": removing " << Plan.symbols() << " symbol(s) from " << Before[I].MainFile
                       << " is not proven; after the removal it reads:\n"
                       << Texts[Before[I].MainFile];
  }
}

}  // namespace

std::map<unsigned, Mark> marksOf(const std::string &Code) {
  std::map<unsigned, Mark> Marks;
  std::istringstream In(Code);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    size_t At = Line.find("// dead");
    // `// deadwood: keep(...)` is not a mark.
    if (At == std::string::npos || (At + 7 < Line.size() && !std::isspace(static_cast<unsigned char>(Line[At + 7]))))
      continue;
    Mark M;
    std::istringstream Words(Line.substr(At + 7));
    for (std::string W; Words >> W;) {
      SymbolKind K;
      if (W == "not-removable") M.Removable = false;
      else if (parseKind(W, &K)) M.Kinds.insert(W);
    }
    Marks[N] = M;
  }
  return Marks;
}

Report reportOf(const Case &C) {
  Program P = link(extract(C, filesOf(C)));
  return classify(P, reach(P), ClassifyOptions{"/virtual", {}, {}});
}

void expectFindingsEqualMarks(const Case &C) {
  std::vector<TuSummary> Before = extract(C, filesOf(C));
  Program P = link(std::vector<TuSummary>(Before));
  Reachability R = reach(P);
  Report Rep = classify(P, R, ClassifyOptions{"/virtual", {}, {}});
  ASSERT_FALSE(Rep.incomplete()) << C.Name << ": the case does not compile";
  // `removable` is what the planner will do, as in every report.
  planRemoval(P, R, Rep, RemovalOptions{"/virtual", {}, {}, {}, nullptr});
  std::map<std::string, std::map<unsigned, Mark>> Marks;
  for (const auto &[File, Code] : filesOf(C)) Marks[File] = marksOf(Code);
  std::map<std::string, std::set<unsigned>> Seen;
  forEachFinding(Rep.Findings, [&](const Finding &F) {
    Seen[F.File].insert(F.Line);
    auto It = Marks[F.File].find(F.Line);
    if (It == Marks[F.File].end()) {
      ADD_FAILURE() << where(C, F.File, F.Line) << ": reported, not marked dead (" << kindName(F.Kind) << " '"
                    << F.Name << "')";
      return;
    }
    const Mark &M = It->second;
    std::string At = where(C, F.File, F.Line);
    EXPECT_EQ(F.Category, Category::Dead) << At;
    if (!M.Kinds.empty())
      EXPECT_TRUE(M.Kinds.count(kindName(F.Kind))) << At << ": '" << F.Name << "' is a " << kindName(F.Kind);
    EXPECT_EQ(F.Removable, M.Removable) << At << ": '" << F.Name << "' "
                                        << (F.Removable ? "is removable" : "is not removable: " + F.NotRemovableBecause);
  });
  for (const auto &[File, Lines] : Marks)
    for (const auto &[Line, M] : Lines)
      EXPECT_TRUE(Seen[File].count(Line)) << where(C, File, Line) << ": marked dead, not reported";
  // What extraction leaves unparsed (system bodies, system templates nothing
  // instantiates) changes no finding.
  auto Listed = [](const Report &Of) {
    std::vector<std::string> Out;
    forEachFinding(Of.Findings, [&](const Finding &F) {
      Out.push_back(F.File + ":" + std::to_string(F.Line) + " " + categoryName(F.Category) + " " + F.Name);
    });
    return Out;
  };
  Skipping Was = skipping();
  setSkipping(Skipping::None);
  Report Unskipped = reportOf(C);
  setSkipping(Skipping::UninstantiatedSystemTemplates);
  Report Delayed = reportOf(C);
  setSkipping(Was);
  EXPECT_EQ(Listed(Rep), Listed(Unskipped)) << C.Name << ": skipping bodies changes the findings";
  EXPECT_EQ(Listed(Delayed), Listed(Unskipped)) << C.Name << ": delaying templates changes the findings";
  SharedBodies Shared;
  auto Report = [](std::vector<TuSummary> Tus) {
    Program P = link(std::move(Tus));
    return classify(P, reach(P), ClassifyOptions{"/virtual", {}, {}});
  };
  EXPECT_EQ(Listed(Report(extractAfterATwin(C, &Shared))), Listed(Report(extractAfterATwin(C, nullptr))))
      << C.Name << ": skipping header bodies another TU parsed changes the findings";
  expectRemovalProven(C, P, R, Rep, Before);
}

}  // namespace deadwood::test
