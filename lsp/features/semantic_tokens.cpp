#include "features/semantic_tokens.h"

#include <algorithm>

#include "spec/target_catalog.h"

namespace dalec::lsp {

namespace {
enum TokenType { kVariable = 0, kMacro = 1 };
enum TokenModifier { kDeclaration = 1 << 0, kDefaultLibrary = 1 << 1, kUnresolved = 1 << 2 };

struct Token {
  ByteRange range;
  int type;
  int modifiers;
};
}  // namespace

nlohmann::json semanticTokensLegend() {
  return {{"tokenTypes", {"variable", "macro"}}, {"tokenModifiers", {"declaration", "defaultLibrary", "unresolved"}}};
}

std::vector<int> semanticTokens(const FeatureContext& context) {
  std::vector<int> data;
  const spec::SpecModel* model = context.model();
  if (!model) return data;
  std::vector<Token> tokens;
  for (const spec::ArgDecl& arg : model->args)
    tokens.push_back({arg.key->range, spec::isPlatformArg(arg.name) ? kMacro : kVariable,
                      kDeclaration | (spec::isPlatformArg(arg.name) ? kDefaultLibrary : 0)});
  for (const spec::ArgRef& ref : model->argRefs) {
    if (!ref.expandedByDalec) continue;
    const bool declared = model->findArg(ref.name) != nullptr;
    const bool builtin = spec::isPlatformArg(ref.name) || spec::isKnownFrontendArg(ref.name);
    tokens.push_back({ref.range, builtin ? kMacro : kVariable, (builtin ? kDefaultLibrary : 0) | (declared ? 0 : kUnresolved)});
  }
  std::sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) { return a.range.begin < b.range.begin; });
  int previousLine = 0, previousStart = 0;
  for (const Token& token : tokens) {
    const Utf16Range r = context.lines().toUtf16(token.range);
    if (r.start.line != r.end.line) continue;  // tokens may not span lines
    const int deltaLine = r.start.line - previousLine;
    const int deltaStart = deltaLine == 0 ? r.start.character - previousStart : r.start.character;
    data.insert(data.end(), {deltaLine, deltaStart, r.end.character - r.start.character, token.type, token.modifiers});
    previousLine = r.start.line;
    previousStart = r.start.character;
  }
  return data;
}

}  // namespace dalec::lsp
