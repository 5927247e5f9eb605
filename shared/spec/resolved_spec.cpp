#include "spec/resolved_spec.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "spec/word_expansion.h"
#include "text/line_index.h"
#include "yaml/mapping_view.h"

namespace dalec::spec {

namespace {

struct Field;

// A value of the resolved spec: plain data, with the spec line it came from.
struct Value {
  enum class Kind { Scalar, Sequence, Mapping } kind = Kind::Scalar;
  std::string scalar;
  bool plain = true;  // written plain in the spec (so a number stays a number)
  bool null = false;
  std::vector<Value> items;
  std::vector<Field> fields;
  int line = -1;

  Value* field(const std::string& name);
  bool empty() const;
};

struct Field {
  std::string key;
  Value value;
};

Value* Value::field(const std::string& name) {
  for (Field& f : fields)
    if (f.key == name) return &f.value;
  return nullptr;
}

bool Value::empty() const {
  if (kind == Kind::Scalar) return null || scalar.empty();
  return kind == Kind::Sequence ? items.empty() : fields.empty();
}

class Converter {
 public:
  Converter(const SpecModel& model, const ArgEnvironment& env) : model_(model), env_(env) {
    expanded_.reserve(model.expandedScalars.size());
    expanded_.insert(model.expandedScalars.begin(), model.expandedScalars.end());
  }

  // `skipKey`: a key of this mapping left out (the spec's `targets`, when one target is merged).
  // `line`: where the value is said to come from when it is known already (its key's line).
  Value convert(const yaml::Node* written, std::string_view skipKey = {}, int line = -1) {
    const yaml::Node* node = written ? written->resolved() : nullptr;
    Value out;
    if (!node) {
      out.null = true;
      out.line = line;
      return out;
    }
    out.line = line >= 0 ? line : lineOf(written->range.begin);
    if (node->isSequence()) {
      out.kind = Value::Kind::Sequence;
      out.items.reserve(node->items.size());
      for (const yaml::Node* item : node->items) out.items.push_back(convert(item));
    } else if (node->isMapping()) {
      out.kind = Value::Kind::Mapping;
      const yaml::Entries entries = yaml::entries(node);
      out.fields.reserve(entries.size());
      for (const yaml::Entry& e : entries) {
        if (!skipKey.empty() && e.key->value == skipKey) continue;
        Value value = convert(e.value, {}, lineOf(e.key->range.begin));
        out.fields.push_back(Field{e.key->value, std::move(value)});
      }
    } else {
      out.scalar = expanded_.count(node) ? substitute(node->value) : node->value;
      out.plain = node->style == yaml::ScalarStyle::Plain;
      out.null = node->isNull;
    }
    return out;
  }

 private:
  int lineOf(std::size_t offset) const {
    const LineIndex& lines = model_.document->lines();
    return static_cast<int>(lines.lineOf(std::min(offset, lines.text().size())));
  }

  // As Dalec's lexer leaves it; a value it cannot lex stays as written (the spec fails anyway).
  std::string substitute(const std::string& text) {
    WordExpansion expanded = expandWord(text, [&](std::string_view name) -> std::optional<std::string> {
      auto value = argValue(model_, name, env_);
      return value ? std::optional<std::string>(value->text) : std::nullopt;
    });
    return expanded.error.empty() ? expanded.result : text;
  }

