#include "features/inlay_hints.h"

#include "spec/arg_values.h"
#include "spec/target_overrides.h"
#include "yaml/scalar_dialect.h"

namespace dalec::lsp {

namespace {

// Long values would push the line off the screen; the hover has them whole.
constexpr std::size_t kMaxValueChars = 40;

std::string shortened(const std::string& value) {
  std::string text = value.substr(0, value.find('\n'));
  if (text.size() > kMaxValueChars) text = text.substr(0, kMaxValueChars - 3) + "...";
  return text;
}

bool within(const FeatureContext& context, ByteRange range, Range visible) {
  const Range r = context.toRange(range);
  const auto before = [](Position a, Position b) { return a.line < b.line || (a.line == b.line && a.character < b.character); };
  return !before(r.end, visible.start) && !before(visible.end, r.start);
}

}  // namespace

std::string symbolicMode(std::int64_t mode) {
  std::string out = "rwxrwxrwx";
  for (int bit = 0; bit < 9; ++bit)
    if (!(mode & (1 << (8 - bit)))) out[static_cast<std::size_t>(bit)] = '-';
  const auto special = [&](std::int64_t flag, std::size_t at, char set, char setWithoutExec) {
    if (mode & flag) out[at] = out[at] == 'x' ? set : setWithoutExec;
  };
  special(04000, 2, 's', 'S');
  special(02000, 5, 's', 'S');
  special(01000, 8, 't', 'T');
  return out;
}

std::vector<InlayHint> inlayHints(const FeatureContext& context, Range visible) {
  std::vector<InlayHint> hints;
  const spec::SpecModel* model = context.model();
  if (!model) return hints;
  for (const spec::ArgRef& ref : model->argRefs) {
    // Commands see $NAME from their environment at run time, not from Dalec: no value to show.
    if (!ref.expandedByDalec || !within(context, ref.range, visible)) continue;
    auto value = spec::argValue(*model, ref.name, context.args);
    if (!value) continue;  // undeclared: the diagnostic says so
    const std::string label = value->from == spec::ArgValue::From::Unset ? "= (empty)" : "= " + shortened(value->text);
    hints.push_back({context.toRange(ref.range).end, label, InlayHintKind::Parameter, true});
  }
  for (const yaml::Node* mode : model->modes) {
    if (!within(context, mode->range, visible)) continue;
    const auto number = yaml::intValue(*mode);
    if (!number || number->value < 0 || number->value > 07777) continue;  // invalid-permissions says why
    std::string label = symbolicMode(number->value);
    if (number->syntax == yaml::IntSyntax::Decimal) {
      // Octal-looking digits read as decimal are the classic mistake: show the mode they make.
      char octal[16];
      std::snprintf(octal, sizeof octal, "0o%llo", static_cast<unsigned long long>(number->value));
      label = "= " + std::string(octal) + " " + label;
    }
    hints.push_back({context.toRange(mode->range).end, label, InlayHintKind::Type, true});
  }
  // A target's overrides: said at the end of the key's line, where the value is not in the way.
  for (const spec::TargetDecl& target : model->targets) {
    if (!target.node || !within(context, target.node->range, visible)) continue;
    for (const spec::OverrideNote& note : spec::targetOverrides(*model, target)) {
      const std::string_view text = context.text();
      std::size_t end = text.find('\n', note.key->range.end);
      if (end == std::string_view::npos) end = text.size();
      hints.push_back({context.toRange({end, end}).start, note.text, InlayHintKind::None, true});
    }
  }
  std::sort(hints.begin(), hints.end(), [](const InlayHint& a, const InlayHint& b) {
    return a.position.line < b.position.line || (a.position.line == b.position.line && a.position.character < b.position.character);
  });
  return hints;
}

}  // namespace dalec::lsp
