#include "meta.h"
#include "render.h"

#include <cstdio>

int main() { std::printf("%s%d\n", render::list("x y").c_str(), meta::version()); }
