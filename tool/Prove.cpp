#include "tool/Prove.h"

#include "analyzer/Driver.h"
#include "passes/Proof.h"
#include "passes/TextEdit.h"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace deadwood {
namespace {

/// The edited text of every file a set of groups edits, and what the edit
/// deletes.
struct EditSet {
  Overlay Texts;
  ProofSubject Subject;
};

EditSet editSet(const std::vector<const RemovalGroup *> &Groups, const std::map<std::string, std::string> &Originals) {
  EditSet Out;
  std::set<SymbolId> Ids;
  for (const auto &[File, Ranges] : rangesOf(Groups)) {
    const std::string &Original = Originals.at(File);
    std::vector<Replacement> Edits = deletionEdits(Original, Ranges);
    std::string Text = applyEdits(Original, Edits);
    ProofSubject::Edited &E = Out.Subject.Files[File];
    for (const Replacement &R : Edits) E.Deleted.emplace_back(R.Offset, R.Offset + R.Length);
    E.Hash = contentHash(Text);
    Out.Texts.emplace(File, std::move(Text));
  }
  for (const RemovalGroup *G : Groups) Out.Subject.Removed.insert(G->Usrs.begin(), G->Usrs.end());
  return Out;
}

bool readsAny(const TuSummary &S, const std::set<std::string> &Files) {
  return std::any_of(S.Files.begin(), S.Files.end(), [&](const std::string &F) { return Files.count(F) > 0; });
}

std::set<std::string> filesOf(const std::vector<const RemovalGroup *> &Groups) {
  std::set<std::string> Out;
  for (const RemovalGroup *G : Groups)
    for (const auto &[File, Ranges] : G->Ranges) Out.insert(File);
  return Out;
}

/// One trial's outcome.
struct Trial {
  bool Ok = true;
  std::string Why;                  ///< the first failure
  std::set<std::string> FailedTus;  ///< main files of the TUs that failed
  size_t Tus = 0;
};

class Prover {
public:
  Prover(const std::map<std::string, std::string> &Texts, const std::vector<ProvableTu> &Tus, unsigned Jobs)
      : Texts(Texts), Tus(Tus), Jobs(Jobs) {}

  /// Re-parses the TUs that read a file UnderTest edits, with every edit of
  /// All applied; then checks the whole program's definitions.
  Trial prove(const std::vector<const RemovalGroup *> &All, const std::vector<const RemovalGroup *> &UnderTest) {
    EditSet Edits = editSet(All, Texts);
    std::set<std::string> Touched = filesOf(UnderTest);
    std::vector<size_t> Todo;
    std::vector<std::string> Keys;
    std::vector<CompileJob> Work;
    std::vector<size_t> WorkOf;
    for (size_t I = 0; I < Tus.size(); ++I) {
      if (!readsAny(*Tus[I].Summary, Touched)) continue;
      Todo.push_back(I);
      std::string Key = std::to_string(I);
      for (const std::string &F : Tus[I].Summary->Files)
        if (auto It = Edits.Subject.Files.find(F); It != Edits.Subject.Files.end()) Key += "|" + F + "=" + It->second.Hash;
      Keys.push_back(Key);
      if (!Memo.count(Key) && Tus[I].Job) {
        Work.push_back(*Tus[I].Job);
        WorkOf.push_back(Todo.size() - 1);
      }
    }
    std::vector<TuSummary> Parsed = reparseAll(Work, Edits.Texts, Jobs);
    Reparses += Parsed.size();
    for (size_t W = 0; W < Parsed.size(); ++W) Memo[Keys[WorkOf[W]]] = std::move(Parsed[W]);

    Trial T;
    T.Tus = Todo.size();
    std::vector<const TuSummary *> Before, After;
    for (const ProvableTu &Tu : Tus) {
      Before.push_back(Tu.Summary);
      After.push_back(Tu.Summary);
    }
    for (size_t K = 0; K < Todo.size(); ++K) {
      const ProvableTu &Tu = Tus[Todo[K]];
      std::string Why;
      auto It = Memo.find(Keys[K]);
      if (It == Memo.end()) Why = "cannot be proven: the compile command of '" + Tu.Summary->MainFile + "' is unknown";
      else {
        After[Todo[K]] = &It->second;
        Why = checkReparse(*Tu.Summary, It->second, Edits.Subject);
        if (!Why.empty() && Why.rfind("breaks ", 0) != 0) Why += " (in " + Tu.Summary->MainFile + ")";
      }
      if (Why.empty()) continue;
      if (T.Ok) T.Why = Why;
      T.Ok = false;
      T.FailedTus.insert(Tu.Summary->MainFile);
    }
    if (T.Ok) {
      T.Why = checkDefinitions(Before, After);
      T.Ok = T.Why.empty();
      if (!T.Ok) T.Why = "leaves " + T.Why;
    }
    return T;
  }

