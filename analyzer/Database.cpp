#include "analyzer/Database.h"

#include "model/Files.h"

#include "clang/Basic/Version.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <dlfcn.h>
#include <mutex>
#include <filesystem>
#include <set>
#include <unistd.h>

namespace deadwood {
namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool isCompilerLauncher(llvm::StringRef Arg) {
  llvm::StringRef Name = path::filename(Arg);
  return Name == "ccache" || Name == "sccache" || Name == "distcc" || Name == "icecc";
}

/// Options our Clang must not see even though it knows them: they turn
/// warnings into errors (a warning GCC does not give would fail the TU),
/// write outputs, or name another resource dir.
bool isDropped(llvm::StringRef A) {
  return A == "-Werror" || A.starts_with("-Werror=") || A == "-pedantic-errors" ||
         A.starts_with("-resource-dir") || A == "-c" || A == "-S" || A == "-E" ||
         A == "-fsyntax-only" || A == "-Wno-unknown-warning-option" || A == "-Qunused-arguments" ||
         A == "-Wno-ignored-pch-file" || A == "-w";  // what we append: adjusting twice changes nothing
}

/// Options that take their value as the next argument and go with it.
bool isDroppedWithValue(llvm::StringRef A) {
  return A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ" || A == "-resource-dir";
}

bool isDependencyFlag(llvm::StringRef A) {
  return A == "-M" || A == "-MM" || A == "-MD" || A == "-MMD" || A == "-MP" ||
         A == "-MG" || (A.starts_with("-o") && A.size() > 2) ||
         A.starts_with("-MF") || A.starts_with("-MT") || A.starts_with("-MQ");
}

/// Positions of the arguments Clang's driver does not know (GCC-only flags
/// such as -fconcepts-diagnostics-depth=3 or -fipa-pta, which are errors).
std::set<size_t> unknownToClang(const std::vector<std::string> &Args) {
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I) Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList Parsed = Table.ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::set<size_t> Unknown;
  for (const llvm::opt::Arg *A : Parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.insert(A->getIndex() + 1);
  return Unknown;
}

struct RawEntry {
  std::string Directory, File;
  std::vector<std::string> Args;
};

/// "error at line 1, column 17: ..." out of nlohmann's exception text.
std::string parseErrorText(const std::exception &E) {
  std::string What = E.what();
  size_t Close = What.find("] ");
  return Close == std::string::npos ? What : What.substr(Close + 2);
}

bool entryOf(const nlohmann::json &J, size_t Index, RawEntry *Out, std::string *Why) {
  auto Need = [&](const char *Key) {
    if (J.contains(Key) && J[Key].is_string()) return true;
    *Why = "entry " + std::to_string(Index) + " has no string \"" + Key + "\"";
    return false;
  };
  if (!J.is_object()) return *Why = "entry " + std::to_string(Index) + " is not an object", false;
  if (!Need("directory") || !Need("file")) return false;
  Out->Directory = J["directory"];
  Out->File = J["file"];
  if (J.contains("arguments") && J["arguments"].is_array()) {
    for (const nlohmann::json &A : J["arguments"]) {
      if (!A.is_string()) return *Why = "entry " + std::to_string(Index) + " has a non-string argument", false;
      Out->Args.push_back(A);
    }
  } else if (J.contains("command") && J["command"].is_string()) {
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 64> Argv;
    llvm::cl::TokenizeGNUCommandLine(J["command"].get<std::string>(), Saver, Argv);
    Out->Args.assign(Argv.begin(), Argv.end());
  } else {
    return *Why = "entry " + std::to_string(Index) + " has neither \"arguments\" nor \"command\"", false;
  }
  if (Out->Args.empty()) return *Why = "entry " + std::to_string(Index) + " has an empty command", false;
  return true;
}

/// Reads a compile_commands.json: a JSON array of objects with "directory",
/// "file", and "arguments" (a list) or "command" (a shell-quoted string).
bool parseDatabase(const std::string &DbPath, std::string_view Text, std::vector<RawEntry> *Out, std::string *Err) {
  nlohmann::json J;
  try {
    J = nlohmann::json::parse(Text.begin(), Text.end());
  } catch (const std::exception &E) {
    *Err = "cannot read compile database '" + DbPath + "': " + parseErrorText(E);
    return false;
  }
  if (!J.is_array()) {
    *Err = "cannot read compile database '" + DbPath + "': not a JSON array of entries";
    return false;
  }
  if (J.empty()) {
    *Err = "compile database '" + DbPath + "' has no entries";
    return false;
  }
  for (size_t I = 0; I < J.size(); ++I) {
    RawEntry E;
    std::string Why;
    if (!entryOf(J[I], I, &E, &Why)) {
      *Err = "cannot read compile database '" + DbPath + "': " + Why;
      return false;
    }
    Out->push_back(std::move(E));
  }
  return true;
}

}  // namespace

