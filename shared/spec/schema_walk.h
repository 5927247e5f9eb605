#pragma once
// Walks a spec's YAML tree alongside the schema, telling a visitor what each node is. Aliases are
// followed and merge keys applied, as Dalec's decoder does; an anchored node reached several times
// as the same type is visited once, so its findings are not repeated per alias.
#include <set>
#include <utility>

#include "schema/schema.h"
#include "yaml/node.h"

namespace dalec::spec {

class SchemaVisitor {
 public:
  virtual ~SchemaVisitor() = default;
  // A value about to be checked against `type`. `field` is the field it belongs to, if any.
  virtual void onValue(const yaml::Node& /*value*/, const schema::TypeDef& /*type*/, const schema::FieldDef* /*field*/) {}
  // A known key of an object and its value.
  virtual void onField(const yaml::Node& /*mapping*/, const yaml::Node& /*key*/, const yaml::Node& /*value*/,
                       const schema::TypeDef& /*owner*/, const schema::FieldDef& /*field*/) {}
  // A key the object does not have.
  virtual void onUnknownKey(const yaml::Node& /*mapping*/, const yaml::Node& /*key*/, const schema::TypeDef& /*owner*/) {}
  // A top-level x- key, or an x- key deeper down.
  virtual void onExtensionKey(const yaml::Node& /*key*/, bool /*topLevel*/) {}
  // A key of a Map-shaped value (a source name, an arg name, a file-check path...).
  virtual void onMapKey(const yaml::Node& /*map*/, const yaml::Node& /*key*/, const yaml::Node* /*value*/,
                        const schema::TypeDef& /*mapType*/, const schema::FieldDef* /*field*/) {}
};

void walkSpec(const yaml::Node* root, SchemaVisitor& visitor);
// Walks `node` as a value of `type`, for callers that start below the root.
void walkValue(const yaml::Node* node, const schema::TypeDef& type, const schema::FieldDef* field, SchemaVisitor& visitor);

}  // namespace dalec::spec