  size_t Reparses = 0;

private:
  const std::map<std::string, std::string> &Texts;
  const std::vector<ProvableTu> &Tus;
  unsigned Jobs;
  std::map<std::string, TuSummary> Memo;  ///< TU + the edited files it reads -> its summary
};

/// Delta debugging over groups, as --verify does with the user's command:
/// a set that fails is split, first into the groups that edit a file a
/// failing TU reads and the rest, then in halves, down to single culprits.
class Narrower {
public:
  explicit Narrower(Prover &P, const std::vector<ProvableTu> &Tus) : P(P), Tus(Tus) {}

  void search(std::vector<const RemovalGroup *> Set) {
    if (Set.empty()) return;
    std::vector<const RemovalGroup *> All = Accepted;
    All.insert(All.end(), Set.begin(), Set.end());
    Trial T = P.prove(All, Set);
    ++Trials;
    if (T.Ok) {
      Accepted = All;
      return;
    }
    if (Set.size() == 1) {
      KeptOut.emplace_back(Set[0], T.Why);
      return;
    }
    std::vector<const RemovalGroup *> Suspects, Innocent;
    std::set<std::string> Read;  // every file a failing TU reads
    for (const ProvableTu &Tu : Tus)
      if (T.FailedTus.count(Tu.Summary->MainFile)) Read.insert(Tu.Summary->Files.begin(), Tu.Summary->Files.end());
    for (const RemovalGroup *G : Set) {
      bool Suspect = T.FailedTus.empty() || std::any_of(G->Ranges.begin(), G->Ranges.end(), [&](const auto &R) {
                       return Read.count(R.first) > 0;
                     });
      (Suspect ? Suspects : Innocent).push_back(G);
    }
    if (!Innocent.empty() && !Suspects.empty()) {
      search(Innocent);
      search(Suspects);
      return;
    }
    size_t Half = Set.size() / 2;
    search({Set.begin(), Set.begin() + Half});
    search({Set.begin() + Half, Set.end()});
  }

  std::vector<const RemovalGroup *> Accepted;
  std::vector<std::pair<const RemovalGroup *, std::string>> KeptOut;
  size_t Trials = 0;

private:
  Prover &P;
  const std::vector<ProvableTu> &Tus;
};

}  // namespace

ProofResult proveRemoval(const std::vector<const RemovalGroup *> &Groups,
                         const std::map<std::string, std::string> &Texts, const std::vector<ProvableTu> &Tus,
                         unsigned Jobs) {
  auto Start = std::chrono::steady_clock::now();
  Prover P(Texts, Tus, Jobs);
  ProofResult Out;
  std::vector<const RemovalGroup *> Candidates = Groups;
  // Narrowing accepts sets proven on top of what was accepted before; the
  // final set is proven once more as a whole, and narrowed again if it fails.
  for (;;) {
    Narrower N(P, Tus);
    N.search(Candidates);
    Out.KeptOut.insert(Out.KeptOut.end(), N.KeptOut.begin(), N.KeptOut.end());
    if (N.Trials == 1 || N.Accepted.empty()) {  // proven in one trial, as a whole
      Out.Proven = N.Accepted;
      break;
    }
    Trial Whole = P.prove(N.Accepted, N.Accepted);
    if (Whole.Ok) {
      Out.Proven = N.Accepted;
      break;
    }
    if (N.KeptOut.empty()) {  // every part passes, the whole does not: keep it all out
      for (const RemovalGroup *G : N.Accepted) Out.KeptOut.emplace_back(G, Whole.Why);
      break;
    }
    Candidates = N.Accepted;
  }
  std::set<std::string> Touched = filesOf(Out.Proven);
  Out.Tus = 0;
  for (const ProvableTu &Tu : Tus) Out.Tus += readsAny(*Tu.Summary, Touched);
  Out.Reparses = P.Reparses;
  Out.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  return Out;
}

}  // namespace deadwood
