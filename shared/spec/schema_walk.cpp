#include "spec/schema_walk.h"

#include "yaml/mapping_view.h"

namespace dalec::spec {

namespace {

class Walker {
 public:
  explicit Walker(SchemaVisitor& visitor) : visitor_(visitor) {}

  void value(const yaml::Node* node, const schema::TypeDef& type, const schema::FieldDef* field, bool root = false,
             bool merged = false) {
    if (!node) return;
    const yaml::Node* target = node->resolved();
    if (!target) return;  // an alias to an unknown anchor is reported by the YAML rules
    // Only a node under an anchor can be reached twice (through an alias or a `<<` merge); the
    // rest of the tree has one path to it, so only shared nodes need remembering. This keeps the
    // set small on the hot path (two walks per analysed version).
    const bool shared = merged || sharedDepth_ > 0 || target != node || !target->anchor().empty();
    if (shared && !visited_.insert({target, &type, field}).second) return;
    struct Depth {
      int& depth;
      bool counted;
      ~Depth() { depth -= counted; }
    } depth{sharedDepth_, shared};
    sharedDepth_ += shared;
    visitor_.onValue(*target, type, field);
    if (target->isNull) return;
    switch (type.shape) {
      case schema::Shape::Object:
        if (target->isMapping()) object(*target, type, root);
        break;
      case schema::Shape::Map:
        if (target->isMapping()) {
          for (const yaml::Entry& entry : yaml::entries(target)) {
            visitor_.onMapKey(*target, *entry.key, entry.value, type, field);
            value(entry.value, *type.element, nullptr, false, entry.merged);
          }
        } else if (target->isSequence() && type.acceptsNameList) {
          for (const yaml::Node* item : target->items) visitor_.onValue(*item, *schema::typeById("string"), nullptr);
        }
        break;
      case schema::Shape::List:
        if (target->isSequence())
          for (const yaml::Node* item : target->items) value(item, *type.element, nullptr);
        break;
      default: break;
    }
  }

 private:
  void object(const yaml::Node& mapping, const schema::TypeDef& type, bool root) {
    for (const yaml::Entry& entry : yaml::entries(&mapping)) {
      const yaml::Node& key = *entry.key;
      if (!key.isScalar()) {
        visitor_.onUnknownKey(mapping, key, type);
        continue;
      }
      if (schema::isExtensionKey(key.value)) {
        visitor_.onExtensionKey(key, root);
        continue;
      }
      const schema::FieldDef* field = type.field(key.value);
      if (!field) {
        visitor_.onUnknownKey(mapping, key, type);
        continue;
      }
      if (entry.value) {
        visitor_.onField(mapping, key, *entry.value, type, *field);
        value(entry.value, *field->type, field, false, entry.merged);
      }
    }
  }

  SchemaVisitor& visitor_;
  int sharedDepth_ = 0;  // > 0 while walking below a shared node
  std::set<std::tuple<const yaml::Node*, const schema::TypeDef*, const schema::FieldDef*>> visited_;
};

}  // namespace

void walkSpec(const yaml::Node* root, SchemaVisitor& visitor) {
  Walker walker(visitor);
  walker.value(root, schema::specType(), nullptr, /*root=*/true);
}

void walkValue(const yaml::Node* node, const schema::TypeDef& type, const schema::FieldDef* field, SchemaVisitor& visitor) {
  Walker walker(visitor);
  walker.value(node, type, field);
}

}  // namespace dalec::spec
