#include "render.h"

#include "words.h"

namespace render {

std::string list(const std::string &text) {
  std::string out;
  for (const std::string &w : core::split(text, ' ')) out += "- " + w + "\n";
  return out;
}

std::string html(const std::string &text) { return "<p>" + text + "</p>"; }  // deadwood: dead

}  // namespace render