std::string clangResourceDir() {
  static const std::string Dir = [] {
    std::string Major = std::to_string(CLANG_VERSION_MAJOR);
    std::vector<std::filesystem::path> Candidates;
    Dl_info Info;
    if (dladdr(reinterpret_cast<void *>(&clang::getClangFullVersion), &Info) && Info.dli_fname)
      Candidates.push_back(std::filesystem::path(Info.dli_fname).parent_path() / "clang" / Major);
    Candidates.push_back(std::filesystem::path("/usr/lib/llvm-" + Major) / "lib" / "clang" / Major);
    for (const std::filesystem::path &C : Candidates) {
      std::error_code Ec;
      if (std::filesystem::exists(C / "include" / "stddef.h", Ec)) return C.lexically_normal().string();
    }
    return std::string(DEADWOOD_CLANG_RESOURCE_DIR);
  }();
  return Dir;
}

std::vector<std::string> adjustCommandLine(std::vector<std::string> Args) {
  while (Args.size() > 1 && isCompilerLauncher(Args[0])) Args.erase(Args.begin());
  if (Args.empty()) return Args;
  // The target a prefixed name implies is known only once LLVM's targets are.
  static std::once_flag Targets;
  std::call_once(Targets, [] { llvm::InitializeAllTargetInfos(); });
  clang::tooling::addTargetAndModeForProgramName(Args, Args[0]);
  std::set<size_t> Unknown = unknownToClang(Args);
  std::vector<std::string> Out = {Args[0], "-resource-dir=" + clangResourceDir()};
  for (size_t I = 1; I < Args.size(); ++I) {
    const std::string &A = Args[I];
    if (isDroppedWithValue(A)) {
      ++I;
      continue;
    }
    if (Unknown.count(I) || isDropped(A) || isDependencyFlag(A)) continue;
    Out.push_back(A);
  }
  // Appended last so that they win over anything the project set. -w: the
  // code's warnings are not deadwood's to give, and without them Clang
  // skips the analyses behind them (a CFG per function body for
  // -Wreturn-type and -Wuninitialized); errors stay errors.
  for (const char *A : {"-fsyntax-only", "-Wno-unknown-warning-option",
                        "-Qunused-arguments", "-Wno-ignored-pch-file", "-w"})
    Out.push_back(A);
  return Out;
}

namespace {

/// A header's entry (`foo.h`, or `-x c++-header`): not a TU of its own.
bool isHeaderEntry(const std::string &File, const std::vector<std::string> &Args) {
  llvm::StringRef Ext = path::extension(File);
  for (const char *H : {".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inl", ".ipp", ".tcc", ".tpp"})
    if (Ext == H) return true;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    llvm::StringRef Lang = A == "-x" && I + 1 < Args.size() ? llvm::StringRef(Args[I + 1])
                           : A.starts_with("-x")          ? A.drop_front(2)
                                                          : llvm::StringRef();
    if (Lang.ends_with("-header")) return true;
  }
  return false;
}

