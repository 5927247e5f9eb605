#include "spec/symbols.h"

#include <algorithm>
#include <cctype>

namespace dalec::spec {

const char* symbolKindName(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::Arg: return "arg";
    case SymbolKind::Source: return "source";
    case SymbolKind::Test: return "test";
    case SymbolKind::Target: return "target";
  }
  return "symbol";
}

namespace {
// The range of a scalar's text without its quotes.
ByteRange nameRange(const Node& scalar) {
  ByteRange r = scalar.range;
  if ((scalar.style == yaml::ScalarStyle::DoubleQuoted || scalar.style == yaml::ScalarStyle::SingleQuoted) && r.end - r.begin >= 2)
    return {r.begin + 1, r.end - 1};
  return r;
}
}  // namespace

std::vector<SymbolOccurrence> symbolOccurrences(const SpecModel& model) {
  std::vector<SymbolOccurrence> out;
  for (const ArgDecl& arg : model.args) out.push_back({SymbolKind::Arg, arg.name, nameRange(*arg.key), true});
  for (const ArgRef& ref : model.argRefs)
    if (ref.expandedByDalec && model.findArg(ref.name)) out.push_back({SymbolKind::Arg, ref.name, ref.nameRange, false});
  for (const SourceDecl& source : model.sources) out.push_back({SymbolKind::Source, source.name, nameRange(*source.key), true});
  for (const PatchSet& set : model.patches) {
    if (model.findSource(set.target)) out.push_back({SymbolKind::Source, set.target, nameRange(*set.key), false});
    for (const PatchEntry& entry : set.entries) {
      const Node* value = entry.source ? entry.source->resolved() : nullptr;
      if (value && value->isScalar() && model.findSource(value->value))
        out.push_back({SymbolKind::Source, value->value, nameRange(*value), false});
    }
  }
  for (const TestDecl& test : model.tests) {
    const Node* name = test.name ? test.name->resolved() : nullptr;
    if (name && name->isScalar() && !name->isNull) out.push_back({SymbolKind::Test, name->value, nameRange(*name), true});
  }
  for (const TargetDecl& target : model.targets)
    out.push_back({SymbolKind::Target, target.key, nameRange(*target.keyNode), true});
  // An anchor reached through several aliases yields the same place more than once.
  std::sort(out.begin(), out.end(), [](const SymbolOccurrence& a, const SymbolOccurrence& b) {
    return std::tie(a.range.begin, a.range.end, a.kind) < std::tie(b.range.begin, b.range.end, b.kind);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const SymbolOccurrence& a, const SymbolOccurrence& b) { return a.range == b.range && a.kind == b.kind; }),
            out.end());
  return out;
}

std::optional<SymbolOccurrence> symbolAt(const SpecModel& model, std::size_t offset) {
  for (const SymbolOccurrence& occurrence : symbolOccurrences(model))
    if (occurrence.range.begin <= offset && offset <= occurrence.range.end) return occurrence;
  return std::nullopt;
}

std::vector<SymbolOccurrence> occurrencesOf(const SpecModel& model, SymbolKind kind, const std::string& name) {
  std::vector<SymbolOccurrence> out;
  for (const SymbolOccurrence& o : symbolOccurrences(model))
    if (o.kind == kind && o.name == name) out.push_back(o);
  return out;
}

std::optional<std::string> renameProblem(const SpecModel& model, const SymbolOccurrence& symbol, const std::string& newName) {
  if (newName.empty()) return "the new name is empty";
  switch (symbol.kind) {
    case SymbolKind::Arg: {
      const bool valid = (std::isalpha(static_cast<unsigned char>(newName[0])) || newName[0] == '_') &&
                         std::all_of(newName.begin(), newName.end(),
                                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
      if (!valid) return "arg names are letters, digits and '_', not starting with a digit";
      if (newName != symbol.name && model.findArg(newName)) return "an arg named " + newName + " already exists";
      return std::nullopt;
    }
    case SymbolKind::Source:
      if (newName.find('/') != std::string::npos) return "source names cannot contain '/'";
      if (std::any_of(newName.begin(), newName.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == ':' || c == '#'; }))
        return "source names cannot contain spaces, ':' or '#'";
      if (newName != symbol.name && model.findSource(newName)) return "a source named " + newName + " already exists";
      return std::nullopt;
    case SymbolKind::Test:
      // Kept to characters that stay a plain YAML scalar, so the rename never needs quoting.
      if (!std::all_of(newName.begin(), newName.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || std::string_view(" _-.,()/+").find(c) != std::string_view::npos;
          }) || newName.front() == ' ' || newName.back() == ' ' || newName.front() == '-')
        return "test names here are letters, digits, spaces and _-.,()/+ (edit the name by hand for more)";
      return std::nullopt;
    case SymbolKind::Target:
      return "target keys name Dalec's targets; choose another key instead of renaming";
  }
  return std::nullopt;
}

}  // namespace dalec::spec
