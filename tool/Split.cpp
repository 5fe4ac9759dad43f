// The extract/link split: the per-TU work as commands a build system runs.
//
//   deadwood ninja -p build -o deadwood.ninja [-- <link options>]
//     └─ build.ninja-style file: one `extract` edge per TU (with a depfile,
//        so Ninja re-runs exactly the TUs whose files changed), one `link`
//        edge over every summary
//   deadwood extract -o tu.dws [--depfile tu.d] -- <compile command>
//   deadwood link [-p build] <.dws files or directories> [report options]
//
// A summary file is a TuSummary in its JSON or binary form (the cache's), so
// `link` of the summaries of a database reports exactly what the one-shot
// run does.
#include "analyzer/Database.h"
#include "analyzer/Driver.h"
#include "model/Files.h"
#include "tool/Commands.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace deadwood::cli {
namespace {

namespace fs = std::filesystem;

bool isSourceFile(const std::string &Arg) {
  static const char *const Extensions[] = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".m", ".mm", ".cu"};
  std::string Ext = fs::path(Arg).extension();
  return std::find(std::begin(Extensions), std::end(Extensions), Ext) != std::end(Extensions);
}

/// The source file a compile command compiles: its last argument that names
/// a source file and is not the value of an option. Empty if none.
std::string sourceOf(const std::vector<std::string> &Command) {
  static const char *const TakesValue[] = {"-o", "-MF", "-MT", "-MQ", "-include", "-imacros", "-x",
                                           "-I", "-isystem", "-iquote", "-idirafter", "-D", "-U"};
  std::string Found;
  for (size_t I = 1; I < Command.size(); ++I) {
    const std::string &A = Command[I];
    if (std::find(std::begin(TakesValue), std::end(TakesValue), A) != std::end(TakesValue)) {
      ++I;
      continue;
    }
    if (!A.empty() && A[0] != '-' && isSourceFile(A)) Found = A;
  }
  return Found;
}

/// A Makefile-syntax dependency list (Ninja's `deps = gcc`): Out depends on
/// every file the TU read.
std::string depfileText(const std::string &Out, const TuSummary &S) {
  auto Escape = [](const std::string &Path) {
    std::string E;
    for (char C : Path) {
      if (C == ' ' || C == '#' || C == '\\') E += '\\';
      if (C == '$') E += '$';
      E += C;
    }
    return E;
  };
  std::string Text = Escape(Out) + ":";
  for (const std::string &F : S.Files) Text += " \\\n  " + Escape(F);
  return Text + "\n";
}

/// Every .dws file under Dir, by name (the names `ninja` gives keep the
/// database's order).
std::vector<std::string> summariesIn(const std::string &Dir) {
  std::vector<std::string> Out;
  for (const auto &E : fs::recursive_directory_iterator(Dir))
    if (E.is_regular_file() && E.path().extension() == ".dws") Out.push_back(E.path().string());
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// Ninja's escaping of a path in a build line.
std::string ninjaPath(const std::string &Path) {
  std::string Out;
  for (char C : Path) {
    if (C == '$' || C == ' ' || C == ':') Out += '$';
    Out += C;
  }
  return Out;
}

/// One shell word, single-quoted when it needs quoting; `$` doubled for Ninja.
std::string shellWord(const std::string &Word) {
  bool Plain = !Word.empty() && std::all_of(Word.begin(), Word.end(), [](unsigned char C) {
    return std::isalnum(C) || std::string_view("-_./=+,:@%").find(C) != std::string_view::npos;
  });
  std::string Out = Plain ? Word : shellQuoted(Word);
  std::string Escaped;
  for (char C : Out) Escaped += C == '$' ? std::string("$$") : std::string(1, C);
  return Escaped;
}

std::string shellLine(const std::vector<std::string> &Words) {
  std::string Out;
  for (const std::string &W : Words) Out += (Out.empty() ? "" : " ") + shellWord(W);
  return Out;
}

}  // namespace

std::string selfPath() {
  std::error_code Ec;
  fs::path P = fs::read_symlink("/proc/self/exe", Ec);
  return Ec ? std::string("deadwood") : P.string();
}

std::string pluginPath() {
  fs::path Bin = fs::path(selfPath()).parent_path();
  std::error_code Ec;
  if (fs::exists(Bin / "libdeadwood-plugin.so", Ec)) return (Bin / "libdeadwood-plugin.so").string();  // a build tree
  return (Bin / DEADWOOD_PLUGIN_FROM_BIN / "libdeadwood-plugin.so").lexically_normal().string();  // installed
}

