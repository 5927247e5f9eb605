#include "features/document_links.h"

namespace dalec::lsp {

namespace {
void collect(const FeatureContext& context, const yaml::Node* node, std::vector<DocumentLink>& out) {
  if (!node || node->isAlias()) return;
  if (node->isScalar() && !node->isNull) {
    const std::string& v = node->value;
    const bool url = v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0;
    // A URL with an unresolved ${ARG} is not a link yet.
    if (url && v.find_first_of(" \n${}") == std::string::npos) {
      ByteRange r = node->range;
      if (node->style == yaml::ScalarStyle::DoubleQuoted || node->style == yaml::ScalarStyle::SingleQuoted) r = {r.begin + 1, r.end - 1};
      out.push_back({context.toRange(r), v});
    }
    return;
  }
  for (const yaml::Pair& pair : node->pairs) collect(context, pair.value, out);
  for (const yaml::Node* item : node->items) collect(context, item, out);
}
}  // namespace

std::vector<DocumentLink> documentLinks(const FeatureContext& context) {
  std::vector<DocumentLink> out;
  if (context.model()) collect(context, context.model()->document->root(), out);
  return out;
}

}  // namespace dalec::lsp
