// libfyaml before 0.8 (Debian 12 has 0.7.12) recycles one simple key twice when a mapping value
// indicator inside a pending complex key is followed by blanks with a tab and then a block
// indicator (`? s:<tab>-`): fy_fetch_value recycles the key, then fails the tab check and recycles
// it again on its error path. The parse itself ends correctly ("cannot use tab for indentation of
// block entry", at the tab), but fy_parser_destroy then walks the corrupted recycling list and
// crashes: typing `? s:<tab>-` into a spec would kill the language server. Upstream fixed it in
// commit 0bb4406 ("Fix double free in case of a bad key", 2022-09, released in 0.8).
//
// There is no safe way to end such a parser, and none to tell from outside whether the key was
// recycled twice, so a parser whose parse ended with that error right after a ':' is kept, not
// destroyed: about 3.4 KB, only for text with this error. It stays reachable (a leak checker does
// not report it); the text it points at may be gone, but it is never used again.
#include "yaml/parser_release.h"

#include <libfyaml.h>

#include <cstdio>
#include <mutex>
#include <vector>

namespace dalec::yaml {

namespace {

bool hasDoubleRecycleDefect() {
  static const bool affected = [] {
    int major = 0, minor = 0;
    const char* version = fy_library_version();
    if (!version || std::sscanf(version, "%d.%d", &major, &minor) != 2) return true;  // unknown: assume the worst
    return major == 0 && minor < 8;
  }();
  return affected;
}

// The error fy_fetch_value's tab check reports, at the tab, with only blanks back to the ':'.
bool endedInTheDefect(const ParseFailure& failure, std::string_view working) {
  if (failure.message != "cannot use tab for indentation of block entry" || failure.offset > working.size()) return false;
  std::size_t at = failure.offset;
  while (at > 0 && (working[at - 1] == ' ' || working[at - 1] == '\t')) --at;
  return at > 0 && working[at - 1] == ':';
}

struct KeptParsers {
  std::mutex mutex;
  std::vector<struct fy_parser*> parsers;
};

KeptParsers& kept() {
  static KeptParsers* all = new KeptParsers;  // never destroyed, so what it holds stays reachable
  return *all;
}

}  // namespace

void releaseParser(struct fy_parser* parser, const std::optional<ParseFailure>& failure, std::string_view working) {
  if (failure && hasDoubleRecycleDefect() && endedInTheDefect(*failure, working)) {
    std::lock_guard<std::mutex> lock(kept().mutex);
    kept().parsers.push_back(parser);
    return;
  }
  fy_parser_destroy(parser);
}

std::size_t keptParsers() {
  std::lock_guard<std::mutex> lock(kept().mutex);
  return kept().parsers.size();
}

}  // namespace dalec::yaml
