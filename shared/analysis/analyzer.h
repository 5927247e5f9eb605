#pragma once
// Runs every rule family over one spec model. Pure: same model in, same diagnostics out.
#include <vector>

#include "analysis/diagnostic.h"
#include "spec/spec_model.h"

namespace dalec::analysis {

std::vector<Diagnostic> analyze(const spec::SpecModel& model);

// The rule families, one file each.
void checkYamlSyntax(const spec::SpecModel& model, std::vector<Diagnostic>& out);
void checkSchema(const spec::SpecModel& model, std::vector<Diagnostic>& out);
void checkArgs(const spec::SpecModel& model, std::vector<Diagnostic>& out);
void checkSources(const spec::SpecModel& model, std::vector<Diagnostic>& out);
void checkTests(const spec::SpecModel& model, std::vector<Diagnostic>& out);
void checkPackage(const spec::SpecModel& model, std::vector<Diagnostic>& out);

// Shared helpers for rules.
std::string quoted(std::string_view text);
std::string didYouMean(const std::optional<std::string>& suggestion);

}  // namespace dalec::analysis
