#include "log.h"

#include <cstdio>

void logLine(const std::string &Text) { std::fprintf(stderr, "[report] %s\n", Text.c_str()); }

std::string formatResult(const char *What, double Value) {
  char Text[64];
  std::snprintf(Text, sizeof Text, "%s = %g", What, Value);
  return Text;
}

// Only net.cpp calls it, which only the FEATURES_WITH_NET build compiles.
std::string formatPacket(const std::string &Payload) {
  return "<" + std::to_string(Payload.size()) + ">" + Payload;
}

// Only code under #ifdef WITH_NET in main.cpp calls it.
const char *netBanner() { return "network sink on"; }

void logVerbose(const std::string &Text) {  // deadwood: dead
  logLine("verbose: " + Text);
}
