#include "spec/spec_model.h"

#include "spec/schema_walk.h"
#include "yaml/mapping_view.h"
#include "yaml/scalar_dialect.h"

namespace dalec::spec {

const char* sourceKindName(SourceKind kind) {
  switch (kind) {
    case SourceKind::Git: return "git";
    case SourceKind::Http: return "http";
    case SourceKind::Context: return "context";
    case SourceKind::Build: return "build";
    case SourceKind::InlineFile: return "inline file";
    case SourceKind::InlineDir: return "inline directory";
    case SourceKind::Inline: return "inline";
    case SourceKind::Image: return "image";
    case SourceKind::None: break;
  }
  return "unknown";
}

const ArgDecl* SpecModel::findArg(std::string_view name) const {
  auto it = argIndex.find(name);
  return it == argIndex.end() ? nullptr : &args[it->second];
}
const SourceDecl* SpecModel::findSource(std::string_view name) const {
  auto it = sourceIndex.find(name);
  return it == sourceIndex.end() ? nullptr : &sources[it->second];
}
const TargetDecl* SpecModel::findTarget(std::string_view key) const {
  for (const TargetDecl& t : targets)
    if (t.key == key) return &t;
  return nullptr;
}
bool TargetDecl::overridesKey(std::string_view field) const {
  for (const Node* k : overrides)
    if (k->value == field) return true;
  return false;
}

std::vector<std::string> SpecModel::argNames() const {
  std::vector<std::string> names;
  for (const ArgDecl& a : args) names.push_back(a.name);
  return names;
}
std::vector<std::string> SpecModel::sourceNames() const {
  std::vector<std::string> names;
  for (const SourceDecl& s : sources) names.push_back(s.name);
  return names;
}

namespace {

std::vector<std::string> keysOf(const Node* mapping) {
  std::vector<std::string> names;
  for (const yaml::Entry& e : yaml::entries(mapping))
    if (e.key->isScalar()) names.push_back(e.key->value);
  return names;
}

SourceDecl readSource(const yaml::Entry& entry) {
  SourceDecl source;
  source.name = entry.key->value;
  source.key = entry.key;
  source.node = entry.value ? entry.value->resolved() : nullptr;
  static const std::pair<const char*, SourceKind> kinds[] = {
      {"git", SourceKind::Git},     {"http", SourceKind::Http},     {"context", SourceKind::Context},
      {"build", SourceKind::Build}, {"inline", SourceKind::Inline}, {"image", SourceKind::Image}};
  for (const yaml::Entry& field : yaml::entries(source.node)) {
    for (const auto& [name, kind] : kinds) {
      if (field.key->value != name) continue;
      source.kindKeys.push_back(field.key);
      source.kind = kind;
      if (kind == SourceKind::Inline) {
        if (yaml::lookup(field.value, "file")) source.kind = SourceKind::InlineFile;
        else if (yaml::lookup(field.value, "dir")) source.kind = SourceKind::InlineDir;
      }
    }
  }
  if (source.kindKeys.size() != 1) source.kind = SourceKind::None;
  return source;
}

StepDecl readStep(const Node* node) {
  StepDecl step;
  step.node = node ? node->resolved() : nullptr;
  step.command = yaml::lookup(step.node, "command");
  step.envNames = keysOf(yaml::lookup(step.node, "env"));
  return step;
}

void readTests(const Node* list, const std::string& targetKey, std::vector<TestDecl>& out) {
  const Node* tests = list ? list->resolved() : nullptr;
  if (!tests || !tests->isSequence()) return;
  for (const Node* item : tests->items) {
    TestDecl test;
    test.node = item->resolved();
    if (!test.node || !test.node->isMapping()) continue;
    test.targetKey = targetKey;
    test.name = yaml::lookup(test.node, "name");
    test.envNames = keysOf(yaml::lookup(test.node, "env"));
    if (const Node* steps = yaml::lookup(test.node, "steps"); steps && steps->resolved() && steps->resolved()->isSequence())
      for (const Node* step : steps->resolved()->items) test.steps.push_back(readStep(step));
    for (const yaml::Entry& file : yaml::entries(yaml::lookup(test.node, "files")))
      test.files.push_back({file.key, file.value});
    out.push_back(std::move(test));
  }
}

// Collects ${...} references from the fields that expand them and from commands, and the values of
// file-mode fields: one walk of the spec for both.
class ArgRefCollector : public SchemaVisitor {
 public:
  ArgRefCollector(const yaml::Document& doc, SpecModel& model)
      : doc_(doc), out_(model.argRefs), modes_(model.modes), expanded_(model.expandedScalars) {}

