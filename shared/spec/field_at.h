#pragma once
// The schema field whose key is at an offset: what hover explains.
#include <optional>

#include "schema/schema.h"
#include "spec/spec_model.h"

namespace dalec::spec {

struct FieldAt {
  const Node* key = nullptr;
  const Node* value = nullptr;
  const schema::TypeDef* owner = nullptr;
  const schema::FieldDef* field = nullptr;
};

std::optional<FieldAt> fieldAt(const SpecModel& model, std::size_t offset);

}  // namespace dalec::spec
