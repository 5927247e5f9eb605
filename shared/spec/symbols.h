#pragma once
// Named things in a spec and every place they are named: args (declaration and ${ARG} in fields
// Dalec expands), sources (declaration, patches keys, patch `source:` values), tests and targets.
// Navigation, highlights and rename all read this one index.
#include <optional>
#include <string>
#include <vector>

#include "spec/spec_model.h"

namespace dalec::spec {

enum class SymbolKind { Arg, Source, Test, Target };
const char* symbolKindName(SymbolKind kind);

struct SymbolOccurrence {
  SymbolKind kind = SymbolKind::Arg;
  std::string name;
  ByteRange range;  // just the name
  bool isDeclaration = false;
};

std::vector<SymbolOccurrence> symbolOccurrences(const SpecModel& model);
// The symbol whose name covers `offset` (cursor at either end counts).
std::optional<SymbolOccurrence> symbolAt(const SpecModel& model, std::size_t offset);
std::vector<SymbolOccurrence> occurrencesOf(const SpecModel& model, SymbolKind kind, const std::string& name);
// Why `newName` cannot be the new name of that symbol, or nothing when it can.
std::optional<std::string> renameProblem(const SpecModel& model, const SymbolOccurrence& symbol, const std::string& newName);

}  // namespace dalec::spec