  void onField(const Node& mapping, const Node&, const Node& value, const schema::TypeDef&,
               const schema::FieldDef& field) override {
    if (field.name == "permissions" || field.name == "mode") {
      // `mode` is also a cache's sharing mode ("shared"): only integers are file modes.
      const Node* scalar = value.resolved();
      if (scalar && scalar->isScalar() && yaml::intValue(*scalar)) modes_.push_back(scalar);
    }
    if (field.expands == schema::ArgExpansion::None && field.command == schema::CommandKind::None) return;
    const Node* target = value.resolved();
    if (!target) return;
    auto scan = [&](const Node* scalar) {
      if (!scalar || !scalar->isScalar() || scalar->isNull) return;
      if (field.expands != schema::ArgExpansion::None) expanded_.push_back(scalar);
      for (ArgToken& token : scanArgTokens(doc_.slice(scalar->range), scalar->range.begin)) {
        ArgRef ref;
        static_cast<ArgToken&>(ref) = std::move(token);
        ref.scalar = scalar;
        ref.field = &field;
        ref.expandedByDalec = field.expands != schema::ArgExpansion::None;
        ref.command = field.command;
        ref.owner = &mapping;
        out_.push_back(std::move(ref));
      }
    };
    switch (field.expands) {
      case schema::ArgExpansion::Items:
        if (target->isSequence())
          for (const Node* item : target->items) scan(item->resolved());
        break;
      case schema::ArgExpansion::MapValues:
        for (const yaml::Entry& e : yaml::entries(target)) scan(e.value ? e.value->resolved() : nullptr);
        break;
      case schema::ArgExpansion::MapKeys:
        for (const yaml::Entry& e : yaml::entries(target)) scan(e.key);
        break;
      default: scan(target); break;
    }
  }

 private:
  const yaml::Document& doc_;
  std::vector<ArgRef>& out_;
  std::vector<const Node*>& modes_;
  std::vector<const Node*>& expanded_;
};

}  // namespace

std::shared_ptr<const SpecModel> buildModel(std::shared_ptr<const yaml::Document> document) {
  auto model = std::make_shared<SpecModel>();
  model->document = document;
  const Node* root = document->root() ? document->root()->resolved() : nullptr;
  if (!root || !root->isMapping()) return model;
  model->root = root;

  for (const yaml::Entry& e : yaml::entries(yaml::lookup(root, "args")))
    if (e.key->isScalar()) model->args.push_back({e.key->value, e.key, e.value});

  for (const yaml::Entry& e : yaml::entries(yaml::lookup(root, "sources")))
    if (e.key->isScalar()) model->sources.push_back(readSource(e));
  for (std::size_t i = 0; i < model->args.size(); ++i) model->argIndex.emplace(model->args[i].name, i);
  for (std::size_t i = 0; i < model->sources.size(); ++i) model->sourceIndex.emplace(model->sources[i].name, i);

  for (const yaml::Entry& e : yaml::entries(yaml::lookup(root, "patches"))) {
    PatchSet set;
    set.target = e.key->value;
    set.key = e.key;
    const Node* list = e.value ? e.value->resolved() : nullptr;
    if (list && list->isSequence()) {
      for (const Node* item : list->items) {
        const Node* entry = item->resolved();
        set.entries.push_back({entry, yaml::lookup(entry, "source"), yaml::lookup(entry, "path")});
      }
    }
    model->patches.push_back(std::move(set));
  }

  const Node* build = yaml::lookup(root, "build");
  model->buildEnvNames = keysOf(yaml::lookup(build, "env"));
  if (const Node* steps = yaml::lookup(build, "steps"); steps && steps->resolved() && steps->resolved()->isSequence())
    for (const Node* step : steps->resolved()->items) model->buildSteps.push_back(readStep(step));

  readTests(yaml::lookup(root, "tests"), "", model->tests);
  for (const yaml::Entry& e : yaml::entries(yaml::lookup(root, "targets"))) {
    TargetDecl target;
    target.key = e.key->value;
    target.keyNode = e.key;
    target.node = e.value ? e.value->resolved() : nullptr;
    const Node* frontend = yaml::lookup(target.node, "frontend");
    const Node* image = yaml::lookup(frontend, "image");
    target.forwardsToFrontend = image && image->resolved() && !image->resolved()->isNull;
    for (const yaml::Entry& field : yaml::entries(target.node)) target.overrides.push_back(field.key);
    readTests(yaml::lookup(target.node, "tests"), target.key, model->tests);
    model->targets.push_back(std::move(target));
  }

  ArgRefCollector collector(*document, *model);
  walkSpec(root, collector);
  return model;
}

}  // namespace dalec::spec
