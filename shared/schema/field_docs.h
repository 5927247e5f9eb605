#pragma once
// What each key of a spec means, in a sentence, for hover and completion.
#include <string>
#include <string_view>

#include "schema/schema.h"

namespace dalec::schema {

// The documentation of `field` inside `owner`, or an empty view when we have none.
std::string_view fieldDoc(const TypeDef& owner, const FieldDef& field);
// "a string", "true or false", "a list of test", ... for hover and completion details.
std::string describeShape(const TypeDef& type);

}  // namespace dalec::schema
