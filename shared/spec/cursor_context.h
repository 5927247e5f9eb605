#pragma once
// What the cursor is on, for completion: which mapping a key is being typed into, or which field a
// value is being typed for. Read from indentation, not from the YAML tree, because the line being
// typed usually does not parse ("    fi" has no ':' yet).
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "text/position.h"

namespace dalec::spec {

struct CursorContext {
  enum class Kind { Key, Value, ArgReference, None };
  Kind kind = Kind::None;
  // Keys from the root to the mapping being typed into (Key) or to the field's key (Value);
  // "-" stands for a list item.
  std::vector<std::string> path;
  // Key: the object or map the key goes into. Value: the type of the field's value.
  const schema::TypeDef* type = nullptr;
  const schema::FieldDef* field = nullptr;  // Value: the field itself (null for map entries)
  std::string prefix;                       // the part of the word already typed
  ByteRange replace;                        // what a completion replaces: the word around the cursor
  std::vector<std::string> siblingKeys;     // Key: keys already present in that mapping
};

CursorContext cursorContext(std::string_view text, std::size_t offset);

}  // namespace dalec::spec
