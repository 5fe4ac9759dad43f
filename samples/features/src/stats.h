#pragma once

#include <vector>

bool isSorted(const std::vector<double> &Values);
double mean(const std::vector<double> &Values);
double median(std::vector<double> Values);
double variance(const std::vector<double> &Values);
