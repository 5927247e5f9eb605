#pragma once
// Where the tests find the built binaries and the real specs of the reference material.
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "spec/spec_model.h"

namespace dalec::testing {

std::string lspBinary();               // the built dalec-lsp
std::filesystem::path referenceDir();  // ../shared/reference beside the repository
std::filesystem::path examplesDir();   // the repository's examples/
std::vector<std::filesystem::path> realSpecs();  // reference specs/ (valid specs from Dalec)
std::string readFile(const std::filesystem::path& path);

struct Analysed {
  std::shared_ptr<const spec::SpecModel> model;
  std::vector<analysis::Diagnostic> diagnostics;
};
Analysed analyseText(const std::string& text);
// Diagnostics with the given code only.
std::vector<analysis::Diagnostic> withCode(const std::vector<analysis::Diagnostic>& all, const std::string& code);

// A minimal complete spec header, so that rule tests see only the findings they are about.
extern const char* const kSpecHeader;

}  // namespace dalec::testing
