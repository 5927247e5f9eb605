// Build args: ${NAME} references against args declarations, the platform args Dalec fills in, and
// references in commands, which Dalec never substitutes.
#include <algorithm>
#include <cctype>
#include <set>

#include "analysis/analyzer.h"
#include "schema/spelling.h"
#include "spec/target_catalog.h"
#include "spec/word_expansion.h"
#include "yaml/mapping_view.h"

namespace dalec::analysis {

namespace {

using spec::ArgRef;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> envNamesOf(const yaml::Node* mapping) {
  std::vector<std::string> names;
  for (const yaml::Entry& e : yaml::entries(yaml::lookup(mapping, "env"))) names.push_back(e.key->value);
  return names;
}

// Test step commands are split into words and exec'd; a shell only runs when the command asks.
bool startsWithShell(std::string_view command) {
  std::size_t start = command.find_first_not_of(" \t\r\n|>-+0123456789");
  if (start == std::string_view::npos) return false;
  command.remove_prefix(start);
  for (std::string_view shell : {"/bin/sh ", "sh ", "/bin/bash ", "bash ", "/usr/bin/env sh", "/usr/bin/env bash",
                                 "/bin/ash ", "/bin/dash ", "/usr/bin/sh ", "/usr/bin/bash "})
    if (command.rfind(shell, 0) == 0) return true;
  return false;
}

const spec::TestDecl* testOwning(const spec::SpecModel& model, const yaml::Node* step) {
  for (const spec::TestDecl& test : model.tests)
    for (const spec::StepDecl& s : test.steps)
      if (s.node == step) return &test;
  return nullptr;
}

void checkCommandRef(const spec::SpecModel& model, const ArgRef& ref, std::vector<Diagnostic>& out) {
  const bool declared = model.findArg(ref.name) != nullptr;
  std::vector<std::string> env = envNamesOf(ref.owner);
  const std::string token = std::string(model.document->slice(ref.range));
  if (ref.command == schema::CommandKind::Shell) {
    // Build steps run under sh: the variable is there when build.env or the step's env sets it.
    const bool isBuildStep = std::any_of(model.buildSteps.begin(), model.buildSteps.end(),
                                         [&](const spec::StepDecl& s) { return s.node == ref.owner; });
    if (contains(env, ref.name) || (isBuildStep && contains(model.buildEnvNames, ref.name))) return;
    if (!declared) return;  // an ordinary shell variable of the script
    out.push_back({ref.range, Severity::Warning, "arg-in-command",
                   "Dalec does not substitute args in commands: the shell expands " + token + ", and " + ref.name +
                       " is empty unless build.env or the step's env sets it (e.g. " + ref.name + ": ${" + ref.name + "})",
                   false, std::nullopt});
    return;
  }
  // Test steps.
  const yaml::Node* scalar = ref.scalar;
  if (!startsWithShell(scalar ? scalar->value : "")) {
    out.push_back({ref.range, Severity::Warning, "arg-in-test-command",
                   "test step commands run without a shell and Dalec does not substitute args in them, so " + token +
                       " is passed as written; use /bin/sh -c '...' with the variable in the test's env",
                   false, std::nullopt});
    return;
  }
  const spec::TestDecl* test = testOwning(model, ref.owner);
  if (contains(env, ref.name) || (test && contains(test->envNames, ref.name)) || !declared) return;
  out.push_back({ref.range, Severity::Warning, "arg-in-command",
                 "Dalec does not substitute args in commands: the shell expands " + token + ", and " + ref.name +
                     " is empty unless the test's or the step's env sets it",
                 false, std::nullopt});
}

// What BuildKit's word lexer, which Dalec runs over every value it expands, refuses: an unmatched
// quote, a bad ${...}; and a $$ or $1, which it reads as a parameter no spec can declare. Each
// fails the whole spec in Dalec, and a quote is easy to write by accident (`it's`).
void checkExpansion(const spec::SpecModel& model, const yaml::Node& scalar, std::vector<Diagnostic>& out) {
  spec::WordExpansion expanded = spec::expandWord(scalar.value, [&](std::string_view name) -> std::optional<std::string> {
    if (model.findArg(std::string(name)) || spec::isPlatformArg(name) || spec::isKnownFrontendArg(name))
      return "x";  // any value: only whether it lexes matters here
    return std::nullopt;
  });
  if (!expanded.error.empty()) {
    out.push_back({scalar.range, Severity::Error, "arg-expansion",
                   "Dalec cannot expand this value: " + expanded.error +
                       " (Dalec removes quotes and backslashes here as a shell would; write \\' or \\\" for one)",
                   false, std::nullopt});
    return;
  }
  for (const std::string& name : expanded.unmatched) {
    const unsigned char first = static_cast<unsigned char>(name[0]);
    if (std::isalpha(first) || first == '_') continue;  // an ordinary name: the ${NAME} rules say it
    out.push_back({scalar.range, Severity::Error, "arg-expansion",
                   "Dalec reads $" + name + " as the build arg " + quoted(name) +
                       ", which cannot be declared, and rejects the spec; write \\$ for a dollar sign",
                   false, std::nullopt});
  }
}

}  // namespace

void checkArgs(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  std::set<std::string> used;
  const std::vector<std::string> declaredNames = model.argNames();
  for (const ArgRef& ref : model.argRefs) {
    if (!ref.expandedByDalec) {
      if (ref.command != schema::CommandKind::None) checkCommandRef(model, ref, out);
      continue;
    }
    used.insert(ref.name);
    if (model.findArg(ref.name)) continue;
    if (spec::isPlatformArg(ref.name)) {
      out.push_back({ref.nameRange, Severity::Error, "undeclared-builtin-arg",
                     ref.name + " is filled in by Dalec, but only when declared under args (with no default)", false,
                     std::nullopt});
    } else if (spec::isKnownFrontendArg(ref.name)) {
      out.push_back({ref.nameRange, Severity::Warning, "undeclared-arg",
                     ref.name + " is not declared under args, so Dalec leaves " +
                         std::string(model.document->slice(ref.range)) + " as written; declare it to use its value",
                     false, std::nullopt});
    } else {
      auto suggestion = schema::closestMatch(ref.name, declaredNames);
      out.push_back({ref.nameRange, Severity::Error, "undefined-arg",
                     "build arg " + quoted(ref.name) + " is not declared under args" + didYouMean(suggestion), false,
                     suggestion});
    }
  }
  for (const yaml::Node* scalar : model.expandedScalars) checkExpansion(model, *scalar, out);
  for (const spec::ArgDecl& arg : model.args) {
    if (spec::isPlatformArg(arg.name) && arg.hasDefault()) {
      out.push_back({arg.value->range, Severity::Warning, "builtin-arg-default",
                     arg.name + " is filled in by Dalec from the build's platform; declare it with no default", false,
                     std::nullopt});
    }
    if (!used.count(arg.name)) {
      out.push_back({arg.key->range, Severity::Hint, "unused-arg",
                     "arg " + quoted(arg.name) + " is declared but no field that Dalec expands uses it", true,
                     std::nullopt});
    }
  }
}

}  // namespace dalec::analysis
