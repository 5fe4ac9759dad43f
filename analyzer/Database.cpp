#include "analyzer/Database.h"

#include "clang/Driver/Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

namespace deadwood {
namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string absoluteIn(const std::string &Dir, const std::string &P) {
  llvm::SmallString<256> Out(P);
  if (!path::is_absolute(Out)) {
    Out = Dir;
    path::append(Out, P);
  }
  path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out.str());
}

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
         A == "-fsyntax-only";
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

}  // namespace

std::vector<std::string> adjustCommandLine(std::vector<std::string> Args) {
  while (Args.size() > 1 && isCompilerLauncher(Args[0])) Args.erase(Args.begin());
  if (Args.empty()) return Args;
  std::set<size_t> Unknown = unknownToClang(Args);
  std::vector<std::string> Out = {Args[0], "-resource-dir=" DEADWOOD_CLANG_RESOURCE_DIR};
  for (size_t I = 1; I < Args.size(); ++I) {
    const std::string &A = Args[I];
    if (isDroppedWithValue(A)) {
      ++I;
      continue;
    }
    if (Unknown.count(I) || isDropped(A) || isDependencyFlag(A)) continue;
    Out.push_back(A);
  }
  // Appended last so that they win over anything the project set.
  for (const char *A : {"-fsyntax-only", "-Wno-unknown-warning-option",
                        "-Qunused-arguments", "-Wno-ignored-pch-file"})
    Out.push_back(A);
  return Out;
}

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

  std::string LoadErr;
  auto Db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DbPath, LoadErr, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db) {
    *Err = "cannot read compile database '" + DbPath + "': " + LoadErr;
    return false;
  }
  std::vector<clang::tooling::CompileCommand> Commands = Db->getAllCompileCommands();
  if (Commands.empty()) {
    *Err = "compile database '" + DbPath + "' has no entries";
    return false;
  }
  std::set<std::pair<std::string, std::vector<std::string>>> Seen;
  for (clang::tooling::CompileCommand &C : Commands) {
    CompileJob J;
    J.Directory = absoluteIn(*DatabaseDir, C.Directory);
    J.File = absoluteIn(J.Directory, C.Filename);
    if (path::filename(J.File) == "cmake_pch.hxx.cxx") continue;  // g++ PCH helper
    if (!fs::exists(J.File)) {
      *Err = "source file '" + J.File + "' named in '" + DbPath + "' does not exist";
      return false;
    }
    if (!fs::is_directory(J.Directory)) {
      *Err = "directory '" + J.Directory + "' named in '" + DbPath + "' does not exist";
      return false;
    }
    J.Args = adjustCommandLine(std::move(C.CommandLine));
    if (Seen.insert({J.File, J.Args}).second) Jobs->push_back(std::move(J));
  }
  return true;
}

std::string commonAncestor(const std::vector<std::string> &Files) {
  if (Files.empty()) return "/";
  std::string Prefix(path::parent_path(Files[0]));
  for (const std::string &F : Files) {
    while (!Prefix.empty() && !(F.size() > Prefix.size() &&
                                F.compare(0, Prefix.size(), Prefix) == 0 &&
                                (F[Prefix.size()] == '/' || Prefix == "/")))
      Prefix = std::string(path::parent_path(Prefix));
  }
  return Prefix.empty() ? "/" : Prefix;
}

}  // namespace deadwood
