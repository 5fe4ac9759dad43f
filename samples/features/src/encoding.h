#pragma once

#include <cstddef>

// Which specialization a build uses depends on the size of wchar_t, a
// property of the target (-fshort-wchar makes it 2), not on any macro.
template <std::size_t Bytes> struct WideText;
template <> struct WideText<2> {
  static const char *name();
};
template <> struct WideText<4> {
  static const char *name();
};

inline const char *wideTextName() { return WideText<sizeof(wchar_t)>::name(); }
