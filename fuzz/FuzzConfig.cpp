// .deadwood.json: keep rules and ignored paths; an accepted config is also
// matched against a small program, as a run would.
#include "passes/KeepRules.h"
#include "passes/Program.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  deadwood::Config C;
  std::string Err;
  if (!deadwood::parseConfig("/src/.deadwood.json", std::string_view(reinterpret_cast<const char *>(Data), Size), &C,
                             &Err))
    return 0;
  deadwood::TuSummary S;
  S.MainFile = "/src/a.cc";
  S.Files = {S.MainFile};
  S.FileHashes = {""};
  deadwood::Symbol F;
  F.Usr = "c:@N@ns@F@run#";
  F.Name = "ns::run()";
  F.HasDefinition = true;
  F.Definition = deadwood::Site{0, 0, 10, 1, 1, 1};
  S.Symbols.push_back(F);
  deadwood::Program P = deadwood::link({S});
  for (const std::string &Glob : C.Ignore) deadwood::globMatch(Glob, "a.cc", /*PathMode=*/true);
  deadwood::applyKeepRules(P, C, "/src");
  return 0;
}
