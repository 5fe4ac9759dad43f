#include "passes/Coverage.h"

#include "model/Files.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cxxabi.h>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

namespace deadwood {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// A mangled name demangled (llvm-cov prefixes a file-local one with its
/// file: `stats.cpp:_ZL6helperv`); other names as they are.
std::string demangled(std::string Name) {
  if (size_t Colon = Name.rfind(':'); Colon != std::string::npos && Name.compare(Colon + 1, 2, "_Z") == 0)
    Name.erase(0, Colon + 1);
  if (Name.rfind("_Z", 0) != 0) return Name;
  int Status = 0;
  char *Text = abi::__cxa_demangle(Name.c_str(), nullptr, nullptr, &Status);
  if (Status != 0 || !Text) return Name;
  std::string Out = Text;
  std::free(Text);
  return Out;
}

/// Path, absolute, with a relative one taken from Base.
std::string resolved(const std::string &Path, const std::string &Base) {
  if (Path.empty()) return Path;
  return normalizedPath(fs::path(Path).is_absolute() ? Path : (fs::path(Base) / Path).string());
}

bool gunzip(const std::string &Path, std::string *Out) {
  gzFile In = gzopen(Path.c_str(), "rb");
  if (!In) return false;
  char Buffer[1 << 16];
  int N;
  while ((N = gzread(In, Buffer, sizeof Buffer)) > 0) Out->append(Buffer, N);
  bool Ok = N == 0;
  gzclose(In);
  return Ok;
}

void addFile(CoverageData *Out, const std::string &File) {
  if (!File.empty()) Out->Files.push_back(File);
}

/// `gcov --json-format`: files[] with functions[] (name, demangled_name,
/// start_line, execution_count); paths relative to the working directory.
bool parseGcov(const std::string &Path, const json &J, CoverageData *Out, std::string *Err) {
  std::string Base = J.value("current_working_directory", fs::path(Path).parent_path().string());
  if (!J["files"].is_array()) return *Err = Path + ": gcov JSON without a files list", false;
  for (const json &F : J["files"]) {
    if (!F.is_object() || !F.contains("file") || !F["file"].is_string()) continue;
    std::string File = resolved(F["file"].get<std::string>(), Base);
    addFile(Out, File);
    if (!F.contains("functions") || !F["functions"].is_array()) continue;
    for (const json &Fn : F["functions"]) {
      if (!Fn.is_object()) continue;
      CoveredFunction C{File, Fn.value("start_line", 0u), "", Fn.value("execution_count", uint64_t(0))};
      C.Name = Fn.contains("demangled_name") && Fn["demangled_name"].is_string()
                   ? Fn["demangled_name"].get<std::string>()
                   : demangled(Fn.value("name", std::string()));
      Out->Functions.push_back(std::move(C));
    }
  }
  return true;
}

/// `llvm-cov export`: data[].functions[] (name, count, regions, filenames);
/// a function's first region is its body, in filenames[region's file id].
bool parseLlvm(const std::string &Path, const json &J, CoverageData *Out, std::string *Err) {
  if (!J["data"].is_array()) return *Err = Path + ": llvm-cov export JSON without data", false;
  std::string Base = fs::path(Path).parent_path().string();
  for (const json &D : J["data"]) {
    if (!D.is_object()) continue;
    if (D.contains("files") && D["files"].is_array())
      for (const json &F : D["files"])
        if (F.is_object() && F.contains("filename") && F["filename"].is_string())
          addFile(Out, resolved(F["filename"].get<std::string>(), Base));
    if (!D.contains("functions") || !D["functions"].is_array()) continue;
    for (const json &Fn : D["functions"]) {
      if (!Fn.is_object() || !Fn.contains("regions") || !Fn["regions"].is_array() || Fn["regions"].empty()) continue;
      const json &Region = Fn["regions"][0];
      const json &Names = Fn.contains("filenames") ? Fn["filenames"] : json::array();
      if (!Region.is_array() || Region.size() < 6 || !Region[0].is_number() || !Region[5].is_number()) continue;
      size_t FileId = Region[5].get<size_t>();
      if (!Names.is_array() || FileId >= Names.size() || !Names[FileId].is_string()) continue;
      Out->Functions.push_back(CoveredFunction{resolved(Names[FileId].get<std::string>(), Base),
                                               Region[0].get<uint32_t>(), demangled(Fn.value("name", std::string())),
                                               Fn.value("count", uint64_t(0))});
    }
  }
  return true;
}

/// An lcov tracefile: SF: opens a file's record; FN:<line>[,<end>],<name>
/// and FNDA:<count>,<name> (lcov 2.2: FNL:<id>,<line>[,<end>] and
/// FNA:<id>,<count>,<name>); end_of_record closes it.
bool parseLcov(const std::string &Path, const std::string &Text, CoverageData *Out, std::string *Err) {
  std::string Base = fs::path(Path).parent_path().string(), File;
  std::map<std::string, uint32_t> LineOf;     // name -> line, in this record
  std::map<std::string, uint64_t> CountOf;    // name -> count
  std::map<std::string, uint32_t> LineOfId;   // FNL id -> line
  auto Close = [&] {
    for (const auto &[Name, Line] : LineOf) {
      auto C = CountOf.find(Name);
      Out->Functions.push_back(CoveredFunction{File, Line, demangled(Name), C == CountOf.end() ? 0 : C->second});
    }
    LineOf.clear(), CountOf.clear(), LineOfId.clear();
  };
  auto Number = [](const std::string &S) { return std::strtoull(S.c_str(), nullptr, 10); };
  std::istringstream In(Text);
  bool Any = false;
  for (std::string Line; std::getline(In, Line);) {
    if (!Line.empty() && Line.back() == '\r') Line.pop_back();
    std::string Value = Line.substr(Line.find(':') == std::string::npos ? Line.size() : Line.find(':') + 1);
    std::vector<std::string> Parts;
    for (std::stringstream S(Value); Parts.size() < 3;) {
      std::string Part;
      if (!std::getline(S, Part, Parts.size() < 2 ? ',' : '\n')) break;
      Parts.push_back(Part);
    }
    if (Line.rfind("SF:", 0) == 0) {
      Close();
      File = resolved(Value, Base);
      addFile(Out, File);
      Any = true;
    } else if (Line.rfind("FN:", 0) == 0 && Parts.size() >= 2) {
      // FN:<line>,<name> or FN:<line>,<end line>,<name>: the name may hold commas.
      size_t Comma = Value.find(',');
      std::string Rest = Value.substr(Comma + 1);
      if (size_t Next = Rest.find(','); Next != std::string::npos &&
                                        Rest.substr(0, Next).find_first_not_of("0123456789") == std::string::npos)
        Rest.erase(0, Next + 1);
      LineOf[Rest] = Number(Parts[0]);
    } else if (Line.rfind("FNDA:", 0) == 0 && Parts.size() >= 2) {
      std::string Name = Value.substr(Value.find(',') + 1);
      CountOf[Name] += Number(Parts[0]);
    } else if (Line.rfind("FNL:", 0) == 0 && Parts.size() >= 2) {
      LineOfId[Parts[0]] = Number(Parts[1]);
    } else if (Line.rfind("FNA:", 0) == 0 && Parts.size() >= 3) {
      LineOf[Parts[2]] = LineOfId[Parts[0]];
      CountOf[Parts[2]] += Number(Parts[1]);
    } else if (Line == "end_of_record") {
      Close();
    }
  }
  Close();
  if (!Any) return *Err = Path + ": not coverage data (an lcov tracefile, llvm-cov export JSON or gcov JSON)", false;
  return true;
}

bool isCoverageFile(const fs::path &P) {
  std::string Name = P.filename().string();
  auto Ends = [&](const char *Tail) {
    std::string T = Tail;
    return Name.size() > T.size() && Name.compare(Name.size() - T.size(), T.size(), T) == 0;
  };
  return Ends(".gcov.json.gz") || Ends(".gcov.json") || Ends(".info") || Ends(".lcov");
}

bool readOne(const std::string &Path, CoverageData *Out, std::string *Err) {
  std::string Text;
  bool Read = Path.size() > 3 && Path.compare(Path.size() - 3, 3, ".gz") == 0 ? gunzip(Path, &Text) : readFile(Path, &Text);
  if (!Read) return *Err = "cannot read coverage data '" + Path + "'", false;
  return parseCoverage(Path, Text, Out, Err);
}

}  // namespace

