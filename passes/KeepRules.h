// Keep rules: what C++ cannot show (dlsym, linker scripts, reflection by
// name), said by the user in `.deadwood.json` at the source root:
//
//   {
//     "keep": [
//       {"name": "plugin_*",       "reason": "loaded with dlsym by the host"},
//       {"file": "src/gen/**",     "reason": "generated, regenerated on build"},
//       {"usr":  "c:@F@isr_timer#", "reason": "named by the linker script"}
//     ],
//     "ignore": ["third_party/**"],
//     "public-headers": ["include/**"],
//     "vendored": ["libs/zlib"], "not-vendored": ["third_party/ours"],
//     "include-vendored": false,
//     "inherit": true
//   }
//
// Each keep rule names symbols by exactly one of `name` (a glob over the
// qualified name, with or without signature), `file` (a glob over the
// definition's path relative to the source root) or `usr`, and must say why.
// Matched symbols are roots. `ignore` globs name files whose findings are
// not reported (nor removed). `public-headers` globs name the headers whose
// declarations are a library's API (passes/PublicApi); `vendored` and
// `not-vendored` globs name directories that are, or are not, someone
// else's code (passes/Vendored); `include-vendored` reports it anyway.
// With `inherit`, the next `.deadwood.json` above this one's directory is
// read too: its lists come first, this one's after them, and this one's
// `include-vendored` wins when set. Comments (`//`, `/* */`) are allowed.
// Paths are relative to the directory holding the config. Globs: `*` (not across `/` in paths), `**`,
// `?`, `[abc]`, `[a-z]`, `[!x]`.
#pragma once

#include "passes/Program.h"

#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

struct KeepRule {
  enum By { Name, File, Usr } Kind = Name;
  std::string Pattern;
  std::string Reason;
  std::string Source;  ///< the config file it is written in
  int Line = 0;        ///< in that file
};

struct Config {
  std::string Path;  ///< the file it was read from, for messages
  std::vector<std::string> Files;  ///< with inherit: every file read, nearest first
  bool Inherit = false;
  std::vector<KeepRule> Keep;
  std::vector<std::string> Ignore;
  std::vector<std::string> PublicHeaders;
  std::vector<std::string> Vendored, NotVendored;
  int IncludeVendored = -1;  ///< -1 unset, else 0 or 1
};

/// Makes the config's path globs relative to the source root when the
/// config lies in Prefix below it (`samples/app/.deadwood.json`).
void rebaseConfig(Config *C, const std::string &Prefix);

/// Adds Parent's rules and lists ahead of Child's (Child inherits them).
void inheritConfig(Config *Child, const Config &Parent);

/// The effective configuration, for --dump-config: {"files": the files
/// read, nearest first; "config": what they say together, as one config
/// file at the source root would say it}.
std::string configToJson(const Config &C);

/// Parses a config's text. Errors name the file and line:
/// `.deadwood.json:7: keep rule needs a "reason"`.
bool parseConfig(const std::string &Path, std::string_view Text, Config *Out, std::string *Err);

/// Glob matching; in PathMode a single `*` does not cross `/`.
bool globMatch(std::string_view Pattern, std::string_view Text, bool PathMode);

/// Makes every symbol a keep rule matches a root (with the rule's place and
/// reason for --why). Returns a warning per rule that matched nothing.
std::vector<std::string> applyKeepRules(Program &P, const Config &C, const std::string &SourceRoot);

}  // namespace deadwood
