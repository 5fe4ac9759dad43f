#include "encoding.h"

const char *WideText<2>::name() { return "UTF-16"; }
const char *WideText<4>::name() { return "UTF-32"; }