bool parseCoverage(const std::string &Path, const std::string &Text, CoverageData *Out, std::string *Err) {
  size_t First = Text.find_first_not_of(" \t\r\n");
  if (First != std::string::npos && Text[First] == '{') {
    json J = json::parse(Text, nullptr, false);
    if (J.is_discarded() || !J.is_object()) return *Err = Path + ": malformed JSON", false;
    std::string Type = J.value("type", std::string());
    if (Type.rfind("llvm.coverage.json.export", 0) == 0) {
      if (Out->Format.empty()) Out->Format = "llvm-cov export";
      return parseLlvm(Path, J, Out, Err);
    }
    if (J.contains("files") && (J.contains("gcc_version") || J.contains("format_version"))) {
      if (Out->Format.empty()) Out->Format = "gcov JSON";
      return parseGcov(Path, J, Out, Err);
    }
    return *Err = Path + ": JSON that is neither llvm-cov export nor gcov --json-format output", false;
  }
  if (Out->Format.empty()) Out->Format = "lcov";
  return parseLcov(Path, Text, Out, Err);
}

bool readCoverage(const std::string &Path, CoverageData *Out, std::string *Err) {
  std::error_code Ec;
  if (fs::is_directory(Path, Ec)) {
    std::vector<std::string> Found;
    for (auto It = fs::recursive_directory_iterator(Path, fs::directory_options::skip_permission_denied, Ec);
         !Ec && It != fs::recursive_directory_iterator(); It.increment(Ec))
      if (It->is_regular_file() && isCoverageFile(It->path())) Found.push_back(It->path().string());
    std::sort(Found.begin(), Found.end());
    if (Found.empty())
      return *Err = "no coverage data in '" + Path + "' (gcov --json-format files, *.gcov.json.gz, or lcov *.info)",
             false;
    for (const std::string &F : Found)
      if (!readOne(F, Out, Err)) return false;
  } else if (!readOne(Path, Out, Err)) {
    return false;
  }
  std::sort(Out->Files.begin(), Out->Files.end());
  Out->Files.erase(std::unique(Out->Files.begin(), Out->Files.end()), Out->Files.end());
  return true;
}

