#pragma once
#include "item.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace inv {

struct ByName {
  bool operator()(const std::string &a, const std::string &b) const;
};

class Store {
public:
  void add(std::unique_ptr<Item> item);
  std::vector<const Item *> sortedByPrice() const;
  double total() const;
  void forEach(const std::function<void(const Item &)> &fn) const;
  void clear();
  void exportLegacy(const std::string &path) const;

private:
  std::map<std::string, std::unique_ptr<Item>, ByName> items_;
};

bool cheaper(const Item *a, const Item *b);

}  // namespace inv
