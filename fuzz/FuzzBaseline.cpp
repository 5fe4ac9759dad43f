// A baseline file (--baseline), applied to a report with one finding.
#include "passes/Baseline.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  deadwood::Baseline B;
  std::string Err;
  if (!deadwood::parseBaseline("baseline.json", std::string_view(reinterpret_cast<const char *>(Data), Size), &B,
                               &Err))
    return 0;
  deadwood::Report R;
  R.SourceRoot = "/src";
  deadwood::Finding F;
  F.Category = "dead";
  F.Name = "f()";
  F.Usr = "c:@F@f#";
  F.File = "/src/a.cc";
  R.Findings.push_back(F);
  deadwood::applyBaseline(R, B, "2026-11-28");
  return 0;
}
