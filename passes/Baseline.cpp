#include "passes/Baseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace deadwood {

bool parseBaseline(const std::string &Path, std::string_view Text, Baseline *Out, std::string *Err) {
  using nlohmann::json;
  json J = json::parse(Text.begin(), Text.end(), nullptr, false);
  std::string Where = "cannot read baseline '" + Path + "': ";
  if (J.is_discarded()) return *Err = Where + "not valid JSON", false;
  if (!J.is_object() || !J.contains("version") || J["version"] != 1 || !J.contains("findings") ||
      !J["findings"].is_array())
    return *Err = Where + "not a deadwood baseline (version 1 with a list of findings)", false;
  Baseline B;
  for (size_t I = 0; I < J["findings"].size(); ++I) {
    const json &E = J["findings"][I];
    auto Text = [&](const char *Key) { return E.is_object() && E.contains(Key) && E[Key].is_string(); };
    if (!Text("fingerprint"))
      return *Err = Where + "entry " + std::to_string(I + 1) + " has no \"fingerprint\"", false;
    for (const char *Key : {"category", "name", "file", "until"})
      if (E.contains(Key) && !Text(Key))
        return *Err = Where + "entry " + std::to_string(I + 1) + ": \"" + Key + "\" must be a string", false;
    BaselineEntry Entry{E["fingerprint"], E.value("category", ""), E.value("name", ""), E.value("file", ""),
                        E.value("until", "")};
    if (!Entry.Until.empty() && (Entry.Until.size() != 10 || Entry.Until[4] != '-' || Entry.Until[7] != '-'))
      return *Err = Where + "entry " + std::to_string(I + 1) + ": \"until\" must be YYYY-MM-DD", false;
    B.Entries.push_back(std::move(Entry));
  }
  *Out = std::move(B);
  return true;
}

std::string renderBaseline(const Report &R) {
  nlohmann::ordered_json Findings = nlohmann::ordered_json::array();
  for (const Finding &F : R.Findings)
    Findings.push_back({{"fingerprint", fingerprint(F, R.SourceRoot)},
                        {"category", categoryName(F.Category)},
                        {"name", F.Name},
                        {"file", relativeToRoot(F.File, R.SourceRoot)}});
  nlohmann::ordered_json Out = {{"version", 1}, {"tool", "deadwood"}, {"findings", std::move(Findings)}};
  return Out.dump(2) + "\n";
}

void applyBaseline(Report &R, const Baseline &B, const std::string &Today) {
  std::map<std::string, const BaselineEntry *> Known;
  for (const BaselineEntry &E : B.Entries)
    if (E.Until.empty() || Today <= E.Until) Known[E.Fingerprint] = &E;
  size_t Before = R.Findings.size();
  std::erase_if(R.Findings, [&](const Finding &F) { return Known.count(fingerprint(F, R.SourceRoot)) > 0; });
  R.Baselined += Before - R.Findings.size();
}

}  // namespace deadwood
