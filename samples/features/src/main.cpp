#include "encoding.h"
#include "log.h"
#include "stats.h"
#ifdef WITH_NET
#include "net.h"
#endif

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char **argv) {
  bool Median = false;
  std::vector<double> Values;
  for (int I = 1; I < argc; ++I) {
    if (std::strcmp(argv[I], "--median") == 0) Median = true;
    else Values.push_back(std::atof(argv[I]));
  }
  if (Values.empty()) {
    logLine("usage: report [--median] value...");
    return 1;
  }
  std::string Line = Median ? formatResult("median", median(Values)) : formatResult("mean", mean(Values));
  std::printf("%s (wide text is %s)\n", Line.c_str(), wideTextName());
#ifdef WITH_NET
  logLine(netBanner());
  sendReport(Line);
#endif
  return 0;
}
