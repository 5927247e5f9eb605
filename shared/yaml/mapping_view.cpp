#include "yaml/mapping_view.h"

#include <algorithm>

namespace dalec::yaml {

namespace {
bool isMergeKey(const Pair& pair) {
  return pair.key && pair.key->isScalar() && pair.key->style == ScalarStyle::Plain && pair.key->value == "<<";
}

void collect(const Node* mapping, std::vector<Entry>& out, bool merged, int depth) {
  if (!mapping || !mapping->isMapping() || depth > 16) return;
  auto present = [&](const Node* key) {
    return std::any_of(out.begin(), out.end(), [&](const Entry& e) { return e.key->value == key->value; });
  };
  for (const Pair& pair : mapping->pairs) {
    if (mapping->mergeKeys && isMergeKey(pair)) continue;
    if (!pair.key || (merged && present(pair.key))) continue;
    out.push_back({pair.key, pair.value, merged});
  }
  if (!mapping->mergeKeys) return;
  for (const Pair& pair : mapping->pairs) {
    if (!isMergeKey(pair) || !pair.value) continue;
    const Node* source = pair.value->resolved();
    if (source && source->isSequence()) {
      for (const Node* item : source->items) collect(item ? item->resolved() : nullptr, out, true, depth + 1);
    } else {
      collect(source, out, true, depth + 1);
    }
  }
}
}  // namespace

std::vector<Entry> entries(const Node* node) {
  std::vector<Entry> out;
  const Node* mapping = node ? node->resolved() : nullptr;
  // One allocation for the common mapping without merge keys (this runs for every mapping walked).
  if (mapping && mapping->isMapping()) out.reserve(mapping->pairs.size());
  collect(mapping, out, false, 0);
  return out;
}

const Entry* findEntry(const std::vector<Entry>& list, std::string_view key) {
  for (const Entry& entry : list)
    if (entry.key->isScalar() && entry.key->value == key) return &entry;
  return nullptr;
}

const Node* lookup(const Node* mapping, std::string_view key) {
  if (!mapping) return nullptr;
  const Node* target = mapping->resolved();
  if (!target || !target->isMapping()) return nullptr;
  for (const Pair& pair : target->pairs)
    if (pair.key && pair.key->isScalar() && pair.key->value == key) return pair.value;
  // Only a merge (<<) can bring the key from elsewhere; most mappings have none.
  if (!target->mergeKeys) return nullptr;
  std::vector<Entry> all = entries(target);
  const Entry* entry = findEntry(all, key);
  return entry ? entry->value : nullptr;
}

}  // namespace dalec::yaml
