#include "server/document_store.h"

#include "analysis/analyzer.h"
#include "spec/spec_detection.h"
#include "text/line_index.h"
#include "yaml/node.h"

namespace dalec::lsp {

void DocumentStore::open(const TextDocumentItem& item) {
  OpenDocument& doc = documents_[item.uri];
  doc.uri = item.uri;
  doc.languageId = item.languageId;
  doc.version = item.version;
  doc.text = item.text;
  doc.analysis.reset();
  doc.lastTree.reset();
}

bool DocumentStore::change(const VersionedTextDocumentIdentifier& id,
                           const std::vector<TextDocumentContentChangeEvent>& changes) {
  OpenDocument* doc = find(id.uri);
  if (!doc) return false;
  std::string text = doc->text;
  for (const TextDocumentContentChangeEvent& change : changes) {
    if (!change.range) {
      text = change.text;
      continue;
    }
    LineIndex lines(text);
    const Range& r = *change.range;
    if (r.start.line < 0 || r.end.line < 0 || r.start.character < 0 || r.end.character < 0) return false;
    // Positions past the end of a line or of the document are clamped, as LSP asks.
    std::size_t begin = lines.fromUtf16({r.start.line, r.start.character});
    std::size_t end = lines.fromUtf16({r.end.line, r.end.character});
    if (end < begin) return false;
    text.replace(begin, end - begin, change.text);
  }
  doc->text = std::move(text);
  doc->version = id.version;
  doc->analysis.reset();
  return true;
}

void DocumentStore::close(const std::string& uri) { documents_.erase(uri); }

OpenDocument* DocumentStore::find(const std::string& uri) {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

std::shared_ptr<const DocumentAnalysis> DocumentStore::analysisOf(const std::string& uri) {
  OpenDocument* doc = find(uri);
  if (!doc) return nullptr;
  if (!doc->analysis || doc->analysis->version != doc->version) {
    // Handed over, so that the parse can take the old tree over when nothing else holds it.
    doc->analysis = analyzeDocument(doc->uri, doc->languageId, doc->version, doc->text, std::move(doc->lastTree));
    if (doc->analysis->model) doc->lastTree = doc->analysis->model->document;
  }
  return doc->analysis;
}

std::shared_ptr<const DocumentAnalysis> analyzeDocument(const std::string& uri, const std::string& languageId,
                                                        int version, const std::string& text,
                                                        std::shared_ptr<const yaml::Document> previous) {
  auto result = std::make_shared<DocumentAnalysis>();
  result->version = version;
  result->isSpec = spec::isDalecSpec(uri, languageId, text);
  if (!result->isSpec) return result;
  result->model = spec::buildModel(yaml::parse(text, std::move(previous)));
  result->diagnostics = analysis::analyze(*result->model);
  return result;
}

}  // namespace dalec::lsp
