// Sources and patches: one kind per source, source names, and patches naming real sources.
#include "analysis/analyzer.h"
#include "schema/spelling.h"

namespace dalec::analysis {

namespace {

const char* kSourceKinds = "git, http, context, build, inline or image";

void checkPatchEntry(const spec::SpecModel& model, const spec::PatchEntry& entry, std::vector<Diagnostic>& out) {
  const yaml::Node* sourceName = entry.source ? entry.source->resolved() : nullptr;
  if (!sourceName || !sourceName->isScalar() || sourceName->isNull) return;  // schema rules report it
  const spec::SourceDecl* source = model.findSource(sourceName->value);
  if (!source) {
    auto suggestion = schema::closestMatch(sourceName->value, model.sourceNames());
    out.push_back({sourceName->range, Severity::Error, "unknown-source",
                   "patch source " + quoted(sourceName->value) + " is not defined under sources" + didYouMean(suggestion),
                   false, suggestion});
    return;
  }
  if (source->kind == spec::SourceKind::None || source->kind == spec::SourceKind::Inline) return;
  const yaml::Node* path = entry.path ? entry.path->resolved() : nullptr;
  const bool hasPath = path && !path->isNull;
  if (source->isFile() && hasPath) {
    out.push_back({path->range, Severity::Error, "patch-path-not-allowed",
                   "patch source " + quoted(source->name) + " is a single file (" + spec::sourceKindName(source->kind) +
                       "), so the patch takes no path",
                   false, std::nullopt});
  } else if (!source->isFile() && !hasPath) {
    out.push_back({sourceName->range, Severity::Error, "patch-path-required",
                   "patch source " + quoted(source->name) + " is a directory (" + spec::sourceKindName(source->kind) +
                       "); name the patch file inside it with path",
                   false, std::nullopt});
  }
}

}  // namespace

void checkSources(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  for (const spec::SourceDecl& source : model.sources) {
    if (source.name.find('/') != std::string::npos)
      out.push_back({source.key->range, Severity::Error, "invalid-source-name",
                     "source names cannot contain a path separator", false, std::nullopt});
    if (!source.node || source.node->isNull || !source.node->isMapping()) {
      if (!source.node || source.node->isNull)
        out.push_back({source.key->range, Severity::Error, "source-kind",
                       "source " + quoted(source.name) + " needs a kind: " + kSourceKinds, false, std::nullopt});
      continue;
    }
    if (source.kindKeys.empty()) {
      out.push_back({source.key->range, Severity::Error, "source-kind",
                     "source " + quoted(source.name) + " needs exactly one kind: " + kSourceKinds, false, std::nullopt});
    } else if (source.kindKeys.size() > 1) {
      std::string kinds;
      for (std::size_t i = 0; i < source.kindKeys.size(); ++i)
        kinds += (i ? " and " : "") + source.kindKeys[i]->value;
      out.push_back({source.kindKeys[1]->range, Severity::Error, "source-kind",
                     "source " + quoted(source.name) + " has more than one kind (" + kinds + "); a source takes exactly one",
                     false, std::nullopt});
    }
  }
  for (const spec::PatchSet& set : model.patches) {
    if (!model.findSource(set.target)) {
      auto suggestion = schema::closestMatch(set.target, model.sourceNames());
      out.push_back({set.key->range, Severity::Error, "unknown-source",
                     "patches are given for " + quoted(set.target) + ", which is not defined under sources" +
                         didYouMean(suggestion),
                     false, suggestion});
    }
    for (const spec::PatchEntry& entry : set.entries) checkPatchEntry(model, entry, out);
  }
}

}  // namespace dalec::analysis
