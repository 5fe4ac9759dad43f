#include "commands.h"

#include "text.h"

#include <cstdio>

namespace cli {

void fill(inv::Store &store) {
  store.add(std::make_unique<inv::Book>("  The C++ Programming Language ", 59.5));
  store.add(std::make_unique<inv::Book>("Elements of Programming", 39.0));
  store.add(std::make_unique<inv::Voucher>(inv::clampTo(80.0, 5.0, 50.0)));
}

void list(const inv::Store &store) {
  for (const inv::Item *item : store.sortedByPrice())
    std::printf("%s\n", inv::trim(item->describe()).c_str());
}

// Only the dead log(const char *) prints the prefix: both go together.
static const char *const kPrefix = "inventory: ";  // deadwood: dead
static void printPrefixed(const char *message) { std::printf("%s%s\n", kPrefix, message); }  // deadwood: dead

void log(int level) { std::printf("log level %d\n", level); }

void log(const char *message) { printPrefixed(message); }  // deadwood: dead

}  // namespace cli
