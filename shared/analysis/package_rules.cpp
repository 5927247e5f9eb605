// What the package kinds need: rpm wants name/version/revision/description/license, deb wants a
// packager; and the target keys Dalec knows.
#include <set>

#include "analysis/analyzer.h"
#include "schema/spelling.h"
#include "spec/target_catalog.h"
#include "yaml/mapping_view.h"

namespace dalec::analysis {

namespace {

bool hasValue(const yaml::Node* root, const char* key) {
  const yaml::Node* value = yaml::lookup(root, key);
  const yaml::Node* target = value ? value->resolved() : nullptr;
  return target && !target->isNull && !(target->isScalar() && target->value.empty() && target->style == yaml::ScalarStyle::Plain);
}

// Where to report a missing top-level field: the first key of the spec.
ByteRange topOfSpec(const yaml::Node* root) {
  return root->pairs.empty() ? ByteRange{root->range.begin, root->range.begin} : root->pairs.front().key->range;
}

}  // namespace

void checkPackage(const spec::SpecModel& model, std::vector<Diagnostic>& out) {
  if (!model.root) return;
  std::set<spec::PackageKind> kinds;
  std::string rpmTarget, debTarget;
  for (const spec::TargetDecl& target : model.targets) {
    const spec::PackageKind kind = spec::packageKindOf(target.key);
    kinds.insert(kind);
    if (kind == spec::PackageKind::Rpm && rpmTarget.empty()) rpmTarget = target.key;
    if (kind == spec::PackageKind::Deb && debTarget.empty()) debTarget = target.key;
    if (kind == spec::PackageKind::Unknown && !target.forwardsToFrontend) {
      auto suggestion = schema::closestMatch(target.key, spec::knownTargetKeys());
      out.push_back({target.keyNode->range, Severity::Warning, "unknown-target",
                     quoted(target.key) + " is not a Dalec target, so this entry is never used (unless it sets "
                                          "frontend.image)" + didYouMean(suggestion),
                     false, suggestion});
    }
  }
  const ByteRange where = topOfSpec(model.root);
  // Without a targets map a spec can be built for any target: say what rpm targets would need.
  const bool anyTarget = model.targets.empty();
  // Dalec loads a spec without any of these (its resolve subrequest accepts it), so they are not
  // errors; the package build is what fails, which a warning says before it is run.
  for (const char* field : {"name", "version", "revision", "description", "license"}) {
    if (hasValue(model.root, field)) continue;
    if (!rpmTarget.empty() || std::string(field) == "name") {
      out.push_back({where, Severity::Warning, "missing-required",
                     "the spec has no " + quoted(field) +
                         (rpmTarget.empty() ? std::string("; Dalec loads it, but no package can be built without one")
                                            : "; Dalec loads it, but building the rpm target " + rpmTarget + " fails without it"),
                     false, std::nullopt});
    } else {
      out.push_back({where, Severity::Information, "missing-required",
                     "the spec has no " + quoted(field) + "; rpm targets (such as azlinux3) need it", false,
                     std::nullopt});
    }
  }
  if (!hasValue(model.root, "packager")) {
    if (!debTarget.empty())
      out.push_back({where, Severity::Warning, "missing-required",
                     "the spec has no \"packager\"; Dalec loads it, but building the deb target " + debTarget +
                         " fails without it",
                     false, std::nullopt});
    else if (anyTarget)
      out.push_back({where, Severity::Information, "missing-required",
                     "the spec has no \"packager\"; deb targets (such as bookworm) need it", false, std::nullopt});
  }
  // Only Dalec's published schema asks for a website; Dalec itself never reads it as required.
  if (!hasValue(model.root, "website"))
    out.push_back({where, Severity::Hint, "missing-required",
                   "the spec has no \"website\" (Dalec's published schema asks for one; Dalec does not need it)", false,
                   std::nullopt});
}

}  // namespace dalec::analysis
