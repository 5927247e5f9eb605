// Tests: checks that do not assert what their author meant.
#include <algorithm>
#include <array>

#include "analysis/analyzer.h"
#include "yaml/mapping_view.h"
#include "yaml/scalar_dialect.h"

namespace dalec::analysis {

namespace {

bool looksLikeDirectory(std::string_view path) {
  static constexpr std::array<std::string_view, 16> dirs = {
      "/",        "/bin",      "/etc",           "/lib",           "/opt",      "/usr",      "/usr/bin", "/usr/lib",
      "/usr/share", "/usr/local", "/usr/local/bin", "/usr/share/doc", "/var",    "/var/lib",  "/tmp",     "/usr/sbin"};
  if (path.size() > 1 && path.back() == '/') return true;
  return std::find(dirs.begin(), dirs.end(), path) != dirs.end();
}

void checkFileEntry(const spec::FileCheckDecl& file, std::vector<Diagnostic>& out) {
  if (!file.path || !file.path->isScalar()) return;
  const yaml::Node* check = file.check ? file.check->resolved() : nullptr;
  const bool hasIsDir = check && check->isMapping() && yaml::lookup(check, "is_dir");
  const yaml::Node* notExist = check && check->isMapping() ? yaml::lookup(check, "not_exist") : nullptr;
  const bool assertsAbsent = notExist && yaml::boolValue(*notExist).value_or(false);
  if (!hasIsDir && !assertsAbsent && looksLikeDirectory(file.path->value)) {
    out.push_back({file.path->range, Severity::Warning, "implicit-not-dir",
                   "without is_dir: true this check asserts that " + file.path->value +
                       " exists and is NOT a directory",
                   false, std::nullopt});
  }
  if (!file.path->value.empty() && file.path->value.front() != '/' && file.path->value.front() != '$') {
    out.push_back({file.path->range, Severity::Warning, "relative-check-path",
                   "file checks run inside the built container; use an absolute path", false, std::nullopt});
  }
}

bool isTrue(const yaml::Node* mapping, const char* key) {
  const yaml::Node* value = yaml::lookup(mapping, key);
  return value && yaml::boolValue(*value).value_or(false);
}

// A string or list expectation that asks for some content.
bool expectsContent(const yaml::Node* value) {
  const yaml::Node* target = value ? value->resolved() : nullptr;
  if (!target || target->isNull) return false;
  if (target->isSequence()) return !target->items.empty();
  return target->isScalar() && !target->value.empty();
}

constexpr std::array<const char*, 5> kContentChecks = {"equals", "contains", "matches", "starts_with", "ends_with"};

// Options of one check that can never pass together. Dalec runs each as its own op, so the test
// would fail every time; Dalec loads such a spec (measured with the oracle), hence a warning.
void checkContradictions(const yaml::Node* check, std::vector<Diagnostic>& out) {
  if (!check || !check->isMapping()) return;
  auto report = [&](const char* key, const std::string& why) {
    for (const yaml::Entry& e : yaml::entries(check))
      if (e.key->value == key) out.push_back({e.key->range, Severity::Warning, "conflicting-checks", why, false, std::nullopt});
  };
  if (isTrue(check, "not_exist")) {
    for (const char* key : {"is_dir", "permissions", "link_target", "empty", "equals", "contains", "matches",
                            "starts_with", "ends_with"})
      report(key, std::string("not_exist: true asserts the path is absent, so the ") + key + " check can never pass");
    return;
  }
  if (isTrue(check, "is_dir")) {
    for (const char* key : kContentChecks)
      if (expectsContent(yaml::lookup(check, key)))
        report(key, std::string(key) + " reads the file's content, but is_dir: true asserts a directory");
    if (isTrue(check, "empty")) report("empty", "empty reads the file's content, but is_dir: true asserts a directory");
  }
  if (isTrue(check, "empty")) {
    for (const char* key : kContentChecks)
      if (expectsContent(yaml::lookup(check, key)))
        report(key, std::string("empty: true asserts no content, so ") + key + " can never pass");
  }
}

void checkStepCommand(const spec::StepDecl& step, std::vector<Diagnostic>& out) {
  const yaml::Node* command = step.command ? step.command->resolved() : nullptr;
  if (!command || !command->isScalar() || command->style != yaml::ScalarStyle::Literal) return;
  std::string_view text = command->value;
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (text.find('\n') == std::string_view::npos) return;
  if (text.rfind("/bin/sh", 0) == 0 || text.rfind("sh ", 0) == 0 || text.rfind("bash ", 0) == 0 ||
      text.rfind("/bin/bash", 0) == 0)
    return;
  out.push_back({command->range, Severity::Warning, "test-command-not-shell",
                 "test step commands are split into words and run without a shell: these lines become the arguments "
                 "of one command; wrap a script in /bin/sh -c '...'",
                 false, std::nullopt});
}

}  // namespace

void checkTests(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  for (const spec::TestDecl& test : model.tests) {
    for (const spec::FileCheckDecl& file : test.files) {
      checkFileEntry(file, out);
      checkContradictions(file.check ? file.check->resolved() : nullptr, out);
    }
    for (const spec::StepDecl& step : test.steps) {
      checkStepCommand(step, out);
      for (const char* stream : {"stdout", "stderr"}) {
        const yaml::Node* output = yaml::lookup(step.node, stream);
        checkContradictions(output ? output->resolved() : nullptr, out);
      }
    }
  }
}

}  // namespace dalec::analysis
