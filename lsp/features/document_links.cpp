#include "features/document_links.h"

#include <filesystem>
#include <optional>

#include "protocol/file_uri.h"
#include "yaml/mapping_view.h"

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

namespace {

std::optional<std::filesystem::path> directoryOf(const std::string& uri) {
  const auto path = pathOfFileUri(uri);
  if (!path) return std::nullopt;
  return std::filesystem::path(*path).parent_path();
}

// Local paths a spec names relative to its build context, which by convention is the spec's
// directory: a context source's `path`, a build source's `dockerfile_path`. Linked only when the
// file or directory is there.
void localLinks(const FeatureContext& context, std::vector<DocumentLink>& out) {
  auto dir = directoryOf(context.uri);
  if (!dir) return;
  auto link = [&](const yaml::Node* value) {
    const yaml::Node* target = value ? value->resolved() : nullptr;
    if (!target || !target->isScalar() || target->isNull || target->value.find('$') != std::string::npos) return;
    std::error_code error;
    const std::filesystem::path path = (*dir / target->value).lexically_normal();
    if (!std::filesystem::exists(path, error)) return;
    ByteRange r = target->range;
    if (target->style == yaml::ScalarStyle::DoubleQuoted || target->style == yaml::ScalarStyle::SingleQuoted) r = {r.begin + 1, r.end - 1};
    out.push_back({context.toRange(r), "file://" + path.string()});
  };
  for (const spec::SourceDecl& source : context.model()->sources) {
    if (source.kind == spec::SourceKind::Context) link(yaml::lookup(source.node, "path"));
    if (source.kind == spec::SourceKind::Build) link(yaml::lookup(yaml::lookup(source.node, "build"), "dockerfile_path"));
  }
}

}  // namespace

std::vector<DocumentLink> documentLinks(const FeatureContext& context) {
  std::vector<DocumentLink> out;
  if (!context.model()) return out;
  collect(context, context.model()->document->root(), out);
  localLinks(context, out);
  return out;
}

}  // namespace dalec::lsp
