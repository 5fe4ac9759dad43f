#include "model/Files.h"

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

}  // namespace deadwood
