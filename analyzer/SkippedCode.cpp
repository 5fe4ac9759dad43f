// Uses this configuration does not compile: the identifiers of project code
// the preprocessor skipped (`#ifdef WITH_NET` on a build without it) and of
// arguments a macro drops (`assert(x)` under NDEBUG, a logging macro
// compiled out). Raw-lexed, so nothing is known of what they name but the
// spelling: a dead symbol of that name may be used in another
// configuration, and is kept out of removal (passes/Findings).
#include "analyzer/Extract.h"

#include "analyzer/DeclFacts.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"

#include <map>

namespace deadwood {

using namespace clang;

class SkippedCode : public PPCallbacks {
public:
  SkippedCode(const SourceManager &SM, const LangOptions &LO) : SM(SM), LO(LO) {}

  void If(SourceLocation Loc, SourceRange, ConditionValueKind) override { Open.push_back(directiveAt(Loc)); }
  void Ifdef(SourceLocation Loc, const Token &, const MacroDefinition &) override { Open.push_back(directiveAt(Loc)); }
  void Ifndef(SourceLocation Loc, const Token &, const MacroDefinition &) override { Open.push_back(directiveAt(Loc)); }
  void FileChanged(SourceLocation Loc, FileChangeReason Reason, SrcMgr::CharacteristicKind, FileID) override {
    if (Reason != EnterFile) return;
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(Loc))) ++Entered[Entry->getUID()];
  }

  /// Clang says what it skipped after the `#endif` that ended it: the
  /// conditional it closed is remembered for that.
  void Endif(SourceLocation Loc, SourceLocation) override {
    if (Open.empty()) return;
    LastEndif = Loc;
    LastClosed = std::move(Open.back());
    Open.pop_back();
  }

  /// [the `#` of the directive that began skipping, the end of the one
  /// that ended it]: every identifier after the first line.
  void SourceRangeSkipped(SourceRange Range, SourceLocation EndifLoc) override {
    SourceLocation Begin = Range.getBegin();
    if (!Begin.isFileID() || SM.isInSystemHeader(Begin)) return;
    FileID File = SM.getFileID(Begin);
    bool Invalid = false;
    StringRef Buffer = SM.getBufferData(File, &Invalid);
    if (Invalid) return;
    unsigned From = SM.getFileOffset(Begin), To = std::min<size_t>(SM.getFileOffset(Range.getEnd()), Buffer.size());
    std::string Directive = directiveAt(Begin);
    if (isGuardAgain(File, Directive)) return;
    std::string Why = "under " + Directive;
    const std::string *Opening = EndifLoc.isValid() && EndifLoc == LastEndif ? &LastClosed
                                 : Open.empty()                               ? nullptr
                                                                              : &Open.back();
    if ((Directive.rfind("#else", 0) == 0 || Directive.rfind("#elif", 0) == 0) && Opening) Why += " of " + *Opening;
    size_t FirstLineEnd = Buffer.find('\n', From);  // the directive's logical line, continuations included
    while (FirstLineEnd != StringRef::npos && FirstLineEnd > 0 &&
           (Buffer[FirstLineEnd - 1] == '\\' || (Buffer[FirstLineEnd - 1] == '\r' && FirstLineEnd > 1 && Buffer[FirstLineEnd - 2] == '\\')))
      FirstLineEnd = Buffer.find('\n', FirstLineEnd + 1);
    Lexer Raw(SM.getLocForStartOfFile(File), LO, Buffer.begin(), Buffer.begin() + From, Buffer.end());
    Token T;
    for (bool Last = false; !Last;) {
      Last = Raw.LexFromRawLexer(T);
      if (T.is(tok::eof)) break;
      unsigned At = SM.getFileOffset(T.getLocation());
      if (At >= To) break;  // the directive that ended skipping is compiled
      if (T.is(tok::raw_identifier) && At > FirstLineEnd) note(T.getRawIdentifier(), File, At, Why);
    }
  }

  /// A function-like macro's parameters its body never compiles (absent, or
  /// only stringified): their arguments' identifiers.
  void MacroExpands(const Token &Name, const MacroDefinition &MD, SourceRange Range, const MacroArgs *Args) override {
    const MacroInfo *MI = MD.getMacroInfo();
    if (!Args || !MI || !MI->isFunctionLike() || MI->getNumParams() == 0) return;
    uint64_t Dropped = droppedParams(*MI);
    if (!Dropped) return;
    SourceLocation Written = SM.getExpansionLoc(Range.getBegin());
    if (SM.isInSystemHeader(Written)) return;
    std::string Why;
    for (unsigned I = 0; I < MI->getNumParams() && I < 64; ++I) {
      if (!(Dropped >> I & 1)) continue;
      for (const Token *T = Args->getUnexpArgument(I); T && T->isNot(tok::eof); ++T) {
        const IdentifierInfo *Id = T->getIdentifierInfo();
        if (!Id || !T->is(tok::identifier)) continue;
        SourceLocation Spelled = SM.getSpellingLoc(T->getLocation());
        if (!Spelled.isFileID() || SM.isInSystemHeader(Spelled)) continue;
        if (Why.empty())
          Why = "in the argument of " + Name.getIdentifierInfo()->getName().str() + ", which this configuration drops";
        note(Id->getName(), SM.getFileID(Spelled), SM.getFileOffset(Spelled), Why);
      }
    }
  }

  void writeTo(TuSummary *Out) const {
    std::map<std::string, int> Index;
    for (size_t I = 0; I < Out->Files.size(); ++I) Index.emplace(Out->Files[I], static_cast<int>(I));
    for (const auto &[Name, Place] : Names) {
      auto It = Index.find(Place.Path);
      Out->Skipped.push_back(SkippedName{Name, It == Index.end() ? -1 : It->second, Place.Line, Place.Why});
    }
  }

