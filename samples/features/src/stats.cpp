#include "stats.h"

#include <algorithm>
#include <cassert>

// Only an assert calls it: a build with NDEBUG compiles no call.
bool isSorted(const std::vector<double> &Values) {
  return std::is_sorted(Values.begin(), Values.end());
}

double mean(const std::vector<double> &Values) {
  double Sum = 0;
  for (double V : Values) Sum += V;
  return Sum / Values.size();
}

double median(std::vector<double> Values) {
  std::sort(Values.begin(), Values.end());
  assert(isSorted(Values));
  size_t Half = Values.size() / 2;
  return Values.size() % 2 ? Values[Half] : (Values[Half - 1] + Values[Half]) / 2;
}

// Only the assert in variance() calls it: dead wherever that assert compiles.
bool isFinite(double Value) { return Value - Value == 0; }  // deadwood: dead

double variance(const std::vector<double> &Values) {  // deadwood: dead
  double M = mean(Values), Sum = 0;
  for (double V : Values) Sum += (V - M) * (V - M);
  assert(isFinite(Sum));
  return Sum / Values.size();
}
