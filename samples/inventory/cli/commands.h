#pragma once
#include "store.h"

namespace cli {

void fill(inv::Store &store);
void list(const inv::Store &store);
void log(int level);
void log(const char *message);

}  // namespace cli
