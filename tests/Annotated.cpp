#include "Annotated.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace deadwood::test {

Annotated::Annotated(const std::string &Source) {
  std::vector<std::pair<std::string, uint32_t>> Open;
  std::string Name;
  for (size_t I = 0; I < Source.size(); ++I) {
    if (Source[I] == '$' && I + 1 < Source.size() &&
        (std::isalnum(static_cast<unsigned char>(Source[I + 1])) || Source[I + 1] == '_')) {
      size_t J = I + 1;
      while (J < Source.size() && (std::isalnum(static_cast<unsigned char>(Source[J])) || Source[J] == '_')) ++J;
      Name = Source.substr(I + 1, J - I - 1);
      I = J - 1;
    } else if (Source[I] == '^') {
      Points[Name] = Text.size();
      Name.clear();
    } else if (Source.compare(I, 2, "[[") == 0) {
      Open.emplace_back(Name, Text.size());
      Name.clear();
      ++I;
    } else if (Source.compare(I, 2, "]]") == 0 && !Open.empty()) {
      Ranges[Open.back().first] = {Open.back().second, static_cast<uint32_t>(Text.size())};
      Open.pop_back();
      ++I;
    } else {
      Text += Source[I];
    }
  }
}

Position Annotated::positionOf(uint32_t Offset) const {
  Position P{1, 1};
  for (uint32_t I = 0; I < Offset && I < Text.size(); ++I) {
    if (Text[I] == '\n') ++P.Line, P.Column = 1;
    else ++P.Column;
  }
  return P;
}

Position Annotated::point(const std::string &Name) const {
  if (auto It = Points.find(Name); It != Points.end()) return positionOf(It->second);
  if (auto It = Ranges.find(Name); It != Ranges.end()) return positionOf(It->second.first);
  throw std::out_of_range("no annotation named '" + Name + "'");
}

std::pair<uint32_t, uint32_t> Annotated::range(const std::string &Name) const {
  auto It = Ranges.find(Name);
  if (It == Ranges.end()) throw std::out_of_range("no range named '" + Name + "'");
  return It->second;
}

}  // namespace deadwood::test