namespace {

/// Maps the data's functions to the program's, file by file.
class Joiner {
public:
  Joiner(const Program &P, const Reachability &R, const CoverageData &D, const ClassifyOptions &O)
      : P(P), R(R), D(D), O(O), Covered(P.size(), false), Executed(P.size(), false) {
    for (SymbolId S = 0; S < P.size(); ++S) {
      const Symbol &Sym = P.Symbols[S];
      if (Sym.HasDefinition && isFunctionLike(Sym.Kind) && Sym.Definition.File >= 0)
        InFile[Sym.Definition.File].push_back(S);
    }
  }

  CoverageJoin run(Report &Rep) {
    CoverageJoin J;
    J.Format = D.Format;
    J.Files = D.Files.size();
    std::set<std::tuple<std::string, uint32_t, std::string>> Seen, Outside, Unknown;
    for (const CoveredFunction &F : D.Functions) {
      auto Key = std::make_tuple(F.File, F.Line, F.Name);
      int File = fileIndex(F.File);
      if (File < 0 || !inProject(F.File)) {
        Outside.insert(Key);
        continue;
      }
      std::vector<SymbolId> At = symbolsAt(File, F);
      if (At.empty()) {
        // lcov files a header's inline functions under the source file that
        // emitted them, at the header's lines: past that file's end.
        (F.Line > lineCount(File) ? Outside : Unknown).insert(Key);
        continue;
      }
      Seen.insert(Key);
      for (SymbolId S : At) {
        Covered[S] = true;
        if (F.Count > 0) Executed[S] = true;
      }
    }
    J.Matched = Seen.size();
    J.Unknown = Unknown.size();
    J.Functions = J.Matched + J.Unknown;
    J.Outside = Outside.size();

    std::set<std::string> Judged;
    forEachFinding(Rep.Findings, [&](const Finding &F) { Judged.insert(F.Usr); });
    std::set<int> Uncovered;
    for (SymbolId S = 0; S < P.size(); ++S) {
      const Symbol &Sym = P.Symbols[S];
      if (!R.reached(S) || !isFunctionLike(Sym.Kind) || !Sym.HasDefinition || isCompilerMade(Sym.Flags) ||
          (Sym.Flags & (flag::Deleted | flag::Defaulted)) || Sym.Definition.File < 0 ||
          !isReported(P.fileOf(Sym.Definition), O) || Judged.count(Sym.Usr))
        continue;
      if (!std::binary_search(D.Files.begin(), D.Files.end(), P.fileOf(Sym.Definition))) {
        Uncovered.insert(Sym.Definition.File);
        continue;
      }
      if (!Covered[S] || Executed[S]) continue;
      Rep.Findings.push_back(finding(S));
      ++J.Unexecuted;
    }
    J.FilesNotCovered = Uncovered.size();
    std::sort(Rep.Findings.begin(), Rep.Findings.end(), byPosition);
    return J;
  }

private:
  int fileIndex(const std::string &File) const {
    auto It = std::lower_bound(P.Files.begin(), P.Files.end(), File);
    return It != P.Files.end() && *It == File ? static_cast<int>(It - P.Files.begin()) : -1;
  }

  /// The project's code: under the source root, not in the build or vendored directories.
  bool inProject(const std::string &File) const {
    if (!isUnder(File, O.SourceRoot)) return false;
    return std::none_of(O.ExcludeDirs.begin(), O.ExcludeDirs.end(), [&](const std::string &D) { return isUnder(File, D); });
  }

