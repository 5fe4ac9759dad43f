#pragma once
#include <string>

namespace render {

std::string list(const std::string &text);
std::string html(const std::string &text);

}  // namespace render
