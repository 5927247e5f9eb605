#pragma once
// Reading a mapping the way Dalec's decoder does: aliases resolved, and keys brought in by
// `<<: *anchor` merge keys added after the mapping's own keys (own keys win).
#include <string_view>
#include <vector>

#include "yaml/node.h"

namespace dalec::yaml {

struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;  // as written: may be an alias
  bool merged = false;          // came from a `<<` merge
};

// Entries of a mapping node (after resolving aliases); empty for anything else.
std::vector<Entry> entries(const Node* node);
// The value of `key`, or null when absent.
const Node* lookup(const Node* mapping, std::string_view key);
const Entry* findEntry(const std::vector<Entry>& entries, std::string_view key);

}  // namespace dalec::yaml
