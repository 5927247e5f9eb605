#include "spec/target_overrides.h"

#include <algorithm>

#include "yaml/mapping_view.h"

namespace dalec::spec {

namespace {

const Node* resolvedLookup(const Node* mapping, std::string_view key) {
  const Node* value = yaml::lookup(mapping, key);
  return value ? value->resolved() : nullptr;
}

// Dalec's Go sees an empty list, map or string as "not set" (len(...) > 0, != "").
bool isEmpty(const Node* value) {
  if (!value || value->isNull) return true;
  if (value->isScalar()) return value->value.empty();
  if (value->isSequence()) return value->items.empty();
  return value->isMapping() && yaml::entries(value).empty();
}

class Notes {
 public:
  Notes(const Node* spec, std::vector<OverrideNote>& out) : spec_(spec), out_(out) {}

  // A field the target's value replaces when it is not empty, and leaves the spec's when it is.
  void replacedUnlessEmpty(const Node* key, const Node* value, const std::string& path, const Node* specValue) {
    if (isEmpty(specValue)) return;
    if (isEmpty(value)) add(key, "empty: the spec's " + path + " still applies");
    else add(key, "replaces the spec's " + path);
  }
  // A field the target's value replaces whenever it is written, even empty.
  void replaced(const Node* key, const std::string& path, const Node* specValue) {
    if (!isEmpty(specValue)) add(key, "replaces the spec's " + path);
  }
  void add(const Node* key, std::string text) { out_.push_back({key, std::move(text)}); }
  const Node* spec() const { return spec_; }

 private:
  const Node* spec_;
  std::vector<OverrideNote>& out_;
};

void dependencies(Notes& notes, const Node* target) {
  const Node* specDeps = resolvedLookup(notes.spec(), "dependencies");
  for (const yaml::Entry& e : yaml::entries(target)) {
    const std::string kind = e.key->value;
    if (kind == "build" || kind == "runtime" || kind == "recommends" || kind == "test" || kind == "extra_repos")
      notes.replacedUnlessEmpty(e.key, e.value ? e.value->resolved() : nullptr, "dependencies." + kind, resolvedLookup(specDeps, kind));
  }
}

void image(Notes& notes, const Node* target) {
  const Node* specImage = resolvedLookup(notes.spec(), "image");
  for (const yaml::Entry& e : yaml::entries(target)) {
    const std::string field = e.key->value;
    const Node* value = e.value ? e.value->resolved() : nullptr;
    const Node* specValue = resolvedLookup(specImage, field);
    if (field == "entrypoint" || field == "cmd" || field == "workdir" || field == "stop_signal" || field == "user" || field == "base")
      notes.replacedUnlessEmpty(e.key, value, "image." + field, specValue);
    else if (field == "env" && !isEmpty(specValue))
      notes.add(e.key, "added after the spec's image.env");
    else if ((field == "labels" || field == "volumes") && !isEmpty(specValue))
      notes.add(e.key, "merged with the spec's image." + field + " (the target's win)");
    else if (field == "bases" || field == "post")
      notes.replaced(e.key, "image." + field, specValue);
  }
}

}  // namespace

std::vector<OverrideNote> targetOverrides(const SpecModel& model, const TargetDecl& target) {
  std::vector<OverrideNote> out;
  const Node* body = target.node ? target.node->resolved() : nullptr;
  if (!body || !body->isMapping() || !model.root) return out;
  Notes notes(model.root, out);
  for (const yaml::Entry& e : yaml::entries(body)) {
    const std::string key = e.key->value;
    const Node* value = e.value ? e.value->resolved() : nullptr;
    if (key == "dependencies") dependencies(notes, value);
    else if (key == "image") image(notes, value);
    else if (key == "artifacts" || key == "provides" || key == "replaces" || key == "conflicts")
      notes.replaced(e.key, key, resolvedLookup(model.root, key));
    else if (key == "tests") {
      const std::size_t count = model.tests.size() - static_cast<std::size_t>(std::count_if(
          model.tests.begin(), model.tests.end(), [](const TestDecl& t) { return !t.targetKey.empty(); }));
      if (count > 0) notes.add(e.key, "run after the spec's " + std::to_string(count) + (count == 1 ? " test" : " tests"));
    }
  }
  return out;
}

}  // namespace dalec::spec
