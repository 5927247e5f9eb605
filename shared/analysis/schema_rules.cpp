// Structure: unknown keys, value types, enums, required fields, one-of groups, YAML dialect traps.
#include <algorithm>
#include <cctype>

#include "analysis/analyzer.h"
#include "schema/spelling.h"
#include "spec/schema_walk.h"
#include "yaml/mapping_view.h"
#include "yaml/scalar_dialect.h"

namespace dalec::analysis {

namespace {

using schema::FieldDef;
using schema::Shape;
using schema::TypeDef;
using yaml::Node;

bool isDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

std::string listOfKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) out += i + 1 == keys.size() ? " or " : ", ";
    out += quoted(keys[i]);
  }
  return out;
}

class SchemaRules : public spec::SchemaVisitor {
 public:
  explicit SchemaRules(std::vector<Diagnostic>& out) : out_(out) {}

  void onField(const Node&, const Node& key, const Node& value, const TypeDef& owner, const FieldDef&) override {
    pendingKey_ = &key;
    pendingValue_ = value.resolved();
    pendingOwner_ = &owner;
  }

  void onMapKey(const Node&, const Node& key, const Node* value, const TypeDef&, const FieldDef*) override {
    pendingKey_ = &key;
    pendingValue_ = value ? value->resolved() : nullptr;
    pendingOwner_ = nullptr;
  }

  void onUnknownKey(const Node&, const Node& key, const TypeDef& owner) override {
    if (!key.isScalar()) {
      add(key.range, Severity::Error, "unknown-key", "keys in " + owner.noun + " must be plain names");
      return;
    }
    auto suggestion =
        schema::closestMatch(key.value, owner.fields, [](const FieldDef& f) -> std::string_view { return f.name; });
    // Dalec v0.21 decodes build steps without its strict mode (BuildStep's own UnmarshalYAML gets
    // no decode options), so it ignores an unknown key there instead of rejecting the spec: the
    // step runs without what the key was meant to say (measured with the oracle, tests/oracle).
    if (owner.id == "BuildStep") {
      add(key.range, Severity::Warning, "unknown-key",
          "unknown key " + quoted(key.value) + " in " + owner.noun + "; Dalec ignores it, so it has no effect" +
              didYouMean(suggestion),
          suggestion);
      return;
    }
    add(key.range, Severity::Error, "unknown-key",
        "unknown key " + quoted(key.value) + " in " + owner.noun + didYouMean(suggestion), suggestion);
  }

  void onExtensionKey(const Node& key, bool topLevel) override {
    if (topLevel) return;
    // Dalec decodes with x- keys allowed at every level and ignores them (measured with the
    // oracle); only its published schema keeps them to the top level.
    add(key.range, Severity::Hint, "extension-key",
        "Dalec ignores " + quoted(key.value) + " here; its published schema allows extension keys (x-...) only at the top level");
  }

  void onValue(const Node& value, const TypeDef& type, const FieldDef* field) override {
    const Node* key = (&value == pendingValue_) ? pendingKey_ : nullptr;
    const TypeDef* owner = key ? pendingOwner_ : nullptr;
    pendingKey_ = nullptr;
    pendingValue_ = nullptr;
    pendingOwner_ = nullptr;
    const std::string what = field ? quoted(field->name) : key ? quoted(key->value) : std::string("this item");
    // Where to point: the value, or its key when the value was written as nothing.
    const ByteRange where = (value.range.empty() && key) ? key->range : value.range;

    if (value.isNull) {
      if (field && field->required) {
        // Dalec checks a build step's command when it loads the spec, but not a test step's: that
        // spec loads, and the step fails when the tests run (measured with the oracle).
        if (owner && owner->id == "TestStep")
          add(where, Severity::Warning, "missing-value", what + " needs a value; Dalec loads the spec, but the step fails when the test runs");
        else
          add(where, Severity::Error, "missing-value", what + " needs a value");
      }
      return;
    }
    switch (type.shape) {
      case Shape::String:
        if (!value.isScalar()) return wrongType(where, what, "a string", value, field);
        if (!type.enumValues.empty() &&
            std::find(type.enumValues.begin(), type.enumValues.end(), value.value) == type.enumValues.end()) {
          auto suggestion = schema::closestMatch(value.value, type.enumValues);
          add(value.range, Severity::Error, "invalid-enum",
              what + " must be " + listOfKeys(type.enumValues) + ", not " + quoted(value.value) + didYouMean(suggestion),
              suggestion);
        }
        return;
      case Shape::Int: return checkInt(value, where, what, field);
      case Shape::Bool:
        if (yaml::boolValue(value)) return;
        if (value.isScalar() && value.style == yaml::ScalarStyle::Plain && yaml::isYaml11BoolWord(value.value)) {
          add(value.range, Severity::Error, "wrong-type",
              what + " takes true or false; Dalec reads " + quoted(value.value) + " as a string, not a boolean");
          return;
        }
        return wrongType(where, what, "true or false", value, field);
      case Shape::Date:
        if (!value.isScalar() || !isDate(value.value))
          add(where, Severity::Error, "wrong-type", what + " must be a date written YYYY-MM-DD");
        return;
      case Shape::Object:
        if (!value.isMapping()) return wrongType(where, what, "a mapping (" + type.noun + ")", value, field);
        checkRequired(value, type, key);
        return;
      case Shape::Map:
        if (value.isMapping()) return;
        if (value.isSequence() && type.acceptsNameList) return;
        return wrongType(where, what, "a mapping", value, field);
      case Shape::List:
        if (!value.isSequence()) return wrongType(where, what, "a list", value, field);
        return;
      case Shape::Any: return;
    }
  }

