// Helpers for end-to-end tests: run the deadwood binary and shell commands,
// configure sample projects, read `// deadwood: dead` marks.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace deadwood::e2e {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int Exit = -1;
  std::string Out, Err;
};

std::string slurp(const fs::path &P);
std::string quote(const std::string &S);
/// A scratch directory for this test process.
fs::path scratch();
/// scratch()/Name, emptied and created.
fs::path freshDir(const std::string &Name);
/// Runs a shell command, capturing stdout, stderr and the exit status.
Result sh(const std::string &Command);
Result runDeadwood(const std::string &Args);
/// `deadwood -q --format json <Args>`, expected to exit 0, parsed (discarded
/// when it is not JSON).
json jsonReport(const std::string &Args);
/// Validates a JSON document against a JSON schema with Debian's python3-jsonschema.
Result validate(const fs::path &Document, const fs::path &Schema);
/// Writes Dir/compile_commands.json with one `g++ -c <file>` entry (as
/// "arguments") per file
/// (paths relative to Dir), the way a hand-made build would.
void writeDatabase(const fs::path &Dir, const std::vector<std::string> &Files);

/// Exit 2 with exactly one line on stderr, "deadwood: error: ...Needle...".
void expectOneLineError(const Result &R, const std::string &Needle);
/// A command prefix that runs as the unprivileged user `nobody` when we are
/// root (root ignores file modes), after making the scratch tree readable to
/// it; empty otherwise.
std::string asNobody();

/// A fresh copy of samples/<Sample> at To (whatever was there is removed).
fs::path copyOfSample(const std::string &Sample, const fs::path &To);
/// Configures samples/<Sample> (or a copy of it at Source) with CMake and g++,
/// in scratch()/build-<Sample><Tag>, with CMakeArgs (`-DOPTION=ON`).
fs::path configure(const std::string &Sample, const fs::path &Source = {}, const std::string &Tag = "",
                   const std::string &CMakeArgs = "");
/// How deadwood names a sample's directory relative to the source root:
/// "samples/<Sample>/" in a git checkout of deadwood (the root is its top
/// level), "" in a copy of the sources without one.
std::string sampleDir(const std::string &Sample);
/// "file:line: category" of every `// deadwood: dead` or `// deadwood: test-only`
/// mark under Root; with Vendored, `// deadwood: dead-vendored` marks count as dead.
std::set<std::string> marks(const fs::path &Root, bool Vendored = false);
/// "file:line: category" of every finding, members of dead classes included.
std::set<std::string> findings(const json &Report);

}  // namespace deadwood::e2e