/// Args with every `@file` replaced by the arguments it holds, read
/// relative to Directory (as the compiler would); unchanged when none.
std::vector<std::string> expandResponseFiles(const std::vector<std::string> &Args, const std::string &Directory,
                                             std::string *Err) {
  if (std::none_of(Args.begin(), Args.end(), [](const std::string &A) { return A.size() > 1 && A[0] == '@'; }))
    return Args;
  llvm::BumpPtrAllocator Alloc;
  llvm::SmallVector<const char *, 64> Argv;
  for (const std::string &A : Args) Argv.push_back(A.c_str());
  llvm::cl::ExpansionContext Expand(Alloc, llvm::cl::TokenizeGNUCommandLine);
  Expand.setCurrentDir(Directory);
  if (llvm::Error E = Expand.expandResponseFiles(Argv)) {
    *Err = llvm::toString(std::move(E));
    return Args;
  }
  for (llvm::StringRef A : Argv)  // one it could not read stays as it was
    if (A.size() > 1 && A[0] == '@' && !fs::exists(absoluteIn(Directory, A.drop_front(1).str()))) {
      *Err = "'" + A.drop_front(1).str() + "' does not exist";
      return Args;
    }
  return std::vector<std::string>(Argv.begin(), Argv.end());
}

}  // namespace

bool loadDatabase(const std::string &PathArg, std::vector<CompileJob> *Jobs,
                  std::string *DatabaseDir, std::string *Err) {
  std::string DbPath = PathArg;
  if (!fs::exists(PathArg)) {
    *Err = "build directory '" + PathArg + "' does not exist";
    return false;
  }
  if (fs::is_directory(PathArg)) {
    DbPath = absoluteIn(PathArg, "compile_commands.json");
    if (!fs::exists(DbPath)) {
      *Err = "no compile_commands.json in '" + PathArg + "'";
      if (fs::exists(absoluteIn(PathArg, "CMakeCache.txt")))
        *Err += "; configure it with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON";
      return false;
    }
  }
  llvm::SmallString<256> AbsDb(DbPath);
  fs::make_absolute(AbsDb);
  path::remove_dots(AbsDb, true);
  DbPath = std::string(AbsDb.str());
  *DatabaseDir = std::string(path::parent_path(DbPath));

  auto Buffer = llvm::MemoryBuffer::getFile(DbPath, /*IsText=*/true);
  if (!Buffer) {
    *Err = "cannot read compile database '" + DbPath + "': " + Buffer.getError().message();
    return false;
  }
  std::vector<RawEntry> Entries;
  if (!parseDatabase(DbPath, (*Buffer)->getBuffer(), &Entries, Err)) return false;
  std::set<std::pair<std::string, std::vector<std::string>>> Seen;
  for (RawEntry &E : Entries) {
    CompileJob J;
    J.Directory = absoluteIn(*DatabaseDir, E.Directory);
    J.File = absoluteIn(J.Directory, E.File);
    if (path::filename(J.File) == "cmake_pch.hxx.cxx") continue;  // g++ PCH helper
    if (isHeaderEntry(J.File, E.Args)) continue;
    if (!fs::is_directory(J.Directory)) {
      *Err = "directory '" + J.Directory + "' named in '" + DbPath + "' does not exist";
      return false;
    }
    std::string Why;
    E.Args = expandResponseFiles(E.Args, J.Directory, &Why);
    if (!Why.empty()) {
      *Err = "response file of '" + J.File + "' named in '" + DbPath + "': " + Why;
      return false;
    }
    if (!fs::exists(J.File)) {
      J.Unusable = "'" + J.File + "' does not exist: a generated file missing? build first";
      J.Args = adjustCommandLine(std::move(E.Args));
      Jobs->push_back(std::move(J));
      continue;
    }
    if (::access(J.File.c_str(), R_OK) != 0) {
      *Err = "source file '" + J.File + "' named in '" + DbPath + "' cannot be read";
      return false;
    }
    J.Args = adjustCommandLine(std::move(E.Args));
    if (Seen.insert({J.File, J.Args}).second) Jobs->push_back(std::move(J));
  }
  return true;
}

bool parseCompileDatabase(const std::string &Name, std::string_view Text, std::vector<CompileJob> *Jobs,
                          std::string *Err) {
  std::vector<RawEntry> Entries;
  if (!parseDatabase(Name, Text, &Entries, Err)) return false;
  for (RawEntry &E : Entries)
    Jobs->push_back(CompileJob{std::move(E.File), std::move(E.Directory), adjustCommandLine(std::move(E.Args))});
  return true;
}


}  // namespace deadwood
