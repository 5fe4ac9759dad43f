// Baselines: the findings a project has accepted for now, so CI reports and
// fails on new ones only. A baseline is JSON:
//
//   {"version": 1, "findings": [
//     {"fingerprint": "9f2c...", "category": "dead", "name": "f()", "file": "src/a.cc"},
//     {"fingerprint": "77a1...", "category": "dead", "name": "g()", "file": "src/b.cc",
//      "until": "2027-03-31"}   <- counts again after that day
//   ]}
//
// Fingerprints (see fingerprint()) hold across checkouts and machines.
#pragma once

#include "passes/Findings.h"

#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

struct BaselineEntry {
  std::string Fingerprint, Category, Name, File;
  std::string Until;  ///< YYYY-MM-DD; empty: no end
};

struct Baseline {
  std::vector<BaselineEntry> Entries;
};

/// Errors name the file: "'base.json': entry 3 has no \"fingerprint\"".
bool parseBaseline(const std::string &Path, std::string_view Text, Baseline *Out, std::string *Err);

/// The baseline that accepts every finding of R.
std::string renderBaseline(const Report &R);

/// Drops the findings the baseline accepts on Today (YYYY-MM-DD) and counts
/// them in R.Baselined.
void applyBaseline(Report &R, const Baseline &B, const std::string &Today);

}  // namespace deadwood
