#include "features/structure.h"

#include <algorithm>

namespace dalec::lsp {

namespace {

using yaml::Node;

void fold(const FeatureContext& context, const Node* node, std::size_t foldStart, std::vector<FoldingRange>& out) {
  if (!node || node->isAlias()) return;
  const int startLine = static_cast<int>(context.lines().lineOf(foldStart));
  const int endLine = static_cast<int>(context.lines().lineOf(node->range.end));
  const bool foldable = node->isMapping() || node->isSequence() ||
                        (node->isScalar() && (node->style == yaml::ScalarStyle::Literal || node->style == yaml::ScalarStyle::Folded));
  if (foldable && endLine > startLine) out.push_back({startLine, endLine});
  for (const yaml::Pair& pair : node->pairs)
    if (pair.key && pair.value) fold(context, pair.value, pair.key->range.begin, out);
  for (const Node* item : node->items) fold(context, item, item->range.begin, out);
}

// Ranges around `offset`, innermost first: the scalar, its key/value pair, the mapping, ...
void enclosing(const Node* node, std::size_t offset, std::vector<ByteRange>& chain) {
  if (!node || node->isAlias()) return;
  auto inside = [&](ByteRange r) { return r.begin <= offset && offset <= r.end; };
  if (!inside(node->range)) return;
  chain.push_back(node->range);
  for (const yaml::Pair& pair : node->pairs) {
    if (!pair.key) continue;
    ByteRange whole{pair.key->range.begin, std::max(pair.key->range.end, pair.value ? pair.value->range.end : 0)};
    if (!inside(whole)) continue;
    chain.push_back(whole);
    if (inside(pair.key->range)) chain.push_back(pair.key->range);
    else enclosing(pair.value, offset, chain);
    return;
  }
  for (const Node* item : node->items)
    if (item && inside(item->range)) return enclosing(item, offset, chain);
}

}  // namespace

std::vector<FoldingRange> foldingRanges(const FeatureContext& context) {
  std::vector<FoldingRange> out;
  if (!context.model() || !context.model()->document->root()) return out;
  const Node* root = context.model()->document->root();
  for (const yaml::Pair& pair : root->pairs)
    if (pair.key && pair.value) fold(context, pair.value, pair.key->range.begin, out);
  std::sort(out.begin(), out.end(), [](const FoldingRange& a, const FoldingRange& b) { return a.startLine < b.startLine; });
  return out;
}

std::vector<SelectionRange> selectionRanges(const FeatureContext& context, const std::vector<Position>& positions) {
  std::vector<SelectionRange> out;
  for (const Position& position : positions) {
    const std::size_t offset = context.model() ? context.toOffset(position) : 0;
    std::vector<ByteRange> chain;
    if (context.model()) enclosing(context.model()->document->root(), offset, chain);
    chain.erase(std::unique(chain.begin(), chain.end()), chain.end());
    SelectionRange selection;
    if (chain.empty()) {
      selection.range = {position, position};
    } else {
      selection.range = context.toRange(chain.back());
      for (auto it = chain.rbegin() + 1; it != chain.rend(); ++it) selection.parents.push_back(context.toRange(*it));
    }
    out.push_back(std::move(selection));
  }
  return out;
}

}  // namespace dalec::lsp
