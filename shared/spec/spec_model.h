#pragma once
// The typed view of a spec that analyses, navigation and (later) the LLB mapping read. It points
// into the YAML tree, so every part keeps its exact range; build it once per document version.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "spec/arg_references.h"
#include "yaml/node.h"

namespace dalec::spec {

using yaml::Node;

struct ArgDecl {
  std::string name;
  const Node* key = nullptr;
  const Node* value = nullptr;  // null node when declared without a default
  // An alias to an anchor that is not defined resolves to nothing: no default then either.
  const Node* defaultNode() const {
    const Node* node = value ? value->resolved() : nullptr;
    return node && !node->isNull ? node : nullptr;
  }
  bool hasDefault() const { return defaultNode() != nullptr; }
  std::string defaultText() const { return hasDefault() ? defaultNode()->value : ""; }
};

enum class SourceKind { None, Git, Http, Context, Build, InlineFile, InlineDir, Inline, Image };
const char* sourceKindName(SourceKind kind);

struct SourceDecl {
  std::string name;
  const Node* key = nullptr;
  const Node* node = nullptr;         // the source mapping (resolved)
  std::vector<const Node*> kindKeys;  // every kind key present: exactly one is valid
  SourceKind kind = SourceKind::None;
  // http and inline files produce a single file; the other kinds produce a directory.
  bool isFile() const { return kind == SourceKind::Http || kind == SourceKind::InlineFile; }
};

struct PatchEntry {
  const Node* entry = nullptr;
  const Node* source = nullptr;  // the `source:` value naming the patch's source
  const Node* path = nullptr;
};

struct PatchSet {
  std::string target;  // the source being patched
  const Node* key = nullptr;
  std::vector<PatchEntry> entries;
};

struct StepDecl {
  const Node* node = nullptr;
  const Node* command = nullptr;
  std::vector<std::string> envNames;
};

struct FileCheckDecl {
  const Node* path = nullptr;   // the key
  const Node* check = nullptr;  // the value: a mapping or null
};

struct TestDecl {
  const Node* node = nullptr;
  const Node* name = nullptr;
  std::string targetKey;  // empty for tests at the root
  std::vector<std::string> envNames;
  std::vector<StepDecl> steps;
  std::vector<FileCheckDecl> files;
};

struct TargetDecl {
  std::string key;
  const Node* keyNode = nullptr;
  const Node* node = nullptr;
  bool forwardsToFrontend = false;  // has frontend.image
  // The keys this target overrides (dependencies, image, tests, ...), merged ones included.
  std::vector<const Node*> overrides;
  bool overridesKey(std::string_view field) const;
};

// A ${NAME} (or $NAME) found in a field that Dalec expands, or in a command where it does not.
struct ArgRef : ArgToken {
  const Node* scalar = nullptr;
  const schema::FieldDef* field = nullptr;
  bool expandedByDalec = false;
  schema::CommandKind command = schema::CommandKind::None;
  const Node* owner = nullptr;  // the mapping holding the field (a step, a test...)
};

struct SpecModel {
  std::shared_ptr<const yaml::Document> document;
  const Node* root = nullptr;  // the top-level mapping, or null
  std::vector<ArgDecl> args;
  std::vector<SourceDecl> sources;
  std::vector<PatchSet> patches;
  std::vector<StepDecl> buildSteps;
  std::vector<std::string> buildEnvNames;
  std::vector<TestDecl> tests;
  std::vector<TargetDecl> targets;
  std::vector<ArgRef> argRefs;
  // Integer values of file-mode fields (`permissions`, `mode`), for showing what they mean.
  std::vector<const Node*> modes;
  // Every scalar Dalec runs through BuildKit's word lexer (spec/word_expansion.h), refs or not.
  std::vector<const Node*> expandedScalars;

  const ArgDecl* findArg(std::string_view name) const;
  const SourceDecl* findSource(std::string_view name) const;
  const TargetDecl* findTarget(std::string_view key) const;
  std::vector<std::string> argNames() const;
  std::vector<std::string> sourceNames() const;

  // Name -> position in args/sources (the first of a repeated name, which is what Dalec's
  // decoder keeps). Every rule and feature looks names up once per reference; a linear search
  // made a 20k-line spec's hover and analysis quadratic. Set by buildModel.
  std::map<std::string, std::size_t, std::less<>> argIndex, sourceIndex;
};

std::shared_ptr<const SpecModel> buildModel(std::shared_ptr<const yaml::Document> document);

}  // namespace dalec::spec