int extractCommand(int argc, char **argv) {
  std::string Output, Depfile, Directory = fs::current_path().string(), File;
  std::vector<std::string> Command;
  bool Binary = false;
  unsigned MemoryMb = 0;
  CLI::App App{"deadwood extract: parses one translation unit and writes its summary, for `deadwood link`.\n"
               "Exit 0 when the summary is written (a TU that does not parse writes one that says so).",
               "deadwood extract"};
  App.add_option("-o,--output", Output, "The summary file to write (.dws)")->required();
  App.add_option("--depfile", Depfile, "Also write the files the TU read, as a Makefile rule (Ninja's deps = gcc)");
  App.add_option("--directory", Directory, "Working directory of the command (default: the current one)");
  App.add_option("--file", File, "The main file (default: the source file the command names)");
  App.add_flag("--binary", Binary, "Write the binary form (the cache's) instead of JSON");
  App.add_option("--memory-limit", MemoryMb, "Cap the address space of this process, in MB");
  App.add_option("command", Command, "The compile command, after --")->required();
  int Exit = Done;
  if (!parse(App, argc, argv, &Exit)) return Exit;
  if (MemoryMb) {
    rlimit Limit{static_cast<rlim_t>(MemoryMb) << 20, static_cast<rlim_t>(MemoryMb) << 20};
    ::setrlimit(RLIMIT_AS, &Limit);
  }
  if (!fs::is_directory(Directory)) return fail("directory '" + Directory + "' does not exist");
  Directory = absoluteIn(fs::current_path().string(), Directory);
  if (File.empty()) File = sourceOf(Command);
  if (File.empty()) return fail("no source file in the compile command; name it with --file");
  File = absoluteIn(Directory, File);
  if (!fs::is_regular_file(File)) return fail("source file '" + File + "' does not exist");
  std::vector<TuSummary> S = extractAll({CompileJob{File, Directory, adjustCommandLine(Command)}}, 1);
  if (S[0].Failed)
    std::cerr << "deadwood: error: '" << File << "' did not parse: " << (S[0].Errors.empty() ? "" : S[0].Errors[0])
              << '\n';
  std::string Err;
  if (!writeAtomically(Output, Binary ? summaryToBinary(S[0]) : summaryToJson(S[0]), &Err)) return fail(Err);
  if (!Depfile.empty() && !writeAtomically(Depfile, depfileText(Output, S[0]), &Err)) return fail(Err);
  return Done;
}

int linkCommand(int argc, char **argv) {
  Options O;
  std::vector<std::string> Inputs;
  CLI::App App{"deadwood link: links the summaries `deadwood extract` wrote and reports, as the one-shot run does.",
               "deadwood link"};
  App.add_option("-p,--build-path", O.BuildPath,
                 "The build directory (its CMake build graph names programs and tests), or its "
                 "compile_commands.json");
  addAnalysisOptions(App, O);
  App.add_option("summaries", Inputs, "Summary files (.dws), or directories holding them")->required();
  int Exit = Done;
  if (!parse(App, argc, argv, &Exit)) return Exit;
  std::string DbDir, Err;
  std::vector<CompileJob> Jobs;
  if (!O.BuildPath.empty() && !loadDatabase(O.BuildPath, &Jobs, &DbDir, &Err)) return fail(Err);
  std::vector<std::string> Files;
  for (const std::string &In : Inputs) {
    if (fs::is_directory(In)) {
      std::vector<std::string> Found = summariesIn(In);
      if (Found.empty()) return fail("no summaries (.dws) in '" + In + "'");
      Files.insert(Files.end(), Found.begin(), Found.end());
    } else {
      Files.push_back(In);
    }
  }
  std::vector<TuSummary> Summaries;
  for (const std::string &F : Files) {
    std::string Text;
    if (!readFile(F, &Text)) return fail("cannot read summary '" + F + "'");
    TuSummary S;
    if (!summaryFromBytes(Text, &S, &Err)) return fail("'" + F + "' is not a deadwood summary: " + Err);
    Summaries.push_back(std::move(S));
  }
  // With the database, its TUs are the program: a plugin also summarizes
  // what CMake compiles to probe the compiler (CMakeCXXCompilerId.cpp, ...).
  if (!O.BuildPath.empty()) {
    std::set<std::string> InDatabase;
    for (const CompileJob &J : Jobs) InDatabase.insert(J.File);
    size_t Before = Summaries.size();
    Summaries.erase(std::remove_if(Summaries.begin(), Summaries.end(),
                                   [&](const TuSummary &S) { return !InDatabase.count(S.MainFile); }),
                    Summaries.end());
    if (Summaries.size() != Before && !O.Quiet)
      std::cerr << "deadwood: note: " << Before - Summaries.size()
                << " summary(ies) of files the compile database does not compile left out\n";
  }
  // A summary that skipped bodies another TU parsed, without that TU's
  // summary here, misses what those bodies use: nothing it reads is judged.
  for (size_t I : missingBodies(Summaries)) {
    Summaries[I].Failed = true;
    Summaries[I].Errors = {"error: this summary skipped function bodies that no summary in this link describes; "
                           "link it with the summaries made in the same run"};
  }
  try {
    return analyze(O, DbDir, std::move(Summaries), O.BuildPath.empty() ? nullptr : &Jobs);
  } catch (const std::exception &E) {
    return fail(E.what());
  }
}

