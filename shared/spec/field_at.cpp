#include "spec/field_at.h"

#include "spec/schema_walk.h"

namespace dalec::spec {

namespace {
class FieldFinder : public SchemaVisitor {
 public:
  explicit FieldFinder(std::size_t offset) : offset_(offset) {}
  void onField(const Node&, const Node& key, const Node& value, const schema::TypeDef& owner,
               const schema::FieldDef& field) override {
    if (!found && key.range.begin <= offset_ && offset_ <= key.range.end) found = FieldAt{&key, &value, &owner, &field};
  }
  std::optional<FieldAt> found;

 private:
  std::size_t offset_;
};
}  // namespace

std::optional<FieldAt> fieldAt(const SpecModel& model, std::size_t offset) {
  if (!model.root) return std::nullopt;
  FieldFinder finder(offset);
  walkSpec(model.root, finder);
  return finder.found;
}

}  // namespace dalec::spec
