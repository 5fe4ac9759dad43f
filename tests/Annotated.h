// A small annotation parser for tests, in the style of llvm::Annotations
// (whose library Debian does not ship): `$name^` marks a point, `$name[[x]]`
// a range; the markers are removed from the text.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace deadwood::test {

struct Position {
  uint32_t Line = 0, Column = 0;  ///< 1-based, as in summaries
  friend bool operator==(const Position &, const Position &) = default;
};

class Annotated {
public:
  explicit Annotated(const std::string &Source);
  const std::string &text() const { return Text; }
  /// The named point (`$name^`), or the start of the named range.
  Position point(const std::string &Name = "") const;
  std::pair<uint32_t, uint32_t> range(const std::string &Name = "") const;  ///< offsets
  Position positionOf(uint32_t Offset) const;

private:
  std::string Text;
  std::map<std::string, uint32_t> Points;
  std::map<std::string, std::pair<uint32_t, uint32_t>> Ranges;
};

}  // namespace deadwood::test