  const SpecModel& model_;
  const ArgEnvironment& env_;
  std::unordered_set<const yaml::Node*> expanded_;
};

// Dalec's merges (Spec.GetPackageDeps, MergeSpecImage, GetImageBases, GetImagePost, GetArtifacts,
// GetProvides/GetReplaces/GetConflicts, the test runner's spec.Tests + target.Tests). Takes the
// target's values apart (moves them into the spec).
void mergeTarget(Value& spec, Value&& target) {
  auto set = [&](const std::string& name, Value value) {
    if (Value* existing = spec.field(name)) *existing = std::move(value);
    else spec.fields.push_back(Field{name, std::move(value)});
  };
  for (auto& [key, value] : target.fields) {
    if (key == "dependencies") {
      Value* deps = spec.field("dependencies");
      if (!deps || deps->kind != Value::Kind::Mapping) {
        set(key, std::move(value));
        continue;
      }
      for (auto& [kind, list] : value.fields)
        if (!list.empty()) {
          if (Value* existing = deps->field(kind)) *existing = std::move(list);
          else deps->fields.push_back(Field{kind, std::move(list)});
        }
    } else if (key == "image") {
      Value* image = spec.field("image");
      if (!image || image->kind != Value::Kind::Mapping) {
        set(key, std::move(value));
        continue;
      }
      for (auto& [field, item] : value.fields) {
        Value* existing = image->field(field);
        const bool replaceUnlessEmpty = field == "entrypoint" || field == "cmd" || field == "workdir" || field == "stop_signal" ||
                                        field == "user" || field == "base";
        if (replaceUnlessEmpty && item.empty()) continue;
        if (field == "env" && existing && existing->kind == Value::Kind::Sequence) {
          for (Value& each : item.items) existing->items.push_back(std::move(each));
        } else if ((field == "labels" || field == "volumes") && existing && existing->kind == Value::Kind::Mapping) {
          for (auto& [name, each] : item.fields) {
            if (Value* same = existing->field(name)) *same = std::move(each);
            else existing->fields.push_back(Field{name, std::move(each)});
          }
        } else if (existing) {
          *existing = std::move(item);
        } else {
          image->fields.push_back(Field{field, std::move(item)});
        }
      }
    } else if (key == "tests") {
      Value* tests = spec.field("tests");
      if (!tests || tests->kind != Value::Kind::Sequence) {
        set(key, std::move(value));
        continue;
      }
      for (Value& test : value.items) tests->items.push_back(std::move(test));
    } else if (key == "artifacts" || key == "provides" || key == "replaces" || key == "conflicts" || key == "package_config" ||
               key == "frontend") {
      set(key, std::move(value));
    }
  }
}

// Whether a scalar can be written plain and read back as the same text.
bool plainSafe(std::string_view s, bool plain) {
  if (s.empty() || !plain) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.find('\n') != std::string_view::npos) return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos && !(s.front() == '-' && s.size() > 1 && s[1] != ' '))
    return false;
  return s.find(": ") == std::string_view::npos && s.find(" #") == std::string_view::npos && s.back() != ':';
}

class Writer {
 public:
  void value(const Value& v, int indent) {
    // Called for block values after "key:" or "- " (collections start on the next line).
    if (v.kind == Value::Kind::Mapping) {
      if (v.fields.empty()) return finish(" {}", v.line);
      finish("", v.line);
      for (const auto& [key, item] : v.fields) entry(key, item, indent);
    } else if (v.kind == Value::Kind::Sequence) {
      if (v.items.empty()) return finish(" []", v.line);
      finish("", v.line);
      for (const Value& item : v.items) listItem(item, indent);
    } else {
      scalar(v, indent);
    }
  }
  void entry(const std::string& key, const Value& v, int indent) {
    current_.assign(static_cast<std::size_t>(indent), ' ');
    appendKey(key);
    currentLine_ = v.line;
    value(v, indent + 2);
  }
  void listItem(const Value& v, int indent) {
    current_.assign(static_cast<std::size_t>(indent), ' ');
    current_ += '-';
    currentLine_ = v.line;
    if (v.kind == Value::Kind::Mapping && !v.fields.empty()) {
      // "- key: value" with the rest of the mapping under it.
      bool first = true;
      for (const auto& [key, item] : v.fields) {
        if (first) {
          current_ += ' ';
          appendKey(key);
          currentLine_ = item.line;
          value(item, indent + 4);
          first = false;
        } else {
          entry(key, item, indent + 2);
        }
      }
      return;
    }
    value(v, indent + 2);
  }
  std::string text;
  std::vector<int> lines;

