// Link + reach on a synthetic program: N symbols and M edges spread over
// TU summaries, as a whole-program graph of that size would arrive from
// extraction. Prints wall time of each step, the peak RSS, and what the
// summaries alone took before the link (MB are MiB).
//   deadwood_bench_graph [symbols=1000000] [edges=10000000] [tus=200]
#include "model/Summary.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sys/resource.h>
#include <unordered_map>

using namespace deadwood;

static double since(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T).count();
}

int main(int argc, char **argv) {
  size_t Symbols = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  size_t Edges = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000000;
  size_t Tus = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 200;
  std::mt19937_64 Rng(42);
  auto Usr = [](size_t I) { return "c:@N@bench@F@function_number_" + std::to_string(I) + "#I#"; };
  auto Start = std::chrono::steady_clock::now();
  std::vector<TuSummary> Summaries(Tus);
  // Each TU defines its share of the symbols and declares (as its headers
  // would) the functions of other TUs it calls: a tenth of its edges leave
  // the TU, and every symbol it names is an entry of its own table.
  size_t PerTu = Symbols / Tus;
  for (size_t T = 0; T < Tus; ++T) {
    TuSummary S;
    S.MainFile = "/bench/tu" + std::to_string(T) + ".cc";
    S.Files = {S.MainFile};
    S.FileHashes = {""};
    std::unordered_map<size_t, int32_t> Local;
    auto Index = [&](size_t I, bool Defined) {
      auto [It, New] = Local.try_emplace(I, static_cast<int32_t>(S.Symbols.size()));
      if (!New) return It->second;
      Symbol Sym;
      Sym.Usr = Usr(I);
      Sym.Name = "bench::function_number_" + std::to_string(I) + "(int)";
      Sym.HasDefinition = Defined;
      (Defined ? Sym.Definition : Sym.Declarations.emplace_back()) =
          Site{0, 0, 10, static_cast<uint32_t>(I % 60000), 1, 3};
      S.Symbols.push_back(std::move(Sym));
      return It->second;
    };
    for (size_t I = T; I < Symbols; I += Tus) Index(I, true);
    for (size_t E = 0; E < Edges / Tus; ++E) {
      int32_t From = Index(T + Tus * (Rng() % PerTu), true);
      size_t Target = Rng() % 10 ? T + Tus * (Rng() % PerTu) : Rng() % Symbols;
      S.Edges.push_back(Edge{From, Index(Target, Target % Tus == T), EdgeKind::Call, 0,
                             static_cast<uint32_t>(E % 60000), 1});
    }
    if (T == 0)
      for (size_t R = 0; R < 100; ++R) S.Roots.push_back(Root{Usr(R * Tus), RootReason::Main, ""});
    // Through the binary form, as the link gets summaries from the cache
    // and the plugin: every string and vector the reader's exact size.
    std::string Err;
    if (!summaryFromBinary(summaryToBinary(S), &Summaries[T], &Err)) {
      std::fprintf(stderr, "deadwood_bench_graph: %s\n", Err.c_str());
      return 1;
    }
  }
  double Generate = since(Start);
  rusage Usage;
  getrusage(RUSAGE_SELF, &Usage);
  double InputMb = Usage.ru_maxrss / 1024.0;
  auto LinkStart = std::chrono::steady_clock::now();
  Program P = link(std::move(Summaries));
  double Link = since(LinkStart);
  auto ReachStart = std::chrono::steady_clock::now();
  Reachability R = reach(P);
  double Reach = since(ReachStart);
  getrusage(RUSAGE_SELF, &Usage);
  std::printf("synthetic graph: %zu symbols, %zu edges in %zu TUs (generated in %.2f s, the summaries take %.0f MB)\n",
              P.size(), P.Edges.size(), Tus, Generate, InputMb);
  std::printf("link %.2f s, reach %.2f s, link+reach %.2f s, %zu reachable, peak RSS %.0f MB\n", Link, Reach,
              Link + Reach, R.count(), Usage.ru_maxrss / 1024.0);
}
