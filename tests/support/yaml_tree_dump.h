#pragma once
// Everything a reader of a YAML tree can see, as text: two trees are the same tree when their
// dumps are equal. The incremental re-parse's tests compare it with a whole parse, and the
// spec_edits fuzzer compares the same fields without the text (sameYamlTree). (Header-only: the
// fuzz targets do not link the gtest-based support library.)
#include <sstream>
#include <string>

#include "yaml/node.h"

namespace dalec::testing {

inline void dumpYamlNode(const yaml::Node* node, const yaml::Node* parent, int depth, std::ostringstream& out) {
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ');
  if (!node) {
    out << "(none)\n";
    return;
  }
  out << static_cast<int>(node->kind) << " [" << node->range.begin << "," << node->range.end << ") style "
      << static_cast<int>(node->style) << (node->isNull ? " null" : "") << (node->flow ? " flow" : "") << (node->mergeKeys ? " merges" : "") << " tag '"
      << node->tag() << "' anchor '" << node->anchor() << "' value '" << node->value << "'";
  if (node->isAlias()) out << " alias '" << node->aliasName() << "' to " << (node->target ? node->target->range.begin : 0);
  if (node->parent != parent) out << " WRONG PARENT";
  out << "\n";
  for (const yaml::Pair& pair : node->pairs) {
    dumpYamlNode(pair.key, node, depth + 1, out);
    dumpYamlNode(pair.value, node, depth + 2, out);
  }
  for (const yaml::Node* item : node->items) dumpYamlNode(item, node, depth + 1, out);
}

inline std::string dumpYamlTree(const yaml::Document& doc) {
  std::ostringstream out;
  dumpYamlNode(doc.root(), nullptr, 0, out);
  for (const yaml::DuplicateKey& dup : doc.duplicates())
    out << "duplicate " << dup.key->range.begin << " first " << dup.first->range.begin << "\n";
  for (const yaml::SyntaxError& error : doc.errors())
    out << "error [" << error.range.begin << "," << error.range.end << ") " << error.message << "\n";
  for (const yaml::UnknownAlias& alias : doc.unknownAliases()) out << "unknown alias " << alias.alias->range.begin << "\n";
  return out.str();
}

// Whether the dumps of the two trees would be equal, without writing them.
inline bool sameYamlNode(const yaml::Node* a, const yaml::Node* aParent, const yaml::Node* b, const yaml::Node* bParent) {
  if (!a || !b) return !a && !b;
  const bool same = a->kind == b->kind && a->range == b->range && a->style == b->style && a->isNull == b->isNull &&
                    a->flow == b->flow && a->mergeKeys == b->mergeKeys && a->tag() == b->tag() && a->anchor() == b->anchor() &&
                    a->value == b->value && (a->parent == aParent) == (b->parent == bParent) &&
                    a->pairs.size() == b->pairs.size() && a->items.size() == b->items.size();
  if (!same) return false;
  if (a->isAlias()) {
    const std::size_t aTarget = a->target ? a->target->range.begin : 0, bTarget = b->target ? b->target->range.begin : 0;
    if (a->aliasName() != b->aliasName() || aTarget != bTarget) return false;
  }
  for (std::size_t i = 0; i < a->pairs.size(); ++i) {
    if (!sameYamlNode(a->pairs[i].key, a, b->pairs[i].key, b) || !sameYamlNode(a->pairs[i].value, a, b->pairs[i].value, b))
      return false;
  }
  for (std::size_t i = 0; i < a->items.size(); ++i)
    if (!sameYamlNode(a->items[i], a, b->items[i], b)) return false;
  return true;
}

inline bool sameYamlTree(const yaml::Document& a, const yaml::Document& b) {
  if (!sameYamlNode(a.root(), nullptr, b.root(), nullptr) || a.duplicates().size() != b.duplicates().size() ||
      a.errors().size() != b.errors().size() || a.unknownAliases().size() != b.unknownAliases().size())
    return false;
  for (std::size_t i = 0; i < a.duplicates().size(); ++i) {
    if (a.duplicates()[i].key->range.begin != b.duplicates()[i].key->range.begin ||
        a.duplicates()[i].first->range.begin != b.duplicates()[i].first->range.begin)
      return false;
  }
  for (std::size_t i = 0; i < a.errors().size(); ++i)
    if (a.errors()[i].range != b.errors()[i].range || a.errors()[i].message != b.errors()[i].message) return false;
  for (std::size_t i = 0; i < a.unknownAliases().size(); ++i)
    if (a.unknownAliases()[i].alias->range.begin != b.unknownAliases()[i].alias->range.begin) return false;
  return true;
}

}  // namespace dalec::testing
