// A CMake File API reply: the input is the codemodel, then (after a line
// holding only "--") one target file and (after another) CTest's test list.
#include "analyzer/BuildGraph.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const fs::path Dir = fs::temp_directory_path() / ("deadwood-fuzz-fileapi-" + std::to_string(getpid()));
  std::string Input(reinterpret_cast<const char *>(Data), Size), Parts[3];
  for (size_t Part = 0, At = 0; Part < 3 && At <= Input.size(); ++Part) {
    size_t End = Input.find("\n--\n", At);
    Parts[Part] = Input.substr(At, End == std::string::npos ? std::string::npos : End - At);
    At = End == std::string::npos ? Input.size() + 1 : End + 4;
  }
  fs::create_directories(Dir);
  std::ofstream(Dir / "index-1.json")
      << R"({"reply": {"client-deadwood": {"codemodel-v2": {"jsonFile": "codemodel.json"}}}})";
  std::ofstream(Dir / "codemodel.json") << Parts[0];
  std::ofstream(Dir / "target.json") << Parts[1];
  deadwood::BuildGraph G;
  std::string Err;
  if (deadwood::readCodemodel(Dir.string(), &G, &Err)) {
    deadwood::markTests(Parts[2], &G, &Err);
    for (const deadwood::Target &T : G.Targets)
      if (T.Type == "EXECUTABLE") deadwood::programSources(G, T);
  }
  return 0;
}
