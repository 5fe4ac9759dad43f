// compile_commands.json: parsed, every command line adjusted for our Clang.
#include "analyzer/Database.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::vector<deadwood::CompileJob> Jobs;
  std::string Err;
  deadwood::parseCompileDatabase("fuzz.json", std::string_view(reinterpret_cast<const char *>(Data), Size), &Jobs,
                                 &Err);
  return 0;
}