int ninjaCommand(int argc, char **argv) {
  std::string BuildPath, Output;
  std::vector<std::string> LinkArgs;
  CLI::App App{"deadwood ninja: writes a Ninja file whose edges extract each TU's summary and whose last edge "
               "links them and reports. Run it with `ninja -f <file>`; options after -- go to `deadwood link`.",
               "deadwood ninja"};
  App.add_option("-p,--build-path", BuildPath, "Build directory holding compile_commands.json, or the file itself")
      ->required();
  App.add_option("-o,--output", Output, "The Ninja file to write")->required();
  App.add_option("link-options", LinkArgs, "Options for `deadwood link` (report format, -o, ...), after --");
  int Exit = Done;
  if (!parse(App, argc, argv, &Exit)) return Exit;
  std::vector<CompileJob> Jobs;
  std::string DbDir, Err;
  if (!loadDatabase(BuildPath, &Jobs, &DbDir, &Err)) return fail(Err);
  if (Jobs.empty()) return fail("compile database in '" + DbDir + "' has no translation units");
  std::string Deadwood = selfPath(), Dir = DbDir + "/.deadwood/summaries";
  std::ostringstream N;
  N << "# Written by `deadwood ninja -p " << BuildPath << "`: run with `ninja -f " << Output << "`.\n"
    << "ninja_required_version = 1.3\n\n"
    << "rule extract\n"
    << "  command = " << shellWord(Deadwood) << " extract --directory $dir --file $file -o $dws --depfile $dws.d -- $args\n"
    << "  description = deadwood extract $in\n"
    << "  depfile = $out.d\n"
    << "  deps = gcc\n\n"
    << "rule link\n"
    << "  command = " << shellWord(Deadwood) << " link -p " << shellWord(DbDir)
    << (LinkArgs.empty() ? "" : " " + shellLine(LinkArgs)) << " $in\n"
    << "  description = deadwood link\n"
    << "  pool = console\n\n";
  std::vector<std::string> Summaries;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    char Index[16];
    std::snprintf(Index, sizeof Index, "%06zu-", I);  // names sort in the database's order
    std::string Dws = Dir + "/" + Index + fs::path(Jobs[I].File).filename().string() + ".dws";
    Summaries.push_back(ninjaPath(Dws));
    N << "build " << ninjaPath(Dws) << ": extract " << ninjaPath(Jobs[I].File) << "\n"
      << "  dir = " << shellWord(Jobs[I].Directory) << "\n"
      << "  file = " << shellWord(Jobs[I].File) << "\n"
      << "  dws = " << shellWord(Dws) << "\n"
      << "  args = " << shellLine(Jobs[I].Args) << "\n";
  }
  // Never written, so the report is made on every run; the summaries only
  // when their TU changed.
  N << "\nbuild " << ninjaPath(Dir + "/report") << ": link";
  for (const std::string &S : Summaries) N << " $\n    " << S;
  N << "\ndefault " << ninjaPath(Dir + "/report") << "\n";
  if (!writeAtomically(Output, N.str(), &Err)) return fail(Err);
  std::cerr << "deadwood: wrote '" << Output << "': " << plural(Jobs.size(), "extract edge", "extract edges") << " and one link; run `ninja -f "
            << Output << "`\n";
  return Done;
}

}  // namespace deadwood::cli
