#include "model/BuildGraph.h"

#include <map>
#include <set>

namespace deadwood {

std::vector<std::string> programSources(const BuildGraph &G, const Target &Exe) {
  std::map<std::string, const Target *> ByName;
  for (const Target &T : G.Targets) ByName[T.Name] = &T;
  std::set<std::string> Seen = {Exe.Name}, Sources(Exe.Sources.begin(), Exe.Sources.end());
  std::vector<const Target *> Work = {&Exe};
  while (!Work.empty()) {
    const Target *T = Work.back();
    Work.pop_back();
    for (const std::string &D : T->Dependencies) {
      auto It = ByName.find(D);
      if (It == ByName.end() || It->second->Type == "EXECUTABLE" || !Seen.insert(D).second) continue;
      Sources.insert(It->second->Sources.begin(), It->second->Sources.end());
      Work.push_back(It->second);
    }
  }
  return std::vector<std::string>(Sources.begin(), Sources.end());
}

}  // namespace deadwood
