#pragma once

#include <string>

void logLine(const std::string &Text);
std::string formatResult(const char *What, double Value);
std::string formatPacket(const std::string &Payload);
const char *netBanner();
void logVerbose(const std::string &Text);
