// libfyaml before 0.8 (Debian 12 has 0.7.12) recycles one simple key twice when a mapping value
// indicator inside a pending complex key is followed by blanks with a tab and then a block
// indicator (`? s:<tab>-`): fy_fetch_value recycles the key, then fails the tab check and recycles
// it again on its error path. The parse itself ends correctly ("cannot use tab for indentation of
// block entry", at the tab), but the key is then twice in the parser's recycling list, and
// fy_parser_destroy crashed walking it: typing `? s:<tab>-` into a spec killed the language server.
// Upstream fixed it in commit 0bb4406 ("Fix double free in case of a bad key", released in 0.8).
//
// The second recycle is caught where it happens. libfyaml exports fy_parse_simple_key_recycle and
// its fy_fetch_value calls it through the PLT, so the definition below, in the program, is the one
// it calls; it passes every call on to libfyaml's own, except a key that is already in a list.
// Every other recycle in 0.7.12 takes a key just removed from its list, and removing a key (like
// allocating one) leaves its list links pointing at itself. tests/unit/yaml_simple_key_recycle_test
// holds the guard to catching the defect's texts, and fails if the library stops calling it.
// (The workaround before this one kept such parsers alive instead of destroying them: memory that
// was never freed, which libFuzzer answered with a whole-heap leak check after each such input.)
#include "yaml/simple_key_recycle.h"

#include <dlfcn.h>
#include <libfyaml.h>

#include <atomic>
#include <cstdio>

namespace dalec::yaml {

namespace {

std::atomic<std::size_t> caught{0};

// The first member of 0.7.12's struct fy_simple_key: its links in the list it is on.
struct ListLinks {
  ListLinks* next;
  ListLinks* prev;
};

bool alreadyInAList(const void* key) {
  const auto* links = static_cast<const ListLinks*>(key);
  return links->next != links;
}

}  // namespace

bool libraryRecyclesSimpleKeysTwice() {
  static const bool affected = [] {
    int major = 0, minor = 0;
    const char* version = fy_library_version();
    if (!version || std::sscanf(version, "%d.%d", &major, &minor) != 2) return false;  // unknown: do not touch its structs
    return major == 0 && minor < 8;
  }();
  return affected;
}

std::size_t secondRecyclesCaught() { return caught.load(); }

}  // namespace dalec::yaml

extern "C" void fy_parse_simple_key_recycle(struct fy_parser* parser, void* key) {
  using Recycle = void (*)(struct fy_parser*, void*);
  static const auto libraryRecycle = reinterpret_cast<Recycle>(dlsym(RTLD_NEXT, "fy_parse_simple_key_recycle"));
  if (key && dalec::yaml::libraryRecyclesSimpleKeysTwice() && dalec::yaml::alreadyInAList(key)) {
    dalec::yaml::caught.fetch_add(1);
    return;
  }
  if (libraryRecycle) libraryRecycle(parser, key);
}
