#pragma once

// A header-only library, installed (install(FILES) in CMakeLists.txt): its
// inline and template API is alive though nothing here includes it.
namespace meta {

template <class T>
constexpr const T &clamp(const T &v, const T &lo, const T &hi) {
  return v < lo ? lo : hi < v ? hi : v;
}

inline int version() { return 3; }

}  // namespace meta
