// A cached summary (binary) or a .dws file (JSON): a summary either reader
// accepts must also link, reach and classify without harm.
#include "model/Summary.h"
#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Bytes(reinterpret_cast<const char *>(Data), Size);
  deadwood::TuSummary S;
  std::string Err;
  if (!deadwood::summaryFromBinary(Bytes, &S, &Err) && !deadwood::summaryFromJson(std::string(Bytes), &S, &Err))
    return 0;
  deadwood::Program P = deadwood::link({S, S});
  deadwood::Reachability R = deadwood::reach(P, deadwood::Dispatch::Rta);
  deadwood::classify(P, R, deadwood::ClassifyOptions{"/", {}, {}, {}});
  return 0;
}
