#pragma once
// Our description of the Dalec spec's types: which keys each mapping takes, the shape of their
// values, which are required, and which expand ${ARG} references. Where Dalec's published JSON
// schema disagrees with what Dalec's code accepts (x- keys, changelog dates, symlink path/paths,
// integer env values, list-form dependencies, cache and systemd fields), this follows the code.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dalec::schema {

enum class Shape {
  String,  // any scalar: goccy turns numbers and booleans into their text for string fields
  Int,     // an integer literal in goccy's syntax (0755 and 0o755 are octal)
  Bool,    // true/false only
  Date,    // a string of the form YYYY-MM-DD
  Object,  // a mapping with a fixed set of keys
  Map,     // a mapping from user-chosen keys to `element`
  List,    // a sequence of `element`
  Any,     // anything (extension keys, image volumes)
};

// Which part of a field's value Dalec substitutes build args into.
enum class ArgExpansion { None, Value, Items, MapValues, MapKeys };

// How a command string is run: build steps through a shell, test steps as an argv without one.
enum class CommandKind { None, Shell, Argv };

struct TypeDef;

struct FieldDef {
  std::string name;
  std::string typeId;
  const TypeDef* type = nullptr;
  bool required = false;
  ArgExpansion expands = ArgExpansion::None;
  CommandKind command = CommandKind::None;
};

struct TypeDef {
  std::string id;    // e.g. "TestSpec", "map:Source", "list:string"
  std::string noun;  // used in messages: unknown key "x" in <noun>
  Shape shape = Shape::Any;
  std::vector<FieldDef> fields;
  std::string elementId;
  const TypeDef* element = nullptr;
  std::vector<std::string> enumValues;
  // Groups of keys of which exactly one must be present (a source's kind, a cache's kind).
  std::vector<std::vector<std::string>> exactlyOneOf;
  // A PackageDependencyList may also be written as a plain list of package names.
  bool acceptsNameList = false;

  const FieldDef* field(std::string_view name) const;
  bool isLeaf() const { return shape != Shape::Object && shape != Shape::Map && shape != Shape::List; }
};

// The root type: a whole spec.
const TypeDef& specType();
const TypeDef* typeById(std::string_view id);
// Every type in the schema, for tests and tooling.
std::vector<const TypeDef*> allTypes();

// Keys of a top-level mapping that Dalec ignores as extensions (where anchors usually live).
bool isExtensionKey(std::string_view key);

}  // namespace dalec::schema
