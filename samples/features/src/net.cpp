#include "net.h"

#include "log.h"

void sendReport(const std::string &Text) { logLine("sent " + formatPacket(Text)); }

void retryLater(const std::string &Text) {  // deadwood: dead
  logLine("retry " + Text);
}
