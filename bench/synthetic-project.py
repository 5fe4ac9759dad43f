#!/usr/bin/env python3
"""Writes a synthetic C++ CMake project for bench/bench.sh:

    bench/synthetic-project.py <dir> [tus=200] [seed=1]

Each of the N translation units includes <vector>, <string> and <map> and
its module's header, defines a class with virtual methods, a few free
functions and a table, and calls into the headers of two or three other
modules: a call graph with cycles, virtual dispatch, templates from the
standard library, dead chains and dead cycles. One `main` reaches a part of
it. Deterministic for a seed.
"""
import os
import random
import sys


def module(i, n, rng):
    deps = sorted({rng.randrange(n) for _ in range(3)} - {i})
    header = f"""#pragma once
#include <map>
#include <string>
#include <vector>

namespace m{i} {{
struct Shape{i} {{
  virtual ~Shape{i}() = default;
  virtual double area() const;
  virtual std::string name() const;
}};
struct Square{i} : Shape{i} {{
  double side = 1;
  double area() const override;
  std::string name() const override;
}};
int compute{i}(const std::vector<int> &values);
std::string describe{i}(const std::map<std::string, int> &counts);
int helper{i}(int x);
int unused{i}(int x);
}}  // namespace m{i}
"""
    includes = "".join(f'#include "m{d}.h"\n' for d in deps)
    calls = "\n".join(f"  total += m{d}::compute{d}(values);" for d in deps)
    source = f"""#include "m{i}.h"
{includes}
#include <algorithm>
#include <memory>
#include <numeric>

namespace m{i} {{
double Shape{i}::area() const {{ return 0; }}
std::string Shape{i}::name() const {{ return "shape{i}"; }}
double Square{i}::area() const {{ return side * side; }}
std::string Square{i}::name() const {{ return "square{i}"; }}

namespace {{
const int kTable[] = {{{", ".join(str(rng.randrange(100)) for _ in range(8))}}};
bool isEven(int n);
bool isOdd(int n) {{ return n == 0 ? false : isEven(n - 1); }}  // a dead cycle
bool isEven(int n) {{ return n == 0 ? true : isOdd(n - 1); }}
}}  // namespace

int helper{i}(int x) {{ return x * kTable[x % 8]; }}
int unused{i}(int x) {{ return helper{i}(x) + 1; }}  // a dead chain

int compute{i}(const std::vector<int> &values) {{
  static int depth = 0;
  if (depth > 2) return 0;
  ++depth;
  std::vector<int> sorted(values);
  std::sort(sorted.begin(), sorted.end(), [](int a, int b) {{ return a > b; }});
  int total = std::accumulate(sorted.begin(), sorted.end(), 0);
{calls}
  std::unique_ptr<Shape{i}> shape = std::make_unique<Square{i}>();
  total += static_cast<int>(shape->area()) + helper{i}(total % 7);
  --depth;
  return total;
}}

std::string describe{i}(const std::map<std::string, int> &counts) {{
  std::string out;
  for (const auto &[key, value] : counts) out += key + "=" + std::to_string(value) + ";";
  return out;
}}
}}  // namespace m{i}
"""
    return header, source


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    for i in range(n):
        header, source = module(i, n, rng)
        for name, text in ((f"m{i}.h", header), (f"m{i}.cpp", source)):
            with open(os.path.join(root, "src", name), "w") as f:
                f.write(text)
    reached = sorted(rng.sample(range(n), max(1, n // 4)))
    with open(os.path.join(root, "src", "main.cpp"), "w") as f:
        f.write("".join(f'#include "m{i}.h"\n' for i in reached))
        f.write("\nint main() {\n  std::vector<int> v{3, 1, 2};\n  int total = 0;\n")
        f.write("".join(f"  total += m{i}::compute{i}(v);\n" for i in reached))
        f.write("  return total == 42;\n}\n")
    with open(os.path.join(root, "CMakeLists.txt"), "w") as f:
        f.write("cmake_minimum_required(VERSION 3.16)\nproject(synthetic LANGUAGES CXX)\n"
                "set(CMAKE_CXX_STANDARD 17)\nset(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
                "file(GLOB SOURCES src/*.cpp)\nadd_executable(synthetic ${SOURCES})\n")


if __name__ == "__main__":
    main()
