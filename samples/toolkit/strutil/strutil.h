#pragma once
#include <cstddef>
#include <string>
#include <vector>

// Installed with the library (install(DIRECTORY) in CMakeLists.txt): what
// this header declares is public API, alive though no tool here uses it.
namespace strutil {

constexpr std::size_t kMaxWidth = 80;
const char *const kEllipsis = "...";

std::string upper(std::string s);

namespace detail {

// Not API by itself: alive because join() uses it.
inline void append(std::string &out, const std::string &item, char sep) {
  if (!out.empty()) out += sep;
  out += item;
}

// Not API by itself, and nothing uses it.
inline int unusedHelper() { return 7; }  // deadwood: dead

}  // namespace detail

inline std::string trim(const std::string &s) {
  std::size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

template <class Items>
std::string join(const Items &items, char sep) {
  std::string out;
  for (const auto &item : items) detail::append(out, item, sep);
  return out;
}

template <class T>
class Table {
public:
  void add(T row) { rows_.push_back(row); }
  std::size_t size() const { return rows_.size(); }

private:
  std::vector<T> rows_;
};

}  // namespace strutil
