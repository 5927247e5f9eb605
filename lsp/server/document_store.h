#pragma once
// Open documents, their text and version, and the analysis of each version. A version is parsed
// and analysed once; every feature reads that shared result.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/diagnostic.h"
#include "protocol/lsp_types.h"
#include "spec/spec_model.h"

namespace dalec::lsp {

struct DocumentAnalysis {
  int version = 0;
  bool isSpec = false;
  std::shared_ptr<const spec::SpecModel> model;  // null when the document is not a Dalec spec
  std::vector<analysis::Diagnostic> diagnostics;
};

struct OpenDocument {
  std::string uri;
  std::string languageId;
  int version = 0;
  std::string text;
  std::shared_ptr<const DocumentAnalysis> analysis;  // of `version`, once computed
  // The YAML tree of the last version analysed, which the next parse reuses where the text is the same.
  std::shared_ptr<const yaml::Document> lastTree;
};

class DocumentStore {
 public:
  void open(const TextDocumentItem& item);
  // Applies changes in order; returns false (and leaves the text as it was) when a change's range
  // lies outside the document, which means client and server disagree about the text.
  bool change(const VersionedTextDocumentIdentifier& id, const std::vector<TextDocumentContentChangeEvent>& changes);
  void close(const std::string& uri);

  OpenDocument* find(const std::string& uri);
  std::size_t size() const { return documents_.size(); }
  // The analysis of the document's current version, computing it if needed.
  std::shared_ptr<const DocumentAnalysis> analysisOf(const std::string& uri);

 private:
  std::map<std::string, OpenDocument> documents_;
};

// What a request about a document the client has not opened (or has closed) is answered.
inline std::string notOpenMessage(const std::string& uri) { return "document is not open: " + uri; }

// `previous`, when given, is the tree of an earlier version of the same document (see yaml::parse:
// handed over as the only reference, it is taken over).
std::shared_ptr<const DocumentAnalysis> analyzeDocument(const std::string& uri, const std::string& languageId,
                                                        int version, const std::string& text,
                                                        std::shared_ptr<const yaml::Document> previous = nullptr);

}  // namespace dalec::lsp