  /// The offsets at which the file's lines start (empty when it cannot be read).
  const std::vector<uint32_t> &lineStarts(int File) {
    auto It = LineStarts.find(File);
    if (It == LineStarts.end()) {
      It = LineStarts.emplace(File, std::vector<uint32_t>()).first;
      std::string Text;
      if (readFile(P.Files[File], &Text) && !Text.empty()) {
        It->second.push_back(0);
        for (uint32_t I = 0; I + 1 < Text.size(); ++I)
          if (Text[I] == '\n') It->second.push_back(I + 1);
      }
    }
    return It->second;
  }
  /// Lines of the file; unknown (the largest count) when it cannot be read.
  uint32_t lineCount(int File) {
    const std::vector<uint32_t> &Starts = lineStarts(File);
    return Starts.empty() ? UINT32_MAX : static_cast<uint32_t>(Starts.size());
  }

  /// The lines a definition spans, from its first token to its last (once per symbol).
  std::pair<uint32_t, uint32_t> linesOf(SymbolId S) {
    if (auto It = Lines.find(S); It != Lines.end()) return It->second;
    const Site &D = P.Symbols[S].Definition;
    const std::vector<uint32_t> &Starts = lineStarts(D.File);
    auto LineAt = [&](uint32_t Offset) {
      return static_cast<uint32_t>(std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin());
    };
    std::pair<uint32_t, uint32_t> Out{D.Line, D.Line + (D.Lines ? D.Lines - 1 : 0)};
    if (!Starts.empty()) Out = {std::min(D.Line, LineAt(D.Begin)), LineAt(D.End ? D.End - 1 : D.End)};
    return Lines[S] = Out;
  }

  /// The symbols the data's function F is: the innermost definition holding
  /// its line, preferring those whose name the data's name holds, with
  /// every symbol compiled from that text (a template's instantiations).
  std::vector<SymbolId> symbolsAt(int File, const CoveredFunction &F) {
    auto It = InFile.find(File);
    if (It == InFile.end()) return {};
    std::vector<SymbolId> Holding, Named;
    for (SymbolId S : It->second) {
      auto [First, Last] = linesOf(S);
      if (F.Line < First || F.Line > Last) continue;
      Holding.push_back(S);
      if (nameMatches(P.Symbols[S], F.Name)) Named.push_back(S);
    }
    const std::vector<SymbolId> &From = Named.empty() ? Holding : Named;
    if (From.empty()) return {};
    uint32_t Innermost = 0;
    for (SymbolId S : From) Innermost = std::max(Innermost, P.Symbols[S].Definition.Begin);
    std::vector<SymbolId> Out;
    for (SymbolId S : From)
      if (P.Symbols[S].Definition.Begin == Innermost) Out.push_back(S);
    return Out;
  }

  /// Whether a demangled name (`ns::C::f(int) const`, `void f<int>(int)`)
  /// names the symbol: its unqualified name followed by its arguments or
  /// template arguments.
  static bool nameMatches(const Symbol &S, const std::string &Demangled) {
    std::string Short = S.Name.substr(0, S.Name.find('('));
    if (size_t Colons = Short.rfind("::"); Colons != std::string::npos) Short.erase(0, Colons + 2);
    if (size_t Angle = Short.find('<'); Angle != std::string::npos && Short.rfind("operator", 0) != 0) Short.erase(Angle);
    if (Short.empty()) return false;
    for (size_t At = Demangled.find(Short); At != std::string::npos; At = Demangled.find(Short, At + 1)) {
      bool Starts = At == 0 || !(std::isalnum(static_cast<unsigned char>(Demangled[At - 1])) || Demangled[At - 1] == '_');
      char Next = At + Short.size() < Demangled.size() ? Demangled[At + Short.size()] : '\0';
      if (Starts && (Next == '(' || Next == '<' || Next == ' ')) return true;
    }
    return false;
  }

  Finding finding(SymbolId Id) const {
    Finding F = findingAt(P, Id, Category::Unexecuted);
    F.Removable = false;
    F.NotRemovableBecause = "it is reachable: that no run executed it does not make it dead";
    return F;
  }

  const Program &P;
  const Reachability &R;
  const CoverageData &D;
  const ClassifyOptions &O;
  std::map<int, std::vector<SymbolId>> InFile;
  std::map<int, std::vector<uint32_t>> LineStarts;
  std::unordered_map<SymbolId, std::pair<uint32_t, uint32_t>> Lines;
  std::vector<bool> Covered, Executed;
};

}  // namespace

CoverageJoin joinCoverage(const Program &P, const Reachability &R, const CoverageData &D, const ClassifyOptions &O,
                          Report &Rep) {
  return Joiner(P, R, D, O).run(Rep);
}

}  // namespace deadwood