 private:
  void appendKey(const std::string& key) {
    if (plainSafe(key, true)) current_ += key;
    else current_ += nlohmann::json(key).dump();
    current_ += ':';
  }
  void scalar(const Value& v, int indent) {
    if (v.null) return finish("", v.line);
    if (v.scalar.find('\n') != std::string::npos && v.scalar.front() != ' ' && v.scalar.front() != '\n') {
      // A script stays readable as a literal block.
      const bool trailing = v.scalar.back() == '\n';
      finish(trailing ? " |" : " |-", v.line);
      std::size_t start = 0;
      int offset = 1;
      const std::string_view body = std::string_view(v.scalar).substr(0, v.scalar.size() - (trailing ? 1 : 0));
      while (start <= body.size()) {
        const std::size_t end = body.find('\n', start);
        const std::string_view line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        current_.clear();
        if (!line.empty()) current_.append(static_cast<std::size_t>(indent), ' ').append(line);
        currentLine_ = v.line < 0 ? -1 : v.line + offset++;
        finish("", currentLine_);
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return;
    }
    if (plainSafe(v.scalar, v.plain)) {
      current_ += ' ';
      current_ += v.scalar;
      return finish("", v.line);
    }
    finish(" " + nlohmann::json(v.scalar).dump(), v.line);
  }
  void finish(std::string_view tail, int line) {
    text += current_;
    text += tail;
    text += '\n';
    lines.push_back(currentLine_ >= 0 ? currentLine_ : line);
    current_.clear();
    currentLine_ = -1;
  }
  std::string current_;
  int currentLine_ = -1;
};

void collectLeaves(const Value& value, std::vector<std::string>& path, std::vector<ResolvedLeaf>& out) {
  if (value.kind == Value::Kind::Scalar) {
    out.push_back(ResolvedLeaf{path, value.scalar, value.plain, value.null, value.line});
    return;
  }
  if (value.kind == Value::Kind::Sequence) {
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      path.push_back(std::to_string(i));
      collectLeaves(value.items[i], path, out);
      path.pop_back();
    }
    return;
  }
  for (const auto& [key, item] : value.fields) {
    path.push_back(key);
    collectLeaves(item, path, out);
    path.pop_back();
  }
}

}  // namespace

std::vector<ResolvedLeaf> resolvedLeaves(const SpecModel& model, const ArgEnvironment& env) {
  std::vector<ResolvedLeaf> out;
  if (!model.root) return out;
  Converter converter(model, env);
  std::vector<std::string> path;
  collectLeaves(converter.convert(model.root), path, out);
  return out;
}

ResolvedSpec resolveSpec(const SpecModel& model, const std::string& targetKey, const ArgEnvironment& env) {
  ResolvedSpec out;
  if (!model.root) {
    out.error = "not a Dalec spec (no top-level mapping)";
    return out;
  }
  const TargetDecl* target = model.findTarget(targetKey);
  if (!targetKey.empty() && !target) {
    std::string known;
    for (const TargetDecl& each : model.targets) known += (known.empty() ? "" : ", ") + each.key;
    out.error = "the spec has no target `" + targetKey + "`" + (known.empty() ? "" : " (it has " + known + ")");
    return out;
  }
  Converter converter(model, env);
  // What the target sees of `targets` is itself, merged in; the others are not its business.
  Value spec = converter.convert(model.root, "targets");
  Value targetValue;
  if (target) targetValue = converter.convert(target->node);
  if (target) mergeTarget(spec, std::move(targetValue));
  Writer writer;
  writer.text = "# " + std::string(target ? "the spec as target `" + targetKey + "` sees it" : "the spec with its args resolved") +
                " (platform " + (env.platform.empty() ? hostPlatform() : env.platform) + ")\n";
  writer.lines.push_back(-1);
  for (const auto& [key, value] : spec.fields) writer.entry(key, value, 0);
  out.text = std::move(writer.text);
  out.sourceLines = std::move(writer.lines);
  return out;
}

}  // namespace dalec::spec
