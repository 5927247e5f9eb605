#pragma once
// Everything a reader of a YAML tree can see, as text: two trees are the same tree when their
// dumps are equal. The incremental re-parse's tests and the spec_edits fuzzer compare it with a
// whole parse. (Header-only: the fuzz targets do not link the gtest-based support library.)
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
      << node->tag << "' anchor '" << node->anchor << "' value '" << node->value << "'";
  if (node->isAlias()) out << " alias '" << node->aliasName << "' to " << (node->target ? node->target->range.begin : 0);
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

}  // namespace dalec::testing
