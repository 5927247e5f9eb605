#include "spec_fixtures.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "yaml/node.h"

namespace dalec::testing {

const char* const kSpecHeader =
    "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\n"
    "name: demo\n"
    "description: A demo package\n"
    "website: https://example.com\n"
    "version: 1.0.0\n"
    "revision: 1\n"
    "license: MIT\n"
    "packager: Demo <demo@example.com>\n";

std::string lspBinary() { return DALEC_LSP_BINARY; }
std::filesystem::path referenceDir() { return DALEC_REFERENCE_DIR; }
std::filesystem::path examplesDir() { return DALEC_EXAMPLES_DIR; }

std::vector<std::filesystem::path> realSpecs() {
  std::vector<std::filesystem::path> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(referenceDir() / "specs", error))
    if (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Analysed analyseText(const std::string& text) {
  Analysed result;
  result.model = spec::buildModel(yaml::parse(text));
  result.diagnostics = analysis::analyze(*result.model);
  return result;
}

std::vector<analysis::Diagnostic> withCode(const std::vector<analysis::Diagnostic>& all, const std::string& code) {
  std::vector<analysis::Diagnostic> out;
  for (const auto& d : all)
    if (d.code == code) out.push_back(d);
  return out;
}

}  // namespace dalec::testing
