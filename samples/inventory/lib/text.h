#pragma once
#include <string>

namespace inv {

std::string formatPrice(double value);
std::string upper(std::string s);
std::string trim(const std::string &s);

bool isEven(unsigned n);
bool isOdd(unsigned n);

template <class T> T clampTo(T v, T lo, T hi) { return v < lo ? lo : hi < v ? hi : v; }

template <class T> T lerp(T a, T b, double t) { return a + (b - a) * t; }  // deadwood: dead

}  // namespace inv
