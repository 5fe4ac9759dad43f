#include "tool/Prove.h"

#include "analyzer/Driver.h"
#include "analyzer/Extract.h"
#include "passes/Proof.h"
#include "passes/TextEdit.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

namespace deadwood {
namespace {

/// The edited text of every file a set of groups edits, and what the edit
/// deletes.
struct EditSet {
  Overlay Texts;
  ProofSubject Subject;
  std::map<std::string, std::vector<Replacement>> Edits;  ///< per edited file

  /// "breaks a.cpp:40:3: error: ..." names a line of the edited text: say
  /// the line of the file as the user has it.
  std::string inOriginalLines(const std::string &Why) const {
    const std::string Prefix = "breaks ";
    if (Why.rfind(Prefix, 0) != 0) return Why;
    for (const auto &[File, Replacements] : Edits) {
      if (Why.compare(Prefix.size(), File.size() + 1, File + ":") != 0) continue;
      size_t At = Prefix.size() + File.size() + 1, End = Why.find(':', At);
      if (End == std::string::npos) return Why;
      unsigned long Line = std::strtoul(Why.c_str() + At, nullptr, 10);
      const std::string &Edited = Texts.at(File);
      uint32_t Offset = 0;  // the edited line's start, then in the original
      for (unsigned long L = 1; L < Line && Offset < Edited.size(); ++L) Offset = Edited.find('\n', Offset) + 1;
      for (const Replacement &R : Replacements) {  // sorted: map the offset back over each deletion
        if (R.Offset > Offset) break;
        Offset += R.Length - static_cast<uint32_t>(R.Text.size());
      }
      const std::string &Original = Originals->at(File);
      unsigned long OriginalLine = 1 + std::count(Original.begin(), Original.begin() + std::min<size_t>(Offset, Original.size()), '\n');
      return Why.substr(0, At) + std::to_string(OriginalLine) + Why.substr(End);
    }
    return Why;
  }
  const std::map<std::string, std::string> *Originals = nullptr;
};

EditSet editSet(const std::vector<const RemovalGroup *> &Groups, const std::map<std::string, std::string> &Originals) {
  EditSet Out;
  for (const auto &[File, Ranges] : rangesOf(Groups)) {
    const std::string &Original = Originals.at(File);
    std::vector<Replacement> Edits = deletionEdits(Original, Ranges);
    Out.Subject.Files[File] = editedFile(Original, Edits);
    Out.Texts.emplace(File, applyEdits(Original, Edits));
    Out.Edits.emplace(File, std::move(Edits));
  }
  Out.Originals = &Originals;
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
  std::vector<size_t> FailedTus;    ///< indexes of the TUs that failed, in order
};

class Prover {
public:
  Prover(const std::map<std::string, std::string> &Texts, const std::vector<ProvableTu> &Tus, unsigned Jobs)
      : Texts(Texts), Tus(Tus), Jobs(Jobs), Baseline(Tus.size()), Latest(Tus.size()) {}

  /// The TUs that read a file one of Groups edits.
  std::vector<size_t> touchedBy(const std::vector<const RemovalGroup *> &Groups) const {
    std::set<std::string> Files = filesOf(Groups);
    std::vector<size_t> Out;
    for (size_t I = 0; I < Tus.size(); ++I)
      if (readsAny(*Tus[I].Summary, Files)) Out.push_back(I);
    return Out;
  }

