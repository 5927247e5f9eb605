#pragma once
// What the spec fuzz targets share: a spec analysed as the language server analyses an
// opened document, and the typed feature layer the server's handlers call. The protocol layer
// (JSON-RPC framing, params decoding, result encoding) is lsp_session_fuzzer's job; leaving it
// out here is what lets these targets run thousands of inputs a second under ASan: the JSON trees
// of a whole-document answer cost more than computing it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "features/feature_context.h"
#include "server/document_store.h"
#include "text/utf8.h"

namespace dalec::fuzz {

// FNV-1a: positions and edits derived from the input itself, so mutations move them too.
inline std::uint64_t digest(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// One edit of the kind authors type, picked by a seed drawn from the input: where, how many bytes
// to delete (up to seven) and what to insert (the fragments authors type: `${`, `: `, a list item,
// an anchor...).
struct TypedEdit {
  std::size_t begin = 0;
  std::size_t removed = 0;
  std::string_view inserted;
};

inline TypedEdit typedEdit(std::string_view text, std::uint64_t seed) {
  static constexpr std::string_view kTyped[] = {"${", "}", ": ", "\n  - ", "&a ", "*a", "\"", "# c", "name: x\n", "\t", "", "\n",
                                                "VERSION", "0o755", "- name: t\n    files:\n"};
  const std::size_t begin = text.empty() ? 0 : seed % (text.size() + 1);
  const std::size_t removed = std::min<std::size_t>((seed >> 24) % 8, text.size() - begin);
  return {begin, removed, kTyped[(seed >> 32) % std::size(kTyped)]};
}

// The seed of the next edit.
inline std::uint64_t nextSeed(std::uint64_t seed) { return seed * 6364136223846793005ull + 1442695040888963407ull; }

inline const std::string kSpecUri = "file:///fuzz/spec.dalec.yml";

// An editor's didOpen carries valid UTF-8 (JSON cannot carry anything else).
inline std::string documentText(const std::uint8_t* data, std::size_t size) {
  return utf8::sanitize(std::string_view(reinterpret_cast<const char*>(data), size));
}

// The settings a user might have: a build arg, a platform.
inline spec::ArgEnvironment userSettings() { return spec::ArgEnvironment{{{"VERSION", "9"}}, "linux/arm64"}; }

// One analysed version of the document, and the context features read it through.
struct AnalysedSpec {
  explicit AnalysedSpec(const std::string& text, int version = 1)
      : analysis(lsp::analyzeDocument(kSpecUri, "dalec", version, text)),
        context{kSpecUri, *analysis, lsp::ClientSupport{true}, userSettings()} {}

  std::shared_ptr<const lsp::DocumentAnalysis> analysis;
  lsp::FeatureContext context;
};

}  // namespace dalec::fuzz
