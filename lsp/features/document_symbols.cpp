#include "features/document_symbols.h"

#include "yaml/mapping_view.h"

namespace dalec::lsp {

namespace {

using yaml::Node;

// A key and its value as one span.
ByteRange span(const Node* key, const Node* value) {
  ByteRange r = key->range;
  if (value) {
    const Node* target = value;  // aliases: the alias site, not the anchor, belongs here
    r.end = std::max(r.end, target->range.end);
  }
  return r;
}

std::string firstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 60 ? line.substr(0, 57) + "..." : line;
}

class OutlineBuilder {
 public:
  explicit OutlineBuilder(const FeatureContext& context) : context_(context) {}

  DocumentSymbol symbol(std::string name, std::string detail, SymbolKindLsp kind, ByteRange range, ByteRange selection) {
    DocumentSymbol s;
    s.name = name.empty() ? "(unnamed)" : std::move(name);
    s.detail = std::move(detail);
    s.kind = kind;
    s.range = context_.toRange(range);
    s.selectionRange = context_.toRange(selection);
    return s;
  }

  DocumentSymbol step(const spec::StepDecl& step, std::size_t index, ByteRange fallback) {
    const Node* command = step.command ? step.command->resolved() : nullptr;
    const std::string text = command && command->isScalar() ? firstLine(command->value) : "";
    ByteRange range = step.node && !step.node->range.empty() ? step.node->range : fallback;
    // Inside an anchor the step's own range lies elsewhere; keep the symbol inside its parent.
    if (range.begin < fallback.begin || range.end > fallback.end) range = fallback;
    return symbol("step " + std::to_string(index + 1), text, SymbolKindLsp::Function, range, range);
  }

  DocumentSymbol test(const spec::TestDecl& test) {
    const Node* name = test.name ? test.name->resolved() : nullptr;
    ByteRange range = test.node->range;
    DocumentSymbol s = symbol(name && name->isScalar() ? name->value : "", test.targetKey.empty() ? "" : "for " + test.targetKey,
                              SymbolKindLsp::Method, range, name ? name->range : range);
    for (std::size_t i = 0; i < test.steps.size(); ++i) s.children.push_back(step(test.steps[i], i, range));
    for (const spec::FileCheckDecl& file : test.files) {
      std::string checks;
      for (const yaml::Entry& e : yaml::entries(file.check)) checks += (checks.empty() ? "" : ", ") + e.key->value;
      s.children.push_back(symbol(file.path->value, checks.empty() ? "exists, not a directory" : checks, SymbolKindLsp::Field,
                                  span(file.path, file.check), file.path->range));
    }
    return s;
  }

  std::vector<DocumentSymbol> build() {
    std::vector<DocumentSymbol> out;
    const spec::SpecModel& model = *context_.model();
    for (const yaml::Entry& entry : yaml::entries(model.root)) {
      const std::string& key = entry.key->value;
      const ByteRange range = span(entry.key, entry.value);
      DocumentSymbol section = symbol(key, "", SymbolKindLsp::Namespace, range, entry.key->range);
      if (key == "args") {
        for (const spec::ArgDecl& arg : model.args)
          section.children.push_back(symbol(arg.name, arg.defaultText(), SymbolKindLsp::Variable,
                                            span(arg.key, arg.value), arg.key->range));
      } else if (key == "sources") {
        for (const spec::SourceDecl& source : model.sources)
          section.children.push_back(symbol(source.name, spec::sourceKindName(source.kind), SymbolKindLsp::Package,
                                            span(source.key, source.node), source.key->range));
      } else if (key == "patches") {
        for (const spec::PatchSet& set : model.patches) {
          DocumentSymbol patched = symbol(set.target, std::to_string(set.entries.size()) + " patches", SymbolKindLsp::Object,
                                          set.key->range, set.key->range);
          section.children.push_back(patched);
        }
      } else if (key == "build") {
        for (std::size_t i = 0; i < model.buildSteps.size(); ++i) section.children.push_back(step(model.buildSteps[i], i, range));
      } else if (key == "targets") {
        for (const spec::TargetDecl& target : model.targets) {
          DocumentSymbol t = symbol(target.key, target.forwardsToFrontend ? "forwarded to a frontend" : "", SymbolKindLsp::Class,
                                    span(target.keyNode, target.node), target.keyNode->range);
          // Tests written under the target (tests reached through an alias live at their anchor).
          const ByteRange targetSpan = span(target.keyNode, target.node);
          for (const spec::TestDecl& test : model.tests)
            if (test.targetKey == target.key && test.node->range.begin >= targetSpan.begin && test.node->range.end <= targetSpan.end)
              t.children.push_back(this->test(test));
          section.children.push_back(std::move(t));
        }
      } else if (key == "tests") {
        for (const spec::TestDecl& test : model.tests)
          if (test.targetKey.empty()) section.children.push_back(this->test(test));
      } else {
        section.kind = SymbolKindLsp::Property;
      }
      out.push_back(std::move(section));
    }
    return out;
  }

 private:
  const FeatureContext& context_;
};

}  // namespace

std::vector<DocumentSymbol> documentSymbols(const FeatureContext& context) {
  if (!context.model() || !context.model()->root) return {};
  return OutlineBuilder(context).build();
}

}  // namespace dalec::lsp
