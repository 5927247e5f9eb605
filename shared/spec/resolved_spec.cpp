#include "spec/resolved_spec.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "spec/word_expansion.h"
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
    expanded_.insert(model.expandedScalars.begin(), model.expandedScalars.end());
  }

  Value convert(const yaml::Node* written) {
    const yaml::Node* node = written ? written->resolved() : nullptr;
    Value out;
    if (!node) {
      out.null = true;
      return out;
    }
    out.line = model_.document->lines().toRune(written->range.begin).line - 1;
    if (node->isSequence()) {
      out.kind = Value::Kind::Sequence;
      for (const yaml::Node* item : node->items) out.items.push_back(convert(item));
    } else if (node->isMapping()) {
      out.kind = Value::Kind::Mapping;
      for (const yaml::Entry& e : yaml::entries(node)) {
        Value value = convert(e.value);
        value.line = model_.document->lines().toRune(e.key->range.begin).line - 1;
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
  std::set<const yaml::Node*> expanded_;
};

// Dalec's merges (Spec.GetPackageDeps, MergeSpecImage, GetImageBases, GetImagePost, GetArtifacts,
// GetProvides/GetReplaces/GetConflicts, the test runner's spec.Tests + target.Tests).
void mergeTarget(Value& spec, Value& target) {
  auto set = [&](const std::string& name, Value value) {
    if (Value* existing = spec.field(name)) *existing = std::move(value);
    else spec.fields.push_back(Field{name, std::move(value)});
  };
  for (auto& [key, value] : target.fields) {
    if (key == "dependencies") {
      Value* deps = spec.field("dependencies");
      if (!deps || deps->kind != Value::Kind::Mapping) {
        set(key, value);
        continue;
      }
      for (auto& [kind, list] : value.fields)
        if (!list.empty()) {
          if (Value* existing = deps->field(kind)) *existing = list;
          else deps->fields.push_back(Field{kind, list});
        }
    } else if (key == "image") {
      Value* image = spec.field("image");
      if (!image || image->kind != Value::Kind::Mapping) {
        set(key, value);
        continue;
      }
      for (auto& [field, item] : value.fields) {
        Value* existing = image->field(field);
        const bool replaceUnlessEmpty = field == "entrypoint" || field == "cmd" || field == "workdir" || field == "stop_signal" ||
                                        field == "user" || field == "base";
        if (replaceUnlessEmpty && item.empty()) continue;
        if (field == "env" && existing && existing->kind == Value::Kind::Sequence) {
          for (Value& each : item.items) existing->items.push_back(each);
        } else if ((field == "labels" || field == "volumes") && existing && existing->kind == Value::Kind::Mapping) {
          for (auto& [name, each] : item.fields) {
            if (Value* same = existing->field(name)) *same = each;
            else existing->fields.push_back(Field{name, each});
          }
        } else if (existing) {
          *existing = item;
        } else {
          image->fields.push_back(Field{field, item});
        }
      }
    } else if (key == "tests") {
      Value* tests = spec.field("tests");
      if (!tests || tests->kind != Value::Kind::Sequence) {
        set(key, value);
        continue;
      }
      for (Value& test : value.items) tests->items.push_back(test);
    } else if (key == "artifacts" || key == "provides" || key == "replaces" || key == "conflicts" || key == "package_config" ||
               key == "frontend") {
      set(key, value);
    }
  }
}

bool plainSafe(const Value& v) {
  const std::string& s = v.scalar;
  if (s.empty() || !v.plain) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.find('\n') != std::string::npos) return false;
  if (std::string("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos && !(s.front() == '-' && s.size() > 1 && s[1] != ' '))
    return false;
  return s.find(": ") == std::string::npos && s.find(" #") == std::string::npos && s.back() != ':';
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
    current_ = std::string(static_cast<std::size_t>(indent), ' ') + keyText(key) + ":";
    currentLine_ = v.line;
    value(v, indent + 2);
  }
  void listItem(const Value& v, int indent) {
    current_ = std::string(static_cast<std::size_t>(indent), ' ') + "-";
    currentLine_ = v.line;
    if (v.kind == Value::Kind::Mapping && !v.fields.empty()) {
      // "- key: value" with the rest of the mapping under it.
      bool first = true;
      for (const auto& [key, item] : v.fields) {
        if (first) {
          current_ += " " + keyText(key) + ":";
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
  static std::string keyText(const std::string& key) {
    Value probe;
    probe.scalar = key;
    return plainSafe(probe) ? key : nlohmann::json(key).dump();
  }
  void scalar(const Value& v, int indent) {
    if (v.null) return finish("", v.line);
    if (v.scalar.find('\n') != std::string::npos && v.scalar.front() != ' ' && v.scalar.front() != '\n') {
      // A script stays readable as a literal block.
      const bool trailing = v.scalar.back() == '\n';
      finish(trailing ? " |" : " |-", v.line);
      std::size_t start = 0;
      int offset = 1;
      const std::string body = trailing ? v.scalar.substr(0, v.scalar.size() - 1) : v.scalar;
      while (start <= body.size()) {
        const std::size_t end = body.find('\n', start);
        const std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        current_ = line.empty() ? "" : std::string(static_cast<std::size_t>(indent), ' ') + line;
        currentLine_ = v.line < 0 ? -1 : v.line + offset++;
        finish("", currentLine_);
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return;
    }
    finish(" " + (plainSafe(v) ? v.scalar : nlohmann::json(v.scalar).dump()), v.line);
  }
  void finish(const std::string& tail, int line) {
    text += current_ + tail + "\n";
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
  Value spec = converter.convert(model.root);
  Value targetValue;
  if (target) targetValue = converter.convert(target->node);
  // What the target sees of `targets` is itself, merged in; the others are not its business.
  spec.fields.erase(std::remove_if(spec.fields.begin(), spec.fields.end(), [](const Field& f) { return f.key == "targets"; }),
                    spec.fields.end());
  if (target) mergeTarget(spec, targetValue);
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