  /// Re-parses the TUs `Only` with every edit of All applied and compares
  /// each with its summary as parsed; with `Whole`, also checks the whole
  /// program's definitions (the TUs not in `Only` as parsed, or as last
  /// re-parsed with these edits).
  Trial prove(const std::vector<const RemovalGroup *> &All, const std::vector<size_t> &Only, bool Whole) {
    EditSet Edits = editSet(All, Texts);
    std::vector<std::string> Keys;
    std::vector<CompileJob> Work;
    std::vector<size_t> WorkOf;
    for (size_t I : Only) {
      std::string Key;
      for (const std::string &F : Tus[I].Summary->Files)
        if (auto It = Edits.Subject.Files.find(F); It != Edits.Subject.Files.end()) Key += "|" + F + "=" + It->second.Hash;
      Keys.push_back(Key);
      if (Latest[I].first != Key && Tus[I].Job) {
        Work.push_back(*Tus[I].Job);
        WorkOf.push_back(Keys.size() - 1);
      }
    }
    parseBaselines(Only);
    std::vector<TuSummary> Parsed = reparseAll(Work, Edits.Texts, Jobs);
    Reparses += Parsed.size();
    for (size_t W = 0; W < Parsed.size(); ++W) {
      size_t I = Only[WorkOf[W]];
      Latest[I] = {Keys[WorkOf[W]], std::move(Parsed[W])};
    }

    Trial T;
    std::vector<const TuSummary *> Before, After;
    for (size_t I = 0; I < Tus.size(); ++I) {
      Before.push_back(&asParsed(I));
      After.push_back(&asParsed(I));
    }
    for (size_t K = 0; K < Only.size(); ++K) {
      size_t I = Only[K];
      const ProvableTu &Tu = Tus[I];
      std::string Why;
      if (Latest[I].first != Keys[K]) {
        Why = "cannot be proven: the compile command of '" + Tu.Summary->MainFile + "' is unknown";
      } else {
        After[I] = &Latest[I].second;
        Why = Edits.inOriginalLines(checkReparse(asParsed(I), Latest[I].second, Edits.Subject));
        if (!Why.empty() && Why.rfind("breaks ", 0) != 0) Why += " (in " + Tu.Summary->MainFile + ")";
      }
      if (Why.empty()) continue;
      if (T.Ok) T.Why = Why;
      T.Ok = false;
      T.FailedTus.push_back(I);
    }
    if (T.Ok && Whole) {
      T.Why = checkDefinitions(Before, After);
      T.Ok = T.Why.empty();
      if (!T.Ok) T.Why = "leaves " + T.Why;
    }
    return T;
  }

  size_t Reparses = 0;

private:
  /// What a re-parse is compared with: the TU as the analysis parsed it,
  /// unless that parse skipped more than re-parses do (delayed templates,
  /// bodies another TU parsed): then the TU parsed again, unedited, the way
  /// re-parses are.
  const TuSummary &asParsed(size_t I) const { return Baseline[I] ? *Baseline[I] : *Tus[I].Summary; }
  void parseBaselines(const std::vector<size_t> &Only) {
    bool Delayed = skipping() >= Skipping::UninstantiatedSystemTemplates;
    std::vector<CompileJob> Work;
    std::vector<size_t> WorkOf;
    for (size_t I : Only)
      if (!Baseline[I] && Tus[I].Job && (Delayed || !Tus[I].Summary->BodiesSkipped.empty()))
        Work.push_back(*Tus[I].Job), WorkOf.push_back(I);
    std::vector<TuSummary> Parsed = reparseAll(Work, Overlay{}, Jobs);
    Reparses += Parsed.size();
    for (size_t W = 0; W < Parsed.size(); ++W) Baseline[WorkOf[W]] = std::make_unique<TuSummary>(std::move(Parsed[W]));
  }

