#include "model/Files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace deadwood {

bool readFile(const std::string &Path, std::string *Out) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) return false;
  std::stringstream S;
  S << In.rdbuf();
  *Out = S.str();
  return true;
}

std::string repositoryRoot(const std::string &Dir) {
  std::error_code Ec;
  for (std::filesystem::path P = std::filesystem::path(Dir).lexically_normal(); !P.empty(); P = P.parent_path()) {
    if (std::filesystem::exists(P / ".git", Ec)) {
      std::string Out = P.string();
      while (Out.size() > 1 && Out.back() == '/') Out.pop_back();
      return Out;
    }
    if (P == P.root_path()) break;
  }
  return {};
}

}  // namespace deadwood
