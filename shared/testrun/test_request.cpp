#include "testrun/test_request.h"

#include "spec/target_catalog.h"

namespace dalec::testrun {

std::string routeForTarget(const std::string& target) {
  if (target.find('/') != std::string::npos) return target;
  switch (spec::packageKindOf(target)) {
    case spec::PackageKind::Deb: return target + "/deb";
    case spec::PackageKind::Sysext: return target + "/testing/sysext";
    default: return target + "/container";
  }
}

TestRequest buildTestRequest(const std::string& specPath, const std::string& specText, const spec::SpecModel& model,
                             const TestRunOptions& options) {
  TestRequest result;
  auto refuse = [&](std::string reason) {
    result.request.reset();
    result.error = std::move(reason);
    return result;
  };
  static_cast<frontend::FrontendRequest&>(result) = frontend::buildFrontendRequest(specPath, specText, model, options);
  if (!result.request) return result;
  if (options.target.empty()) return refuse("no target to test: pass one (--target, or the lens's target), e.g. azlinux3/container");
  if (model.tests.empty()) return refuse("the spec has no tests");
  result.route = routeForTarget(options.target);
  (*result.request->mutable_frontendattrs())["target"] = result.route;
  return result;
}

}  // namespace dalec::testrun