  const std::map<std::string, std::string> &Texts;
  const std::vector<ProvableTu> &Tus;
  unsigned Jobs;
  std::vector<std::unique_ptr<TuSummary>> Baseline;
  /// Per TU: the edits of the files it reads (a key) and its summary with
  /// them, from its last re-parse: a TU is not parsed twice with the same edits.
  std::vector<std::pair<std::string, TuSummary>> Latest;
};

/// The groups that remove a symbol whose name a message quotes.
std::vector<const RemovalGroup *> namedIn(const std::string &Why, const std::vector<const RemovalGroup *> &Groups) {
  std::set<std::string> Quoted;
  for (size_t Open = Why.find('\''); Open != std::string::npos;) {
    size_t Close = Why.find('\'', Open + 1);
    if (Close == std::string::npos) break;
    if (std::string Name = shortName(Why.substr(Open + 1, Close - Open - 1)); !Name.empty()) Quoted.insert(Name);
    Open = Why.find('\'', Close + 1);
  }
  std::vector<const RemovalGroup *> Out;
  for (const RemovalGroup *G : Groups)
    if (std::any_of(G->Names.begin(), G->Names.end(), [&](const std::string &N) { return Quoted.count(shortName(N)); }))
      Out.push_back(G);
  return Out;
}

using Clock = std::chrono::steady_clock;

/// Keeps out, one at a time, the groups that make one failing TU fail:
/// first those that remove what its error names; else the shortest prefix
/// of the groups that edit a file it reads and still makes it fail ends
/// with a culprit (binary search, one parse of that TU a step).
void blameFor(Prover &P, size_t Tu, std::vector<const RemovalGroup *> &Candidates,
              std::vector<std::pair<const RemovalGroup *, std::string>> &KeptOut,
              const std::vector<ProvableTu> &Tus, Clock::time_point Deadline) {
  for (;;) {
    std::vector<const RemovalGroup *> Relevant;  // edit what Tu reads
    std::set<std::string> Reads(Tus[Tu].Summary->Files.begin(), Tus[Tu].Summary->Files.end());
    for (const RemovalGroup *G : Candidates)
      if (std::any_of(G->Ranges.begin(), G->Ranges.end(), [&](const auto &R) { return Reads.count(R.first) > 0; }))
        Relevant.push_back(G);
    if (Relevant.empty()) return;  // nothing edits what it reads any more
    Trial All = P.prove(Candidates, {Tu}, false);
    if (All.Ok) return;
    if (Clock::now() > Deadline) {  // out of time: what this TU could blame stays
      for (const RemovalGroup *G : Relevant) {
        KeptOut.emplace_back(G, "was not proven before the proof's time budget ran out (--proof-budget): " +
                                    Tus[Tu].Summary->MainFile + " " + All.Why);
        Candidates.erase(std::find(Candidates.begin(), Candidates.end(), G));
      }
      return;
    }
    // Most messages name what went missing ('legacyLine', 'Box<0>'): try
    // the groups that remove something of that name first.
    std::vector<const RemovalGroup *> Named = namedIn(All.Why, Relevant);
    if (!Named.empty() && Named.size() < Relevant.size()) {
      std::vector<const RemovalGroup *> Rest;
      for (const RemovalGroup *G : Candidates)
        if (std::find(Named.begin(), Named.end(), G) == Named.end()) Rest.push_back(G);
      if (P.prove(Rest, {Tu}, false).Ok && Named.size() <= 3) {
        for (const RemovalGroup *G : Named) {
          KeptOut.emplace_back(G, All.Why);
          Candidates.erase(std::find(Candidates.begin(), Candidates.end(), G));
        }
        continue;
      }
    }
    // Invariant: the first Hi relevant groups fail, the first Lo pass.
    size_t Lo = 0, Hi = Relevant.size();
    std::string Why = All.Why;
    while (Hi - Lo > 1) {
      size_t Mid = (Lo + Hi) / 2;
      Trial T = P.prove({Relevant.begin(), Relevant.begin() + Mid}, {Tu}, false);
      if (T.Ok) Lo = Mid;
      else {
        Hi = Mid;
        Why = T.Why;
      }
    }
    const RemovalGroup *Culprit = Relevant[Hi - 1];
    KeptOut.emplace_back(Culprit, Why);
    Candidates.erase(std::find(Candidates.begin(), Candidates.end(), Culprit));
  }
}

}  // namespace

ProofResult proveRemoval(const std::vector<const RemovalGroup *> &Groups,
                         const std::map<std::string, std::string> &Texts, const std::vector<ProvableTu> &Tus,
                         unsigned Jobs, double Budget) {
  auto Start = Clock::now();
  Prover P(Texts, Tus, Jobs);
  ProofResult Out;
  std::vector<const RemovalGroup *> Candidates = Groups;
  Clock::time_point Deadline = Clock::time_point::max();
  // The whole set is proven on every TU it touches; a TU that fails is
  // narrowed down alone, its culprits kept out, and the rest proven again.
  while (!Candidates.empty()) {
    Trial Whole = P.prove(Candidates, P.touchedBy(Candidates), true);
    if (Deadline == Clock::time_point::max()) {  // by default: narrowing may take 3 times the first proof, + 60 s
      double First = std::chrono::duration<double>(Clock::now() - Start).count();
      double Seconds = Budget < 0 ? 3 * First + 60 : Budget == 0 ? 1e9 : Budget;
      Deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(Seconds * 1000));
    }
    if (Whole.Ok) break;
    if (Whole.FailedTus.empty()) {
      // The program-wide check, which no one TU can be blamed for: keep it all out.
      for (const RemovalGroup *G : Candidates) Out.KeptOut.emplace_back(G, Whole.Why);
      Candidates.clear();
    } else {
      // Narrow on the cheapest TU that fails (fewest files read): each step
      // of the search parses it once more.
      size_t Cheapest = *std::min_element(Whole.FailedTus.begin(), Whole.FailedTus.end(), [&](size_t A, size_t B) {
        return Tus[A].Summary->Files.size() < Tus[B].Summary->Files.size();
      });
      blameFor(P, Cheapest, Candidates, Out.KeptOut, Tus, Deadline);
    }
  }
  Out.Proven = Candidates;
  Out.Tus = P.touchedBy(Out.Proven).size();
  Out.Reparses = P.Reparses;
  Out.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  return Out;
}

}  // namespace deadwood
