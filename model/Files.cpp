#include "model/Files.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace deadwood {

namespace {
std::string withoutTrailingSlash(std::string S) {
  while (S.size() > 1 && S.back() == '/') S.pop_back();
  return S;
}
}  // namespace

bool readFile(const std::string &Path, std::string *Out) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) return false;
  // Read in one go when the size is known (a cached summary is megabytes:
  // a growing buffer would copy it several times); what a changing file or
  // a pipe has beyond that, after.
  std::error_code Ec;
  uintmax_t Size = std::filesystem::file_size(Path, Ec);
  std::string Text;
  if (!Ec) {
    Text.resize(Size);
    In.read(Text.data(), static_cast<std::streamsize>(Size));
    Text.resize(static_cast<size_t>(In.gcount()));
  }
  if (In) {
    std::ostringstream Rest;
    Rest << In.rdbuf();
    Text += Rest.str();
  }
  *Out = std::move(Text);
  return true;
}

bool isUnder(const std::string &Path, const std::string &Dir) {
  if (Dir.empty() || Dir == "/") return true;
  std::string D = Dir.back() == '/' ? Dir.substr(0, Dir.size() - 1) : Dir;
  return Path == D || (Path.size() > D.size() && Path.compare(0, D.size(), D) == 0 && Path[D.size()] == '/');
}

std::string relativeToRoot(const std::string &Path, const std::string &Root) {
  if (Root.empty() || Root == "/") return Path.substr(std::min(Path.size(), Path.find_first_not_of('/')));
  return isUnder(Path, Root) && Path != Root ? Path.substr(Root.size() + (Root.back() == '/' ? 0 : 1)) : Path;
}

std::string absoluteIn(const std::string &Dir, const std::string &P) {
  std::filesystem::path Path(P);
  if (!Path.is_absolute()) Path = std::filesystem::path(Dir) / Path;
  return withoutTrailingSlash(Path.lexically_normal().string());
}

std::string normalizedPath(const std::string &P) {
  std::error_code Ec;
  std::filesystem::path Abs = std::filesystem::absolute(P, Ec);
  std::filesystem::path Canon = std::filesystem::weakly_canonical(Abs, Ec);
  return withoutTrailingSlash((Ec ? Abs.lexically_normal() : Canon).string());
}

std::string commonAncestor(const std::vector<std::string> &Files) {
  if (Files.empty()) return "/";
  auto Parent = [](const std::string &P) {
    size_t Slash = P.find_last_of('/');
    return Slash == std::string::npos || Slash == 0 ? std::string(Slash == 0 ? "/" : "") : P.substr(0, Slash);
  };
  std::string Prefix = Parent(Files[0]);
  for (const std::string &F : Files)
    while (!Prefix.empty() && Prefix != "/" && !isUnder(F, Prefix)) Prefix = Parent(Prefix);
  return Prefix.empty() ? "/" : Prefix;
}

std::string shellQuoted(const std::string &S) {
  std::string Out = "'";
  for (char C : S) Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

bool commandOutput(const std::string &Command, std::string *Out) {
  Out->clear();
  FILE *Pipe = ::popen(Command.c_str(), "r");
  if (!Pipe) return false;
  char Buffer[65536];
  for (size_t N; (N = std::fread(Buffer, 1, sizeof Buffer, Pipe)) > 0;) Out->append(Buffer, N);
  int Status = ::pclose(Pipe);
  return WIFEXITED(Status) && WEXITSTATUS(Status) == 0;
}

std::string repositoryRoot(const std::string &Dir) {
  std::error_code Ec;
  for (std::filesystem::path P = std::filesystem::path(Dir).lexically_normal(); !P.empty(); P = P.parent_path()) {
    if (std::filesystem::exists(P / ".git", Ec)) {
      return withoutTrailingSlash(P.string());
    }
    if (P == P.root_path()) break;
  }
  return {};
}

std::string findDatabase(const std::string &Dir) {
  std::error_code Ec;
  for (std::filesystem::path P = std::filesystem::path(Dir).lexically_normal(); !P.empty(); P = P.parent_path()) {
    for (const std::filesystem::path &Candidate : {P / "compile_commands.json", P / "build" / "compile_commands.json"})
      if (std::filesystem::is_regular_file(Candidate, Ec)) return Candidate.string();
    if (P == P.root_path()) break;
  }
  return {};
}

bool writeAtomically(const std::string &Named, const std::string &Text, std::string *Err) {
  // Through a symbolic link, the file it names is rewritten; the link stays.
  std::error_code Ec;
  namespace fs = std::filesystem;
  fs::path Real = fs::is_symlink(Named, Ec) ? fs::canonical(Named, Ec) : fs::path(Named);
  const std::string Path = Ec ? Named : Real.string();
  struct stat Info;
  bool Exists = ::stat(Path.c_str(), &Info) == 0;
  if (Exists && ::access(Path.c_str(), W_OK) != 0) {
    *Err = "cannot write '" + Path + "': it is read-only";
    return false;
  }
  static std::atomic<unsigned> Serial{0};  // threads of one process may write the same path
  std::string Temp = Path + ".deadwood-" + std::to_string(::getpid()) + "-" + std::to_string(Serial++) + ".tmp";
  int Fd = ::open(Temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, Exists ? (Info.st_mode & 07777) : 0644);
  bool Ok = Fd >= 0;
  for (size_t Done = 0; Ok && Done < Text.size();) {
    ssize_t N = ::write(Fd, Text.data() + Done, Text.size() - Done);
    Ok = N > 0;
    Done += Ok ? static_cast<size_t>(N) : 0;
  }
  Ok = Ok && ::fsync(Fd) == 0;
  if (Fd >= 0) Ok = ::close(Fd) == 0 && Ok;
  if (Ok && Exists) Ok = ::fchmodat(AT_FDCWD, Temp.c_str(), Info.st_mode & 07777, 0) == 0;
  Ok = Ok && ::rename(Temp.c_str(), Path.c_str()) == 0;
  if (!Ok) {
    ::unlink(Temp.c_str());
    *Err = "cannot write '" + Path + "'";
  }
  return Ok;
}

}  // namespace deadwood
