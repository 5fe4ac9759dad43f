#pragma once

#include <string>

void sendReport(const std::string &Text);
