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

Entries entries(const Node* node) {
  const Node* mapping = node ? node->resolved() : nullptr;
  if (!mapping || !mapping->isMapping()) return Entries();
  if (!mapping->mergeKeys) return Entries(mapping->pairs);
  std::vector<Entry> gathered;
  collect(mapping, gathered, false, 0);
  return Entries(std::move(gathered));
}

std::optional<Entry> findEntry(const Entries& list, std::string_view key) {
  for (const Entry entry : list)
    if (entry.key->isScalar() && entry.key->value == key) return entry;
  return std::nullopt;
}

const Node* lookup(const Node* mapping, std::string_view key) {
  if (!mapping) return nullptr;
  const Node* target = mapping->resolved();
  if (!target || !target->isMapping()) return nullptr;
  for (const Pair& pair : target->pairs)
    if (pair.key && pair.key->isScalar() && pair.key->value == key) return pair.value;
  // Only a merge (<<) can bring the key from elsewhere; most mappings have none.
  if (!target->mergeKeys) return nullptr;
  const std::optional<Entry> entry = findEntry(entries(target), key);
  return entry ? entry->value : nullptr;
}

}  // namespace dalec::yaml
