#include "store.h"

#include <algorithm>
#include <fstream>

namespace inv {

bool ByName::operator()(const std::string &a, const std::string &b) const { return a < b; }

bool cheaper(const Item *a, const Item *b) { return a->price() < b->price(); }

void Store::add(std::unique_ptr<Item> item) {
  std::string key = item->name();
  items_[key] = std::move(item);
}

std::vector<const Item *> Store::sortedByPrice() const {
  std::vector<const Item *> out;
  for (const auto &entry : items_) out.push_back(entry.second.get());
  std::sort(out.begin(), out.end(), cheaper);
  return out;
}

double Store::total() const {
  double sum = 0;
  forEach([&sum](const Item &i) { sum += i.price(); });
  return sum;
}

void Store::forEach(const std::function<void(const Item &)> &fn) const {
  for (const auto &entry : items_) fn(*entry.second);
}

void Store::clear() { items_.clear(); }  // deadwood: dead

static std::string legacyLine(const Item &i) {  // deadwood: dead
  return i.name() + ";" + std::to_string(i.price());
}

// A dead chain: exportLegacy is never called, so neither is legacyLine.
void Store::exportLegacy(const std::string &path) const {  // deadwood: dead
  std::ofstream out(path);
  forEach([&out](const Item &i) { out << legacyLine(i) << "\n"; });
}

}  // namespace inv
