#include "render.h"

#include "words.h"

namespace render {

std::string list(const std::string &text) {
  std::string out;
  for (const std::string &w : core::split(text, ' ')) out += "- " + w + "\n";
  return out;
}

// No tool calls it, but librender.so exports it: public API, alive.
std::string html(const std::string &text) { return "<p>" + text + "</p>"; }

// Not declared in render.h: not API, and nothing calls it.
std::string debugDump(const std::string &text) { return "[" + text + "]"; }  // deadwood: dead

}  // namespace render
