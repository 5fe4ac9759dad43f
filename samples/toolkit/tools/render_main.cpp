#include "render.h"

#include <cstdio>

int main() { std::printf("%s", render::list("x y").c_str()); }
