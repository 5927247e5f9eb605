#include "features/hover.h"

#include "spec/arg_values.h"

#include "schema/field_docs.h"
#include "spec/field_at.h"
#include "spec/symbols.h"
#include "spec/target_catalog.h"
#include "yaml/mapping_view.h"

namespace dalec::lsp {

namespace {

std::string scalarText(const yaml::Node* node) {
  const yaml::Node* target = node ? node->resolved() : nullptr;
  return target && target->isScalar() && !target->isNull ? target->value : "";
}

std::string describeSource(const spec::SourceDecl& source) {
  std::string text = "**source `" + source.name + "`** (" + spec::sourceKindName(source.kind) + ", a " +
                     (source.isFile() ? "file" : "directory") + ")";
  const yaml::Node* node = source.node;
  switch (source.kind) {
    case spec::SourceKind::Git:
      text += "\n\n`" + scalarText(yaml::lookup(yaml::lookup(node, "git"), "url")) + "` at `" +
              scalarText(yaml::lookup(yaml::lookup(node, "git"), "commit")) + "`";
      break;
    case spec::SourceKind::Http: text += "\n\n`" + scalarText(yaml::lookup(yaml::lookup(node, "http"), "url")) + "`"; break;
    case spec::SourceKind::Image: text += "\n\n`" + scalarText(yaml::lookup(yaml::lookup(node, "image"), "ref")) + "`"; break;
    case spec::SourceKind::Context: {
      std::string name = scalarText(yaml::lookup(yaml::lookup(node, "context"), "name"));
      text += "\n\nbuild context `" + (name.empty() ? std::string("context") : name) + "`";
      break;
    }
    default: break;
  }
  return text;
}

std::string describeArg(const FeatureContext& context, const spec::ArgDecl& arg) {
  std::string text = "**arg `" + arg.name + "`**";
  if (spec::isPlatformArg(arg.name)) text += " (filled in by Dalec from the build platform)";
  text += arg.hasDefault() ? "\n\ndefault: `" + scalarText(arg.value) + "`" : "\n\nno default";
  // The value it takes where it is used, as the inlay hint shows it, when that is not the default.
  if (auto value = spec::argValue(*context.model(), arg.name, context.args)) {
    using From = spec::ArgValue::From;
    if (value->from == From::BuildArg) text += "\n\nvalue: `" + value->text + "` (a build arg in the settings)";
    if (value->from == From::Platform)
      text += "\n\nvalue: `" + value->text + "` (for " + (context.args.platform.empty() ? spec::hostPlatform() : context.args.platform) + ")";
  }
  text += "\n\ndeclared on line " + std::to_string(context.lines().toRune(arg.key->range.begin).line);
  return text;
}

}  // namespace

std::optional<Hover> hoverAt(const FeatureContext& context, Position position) {
  const spec::SpecModel* model = context.model();
  if (!model) return std::nullopt;
  const std::size_t offset = context.toOffset(position);

  // ${NAME}: declared or not.
  for (const spec::ArgRef& ref : model->argRefs) {
    if (ref.range.begin > offset || offset > ref.range.end) continue;
    if (const spec::ArgDecl* arg = model->findArg(ref.name)) return Hover{describeArg(context, *arg), context.toRange(ref.range)};
    std::string text = "**`" + ref.name + "`** is not declared under `args`";
    if (!ref.expandedByDalec) text = "**`" + ref.name + "`**: Dalec does not substitute args here; the value comes from the environment at run time";
    return Hover{text, context.toRange(ref.range)};
  }
  if (auto symbol = spec::symbolAt(*model, offset)) {
    if (symbol->kind == spec::SymbolKind::Source) {
      if (const spec::SourceDecl* source = model->findSource(symbol->name); source)
        return Hover{describeSource(*source), context.toRange(symbol->range)};
    }
    if (symbol->kind == spec::SymbolKind::Target) {
      const spec::PackageKind kind = spec::packageKindOf(symbol->name);
      static const char* names[] = {"rpm packages", "deb packages", "a system extension", "Windows binaries", ""};
      std::string text = "**target `" + symbol->name + "`**";
      if (kind != spec::PackageKind::Unknown) text += ": builds " + std::string(names[static_cast<int>(kind)]);
      return Hover{text, context.toRange(symbol->range)};
    }
  }
  if (auto field = spec::fieldAt(*model, offset)) {
    std::string text = "**`" + field->field->name + "`**: " + schema::describeShape(*field->field->type);
    if (field->field->required) text += " (required)";
    const std::string_view doc = schema::fieldDoc(*field->owner, *field->field);
    if (!doc.empty()) text += "\n\n" + std::string(doc);
    return Hover{text, context.toRange(field->key->range)};
  }
  if (auto symbol = spec::symbolAt(*model, offset); symbol && symbol->kind == spec::SymbolKind::Arg)
    if (const spec::ArgDecl* arg = model->findArg(symbol->name)) return Hover{describeArg(context, *arg), context.toRange(symbol->range)};
  return std::nullopt;
}

}  // namespace dalec::lsp