 private:
  void wrongType(ByteRange where, const std::string& what, const std::string& expected, const Node& value,
                 const FieldDef* field) {
    std::string message = what + " must be " + expected + ", not " + yaml::describeType(value);
    if (field && field->name == "equals" && value.isSequence())
      message += "; equals compares against one string (use contains for several)";
    add(where, Severity::Error, "wrong-type", message);
  }

  void checkInt(const Node& value, ByteRange where, const std::string& what, const FieldDef* field) {
    const bool isMode = field && (field->name == "permissions" || field->name == "mode");
    if (value.isScalar() && value.style == yaml::ScalarStyle::Plain && yaml::isMalformedOctal(value.value)) {
      add(value.range, Severity::Error, "invalid-permissions",
          quoted(value.value) + " is not a valid octal number (a leading 0 means octal: digits 0-7 only)");
      return;
    }
    auto number = yaml::intValue(value);
    if (!number) return wrongType(where, what, "an integer", value, field);
    if (!isMode) return;
    if (number->value < 0 || number->value > 07777) {
      add(value.range, Severity::Error, "invalid-permissions",
          quoted(value.value) + " is not a file mode (octal 0 to 0o7777)");
      return;
    }
    const bool octalDigitsOnly = std::all_of(value.value.begin(), value.value.end(), [](char c) { return c >= '0' && c <= '7'; });
    if (number->syntax == yaml::IntSyntax::Decimal && number->value > 7 && octalDigitsOnly) {
      add(value.range, Severity::Warning, "decimal-permissions",
          quoted(value.value) + " is read as a decimal number; write 0o" + value.value + " for the octal mode",
          "0o" + value.value);
    }
  }

  void checkRequired(const Node& mapping, const TypeDef& type, const Node* ownerKey) {
    const yaml::Entries present = yaml::entries(&mapping);
    // Point at the object's key when it has one ("source:"), else at its first key.
    ByteRange where = ownerKey ? ownerKey->range : (present.empty() ? mapping.range : present.front().key->range);
    for (const FieldDef& f : type.fields) {
      if (f.required && !yaml::findEntry(present, f.name))
        add(where, Severity::Error, "missing-required", type.noun + " needs " + quoted(f.name));
    }
    for (const auto& group : type.exactlyOneOf) {
      std::vector<yaml::Entry> found;
      for (const std::string& name : group)
        if (const std::optional<yaml::Entry> e = yaml::findEntry(present, name)) found.push_back(*e);
      if (found.empty()) {
        add(where, Severity::Error, "missing-required", type.noun + " needs one of " + listOfKeys(group));
      } else if (found.size() > 1) {
        std::vector<std::string> names;
        for (const yaml::Entry& e : found) names.push_back(e.key->value);
        // On each of them: the author keeps one, and Dalec's error names the first.
        for (const yaml::Entry& e : found)
          add(e.key->range, Severity::Error, "mutually-exclusive", type.noun + " takes only one of " + listOfKeys(names));
      }
    }
  }

  void add(ByteRange range, Severity severity, std::string code, std::string message,
           std::optional<std::string> replacement = std::nullopt) {
    out_.push_back({range, severity, std::move(code), std::move(message), false, std::move(replacement)});
  }

  std::vector<Diagnostic>& out_;
  const Node* pendingKey_ = nullptr;
  const Node* pendingValue_ = nullptr;
  const TypeDef* pendingOwner_ = nullptr;  // the object whose field pendingKey_ is
};

}  // namespace

void checkSchema(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  if (!model.root) return;
  SchemaRules rules(out);
  spec::walkSpec(model.root, rules);
}

}  // namespace dalec::analysis
