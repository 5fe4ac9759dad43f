#include "passes/TextEdit.h"

#include <algorithm>
#include <cctype>

namespace deadwood {
namespace {

uint32_t lineStart(std::string_view T, uint32_t Pos) {
  while (Pos > 0 && T[Pos - 1] != '\n') --Pos;
  return Pos;
}

uint32_t lineEnd(std::string_view T, uint32_t Pos) {  ///< the '\n', or the end
  while (Pos < T.size() && T[Pos] != '\n') ++Pos;
  return Pos;
}

uint32_t afterLine(std::string_view T, uint32_t Pos) {
  uint32_t E = lineEnd(T, Pos);
  return E < T.size() ? E + 1 : E;
}

bool isBlank(std::string_view S) {
  return std::all_of(S.begin(), S.end(), [](char C) { return C == ' ' || C == '\t' || C == '\r'; });
}

std::string_view trim(std::string_view S) {
  while (!S.empty() && std::isspace(static_cast<unsigned char>(S.front()))) S.remove_prefix(1);
  while (!S.empty() && std::isspace(static_cast<unsigned char>(S.back()))) S.remove_suffix(1);
  return S;
}

/// The line before the one starting at Pos (which must be a line start).
std::string_view previousLine(std::string_view T, uint32_t Pos) {
  if (Pos == 0) return {};
  uint32_t S = lineStart(T, Pos - 1);
  return T.substr(S, Pos - 1 - S);
}

/// Start of the comment lines directly above the line starting at B.
uint32_t docCommentStart(std::string_view T, uint32_t B) {
  while (B > 0) {
    std::string_view Prev = trim(previousLine(T, B));
    uint32_t PrevStart = lineStart(T, B - 1);
    if (Prev.substr(0, 2) == "//") {
      B = PrevStart;
      continue;
    }
    if (Prev.size() >= 2 && Prev.substr(Prev.size() - 2) == "*/") {
      size_t Open = T.rfind("/*", B - 1);
      if (Open == std::string_view::npos || !isBlank(T.substr(lineStart(T, Open), Open - lineStart(T, Open))))
        break;
      B = lineStart(T, Open);
      continue;
    }
    break;
  }
  return B;
}

std::vector<ByteRange> merged(std::vector<ByteRange> R) {
  std::sort(R.begin(), R.end(), [](ByteRange A, ByteRange B) { return A.Begin < B.Begin; });
  std::vector<ByteRange> Out;
  for (ByteRange X : R) {
    if (!Out.empty() && X.Begin <= Out.back().End) Out.back().End = std::max(Out.back().End, X.End);
    else Out.push_back(X);
  }
  return Out;
}

/// A whole-line removal between a blank line (or the file's start) and a
/// blank line would leave two blank lines (or a leading one): take one more.
std::vector<ByteRange> collapseBlankLines(std::string_view T, std::vector<ByteRange> R) {
  for (ByteRange &X : R) {
    bool WholeLines = lineStart(T, X.Begin) == X.Begin && (X.End == T.size() || lineStart(T, X.End) == X.End);
    if (!WholeLines) continue;
    bool PrevBlank = X.Begin > 0 && isBlank(previousLine(T, X.Begin));
    bool NextBlank = X.End < T.size() && isBlank(T.substr(X.End, lineEnd(T, X.End) - X.End));
    if (NextBlank && (PrevBlank || X.Begin == 0)) X.End = afterLine(T, X.End);
    else if (X.End == T.size() && PrevBlank) X.Begin = lineStart(T, X.Begin - 1);
  }
  return merged(std::move(R));
}

std::vector<Replacement> asDeletions(const std::vector<ByteRange> &R) {
  std::vector<Replacement> Out;
  for (ByteRange X : R)
    if (X.End > X.Begin) Out.push_back(Replacement{X.Begin, X.End - X.Begin, ""});
  return Out;
}

/// Where the deletions happened, in the edited text's offsets.
std::vector<uint32_t> deletionPoints(const std::vector<Replacement> &Edits) {
  std::vector<uint32_t> Out;
  uint32_t Removed = 0;
  for (const Replacement &E : Edits) {
    Out.push_back(E.Offset - Removed);
    Removed += E.Length;
  }
  return Out;
}

/// Original offset of an edited-text offset: before a deletion at that point
/// (Start) or after it (!Start).
uint32_t toOriginal(const std::vector<Replacement> &Edits, uint32_t Pos, bool Start) {
  uint32_t Removed = 0;
  for (const Replacement &E : Edits) {
    uint32_t At = E.Offset - Removed;
    if (At > Pos || (Start && At == Pos)) break;
    Removed += E.Length;
  }
  return Pos + Removed;
}

/// `namespace x {` + only white space + `}` (and a trailing comment), as
/// whole lines, when a deletion point lies inside the braces.
std::vector<ByteRange> emptiedNamespaces(std::string_view T, const std::vector<uint32_t> &Points) {
  std::vector<ByteRange> Out;
  for (size_t At = T.find("namespace"); At != std::string_view::npos; At = T.find("namespace", At + 1)) {
    uint32_t LS = lineStart(T, static_cast<uint32_t>(At));
    std::string_view Before = trim(T.substr(LS, At - LS));
    if (!Before.empty() && Before != "inline") continue;
    size_t I = At + 9;
    while (I < T.size() && (std::isalnum(static_cast<unsigned char>(T[I])) || T[I] == '_' ||
                            T[I] == ':' || T[I] == ' ' || T[I] == '\t'))
      ++I;
    if (I >= T.size() || T[I] != '{') continue;
    size_t Open = I++;
    while (I < T.size() && std::isspace(static_cast<unsigned char>(T[I]))) ++I;
    if (I >= T.size() || T[I] != '}') continue;
    size_t Close = I++;
    while (I < T.size() && (T[I] == ' ' || T[I] == '\t')) ++I;
    if (T.substr(I, 2) == "//") I = lineEnd(T, static_cast<uint32_t>(I));
    if (I < T.size() && T[I] != '\n') continue;  // code follows on the line: leave it
    bool Emptied = std::any_of(Points.begin(), Points.end(),
                               [&](uint32_t P) { return P > Open && P <= Close; });
    if (Emptied) Out.push_back(ByteRange{LS, afterLine(T, static_cast<uint32_t>(I))});
  }
  return Out;
}

}  // namespace

ByteRange expandRemoval(std::string_view T, ByteRange D) {
  uint32_t B = std::min<uint32_t>(D.Begin, T.size()), E = std::min<uint32_t>(D.End, T.size());
  uint32_t I = E;
  while (I < T.size() && (T[I] == ' ' || T[I] == '\t')) ++I;
  if (I < T.size() && T[I] == ';') E = I + 1;
  I = E;
  while (I < T.size() && (T[I] == ' ' || T[I] == '\t')) ++I;
  if (T.substr(I, 2) == "//") E = lineEnd(T, I);
  uint32_t LS = lineStart(T, B);
  bool OwnsFirstLine = isBlank(T.substr(LS, B - LS));
  bool OwnsLastLine = isBlank(T.substr(E, lineEnd(T, E) - E));
  if (!OwnsFirstLine || !OwnsLastLine) return ByteRange{B, E};
  return ByteRange{docCommentStart(T, LS), afterLine(T, E)};
}

std::vector<Replacement> deletionEdits(std::string_view T, std::vector<ByteRange> Decls) {
  for (ByteRange &D : Decls) D = expandRemoval(T, D);
  std::vector<ByteRange> Ranges = collapseBlankLines(T, merged(std::move(Decls)));
  for (int Round = 0; Round < 8; ++Round) {  // nested namespaces empty one by one
    std::vector<Replacement> Edits = asDeletions(Ranges);
    std::string Edited = applyEdits(T, Edits);
    std::vector<ByteRange> Emptied = emptiedNamespaces(Edited, deletionPoints(Edits));
    if (Emptied.empty()) return Edits;
    for (ByteRange N : Emptied)
      Ranges.push_back(ByteRange{toOriginal(Edits, N.Begin, true), toOriginal(Edits, N.End, false)});
    Ranges = collapseBlankLines(T, merged(std::move(Ranges)));
  }
  return asDeletions(Ranges);
}

TextPosition positionAt(std::string_view Text, uint32_t Offset) {
  std::string_view Before = Text.substr(0, std::min<size_t>(Offset, Text.size()));
  size_t LineStart = Before.rfind('\n');
  TextPosition P;
  P.Line = 1 + static_cast<uint32_t>(std::count(Before.begin(), Before.end(), '\n'));
  P.Column = 1 + static_cast<uint32_t>(LineStart == std::string_view::npos ? Before.size() : Before.size() - LineStart - 1);
  return P;
}

std::string applyEdits(std::string_view T, const std::vector<Replacement> &Edits) {
  std::string Out;
  uint32_t At = 0;
  for (const Replacement &E : Edits) {
    Out.append(T.substr(At, E.Offset - At));
    Out.append(E.Text);
    At = E.Offset + E.Length;
  }
  Out.append(T.substr(std::min<size_t>(At, T.size())));
  return Out;
}

namespace {

std::vector<std::string_view> splitLines(std::string_view T) {
  std::vector<std::string_view> Lines;
  for (size_t At = 0; At < T.size();) {
    size_t E = T.find('\n', At);
    E = E == std::string_view::npos ? T.size() : E + 1;
    Lines.push_back(T.substr(At, E - At));
    At = E;
  }
  return Lines;
}

void emitLine(std::string &Out, char Tag, std::string_view Line) {
  Out += Tag;
  Out.append(Line);
  if (Line.empty() || Line.back() != '\n') Out += "\n\\ No newline at end of file\n";
}

std::string range(size_t Start, size_t Len) {  ///< 0-based start
  return std::to_string(Len == 0 ? Start : Start + 1) + "," + std::to_string(Len);
}

}  // namespace

std::string unifiedDiff(const std::string &Path, std::string_view Old,
                        const std::vector<Replacement> &Edits) {
  if (Edits.empty()) return {};
  std::vector<std::string_view> A = splitLines(Old);
  std::vector<uint32_t> Starts;  // offset of each line, then the end
  for (std::string_view Line : A) Starts.push_back(static_cast<uint32_t>(Line.data() - Old.data()));
  Starts.push_back(static_cast<uint32_t>(Old.size()));
  auto LineOf = [&](uint32_t Off) {  // the line holding Off
    return static_cast<size_t>(std::upper_bound(Starts.begin(), Starts.end() - 1, Off) - Starts.begin()) - 1;
  };
  // Each edit touches whole lines [First, Last); edits on shared lines form one block.
  struct Block { size_t First, Last; std::vector<Replacement> Edits; };
  std::vector<Block> Blocks;
  for (const Replacement &E : Edits) {
    size_t First = A.empty() ? 0 : LineOf(E.Offset);
    uint32_t EndOff = E.Offset + E.Length;
    size_t Last = EndOff >= Old.size() ? A.size()
                  : Starts[LineOf(EndOff)] == EndOff && E.Length ? LineOf(EndOff)
                                                                 : LineOf(EndOff) + 1;
    if (!Blocks.empty() && First < Blocks.back().Last) {
      Blocks.back().Last = std::max(Blocks.back().Last, Last);
      Blocks.back().Edits.push_back(E);
    } else {
      Blocks.push_back(Block{First, std::max(Last, First), {E}});
    }
  }
  struct Op { char Tag; std::string Line; size_t OldLine, NewLine; };
  std::vector<Op> Ops;
  size_t OldAt = 0, NewAt = 0;
  for (Block &Bk : Blocks) {
    for (; OldAt < Bk.First; ++OldAt) Ops.push_back({' ', std::string(A[OldAt]), OldAt, NewAt++});
    uint32_t RegionStart = Starts[Bk.First];
    std::string_view Region = Old.substr(RegionStart, Starts[Bk.Last] - RegionStart);
    for (Replacement &E : Bk.Edits) E.Offset -= RegionStart;
    std::string Replaced = applyEdits(Region, Bk.Edits);
    for (; OldAt < Bk.Last; ++OldAt) Ops.push_back({'-', std::string(A[OldAt]), OldAt, NewAt});
    for (std::string_view Line : splitLines(Replaced)) Ops.push_back({'+', std::string(Line), OldAt, NewAt++});
  }
  for (; OldAt < A.size(); ++OldAt) Ops.push_back({' ', std::string(A[OldAt]), OldAt, NewAt++});

  std::string Out = "--- a/" + Path + "\n+++ b/" + Path + "\n";
  constexpr size_t Context = 3;
  for (size_t K = 0; K < Ops.size();) {
    if (Ops[K].Tag == ' ') { ++K; continue; }
    size_t First = K >= Context ? K - Context : 0, Last = K;
    for (size_t Z = K; Z < Ops.size(); ++Z)  // extend while changes are within 2*Context
      if (Ops[Z].Tag != ' ') Last = Z;
      else if (Z - Last > 2 * Context) break;
    size_t End = std::min(Ops.size(), Last + Context + 1);
    size_t OldLen = 0, NewLen = 0;
    for (size_t Z = First; Z < End; ++Z) {
      OldLen += Ops[Z].Tag != '+';
      NewLen += Ops[Z].Tag != '-';
    }
    Out += "@@ -" + range(Ops[First].OldLine, OldLen) + " +" + range(Ops[First].NewLine, NewLen) + " @@\n";
    for (size_t Z = First; Z < End; ++Z) emitLine(Out, Ops[Z].Tag, Ops[Z].Line);
    K = End;
  }
  return Out;
}

}  // namespace deadwood