private:
  struct Place {
    std::string Path;
    uint32_t Line;
    std::string Why;
  };

  /// The first place of each name.
  void note(StringRef Name, FileID File, unsigned Offset, const std::string &Why) {
    if (Names.count(Name.str())) return;
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    if (!Entry) return;
    Names.emplace(Name.str(), Place{absolutePath(*Entry, SM.getFileManager()), SM.getLineNumber(File, Offset), Why});
  }

  /// A header entered again whose `#ifndef` (or `#if !defined`) is skipped:
  /// its include guard, not code another configuration compiles.
  bool isGuardAgain(FileID File, const std::string &Directive) const {
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    auto Times = Entry ? Entered.find(Entry->getUID()) : Entered.end();
    if (Times == Entered.end() || Times->second < 2) return false;
    std::string Words;
    for (char C : Directive) if (C != ' ') Words += C;
    return Words.rfind("#ifndef", 0) == 0 || Words.rfind("#if!defined", 0) == 0;
  }

  /// The line of a directive, spaces collapsed, cut at 80 characters.
  std::string directiveAt(SourceLocation Loc) const {
    Loc = SM.getExpansionLoc(Loc);
    bool Invalid = false;
    StringRef Buffer = SM.getBufferData(SM.getFileID(Loc), &Invalid);
    if (Invalid) return "#if";
    size_t At = SM.getFileOffset(Loc), Begin = Buffer.rfind('\n', At), End = Buffer.find('\n', At);
    StringRef Line = Buffer.slice(Begin == StringRef::npos ? 0 : Begin + 1, End).trim();
    std::string Out;
    for (char C : Line) {
      if (C == '\r') continue;
      bool Space = C == ' ' || C == '\t';
      if (Space && (Out.empty() || Out.back() == ' ')) continue;
      Out += Space ? ' ' : C;
    }
    // Without its comment; a line continued on the next one says so.
    for (const char *Comment : {"//", "/*"})
      if (size_t At = Out.find(Comment); At != std::string::npos) Out.erase(At);
    while (!Out.empty() && Out.back() == ' ') Out.pop_back();
    if (!Out.empty() && Out.back() == '\\') Out.back() = '.', Out += "..";
    if (Out.size() > 80) Out = Out.substr(0, 77) + "...";
    return Out.empty() ? "#if" : Out;
  }

  /// Bit I: parameter I is never compiled by the body (not named, or only
  /// after `#`).
  uint64_t droppedParams(const MacroInfo &MI) {
    auto [It, New] = Dropped.try_emplace(&MI, 0);
    if (!New) return It->second;
    uint64_t Bits = 0;
    ArrayRef<const IdentifierInfo *> Params = MI.params();
    ArrayRef<Token> Body = MI.tokens();
    for (unsigned I = 0; I < Params.size() && I < 64; ++I) {
      bool Compiled = false;
      for (size_t T = 0; T < Body.size() && !Compiled; ++T)
        Compiled = Body[T].getIdentifierInfo() == Params[I] && !(T > 0 && Body[T - 1].is(tok::hash));
      if (!Compiled) Bits |= uint64_t(1) << I;
    }
    return It->second = Bits;
  }

  const SourceManager &SM;
  const LangOptions &LO;
  std::vector<std::string> Open;  ///< the conditional directives being compiled, innermost last
  SourceLocation LastEndif;
  std::string LastClosed;  ///< the one LastEndif closed
  std::map<std::string, Place> Names;
  llvm::DenseMap<const MacroInfo *, uint64_t> Dropped;
  std::map<unsigned, unsigned> Entered;  ///< times each file (by UID) was entered
};

SkippedCode *recordSkippedCode(Preprocessor &PP) {
  auto Recorder = std::make_unique<SkippedCode>(PP.getSourceManager(), PP.getLangOpts());
  SkippedCode *Raw = Recorder.get();
  PP.addPPCallbacks(std::move(Recorder));
  return Raw;
}

void writeSkippedCode(const SkippedCode &Recorder, TuSummary *Out) { Recorder.writeTo(Out); }

}  // namespace deadwood
