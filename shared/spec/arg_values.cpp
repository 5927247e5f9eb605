#include "spec/arg_values.h"

#include <sys/utsname.h>

#include "spec/target_catalog.h"

namespace dalec::spec {

namespace {

struct PlatformParts {
  std::string os, arch, variant;
};

PlatformParts split(const std::string& platform) {
  PlatformParts parts;
  const auto first = platform.find('/');
  parts.os = platform.substr(0, first);
  if (first == std::string::npos) return parts;
  const auto second = platform.find('/', first + 1);
  parts.arch = platform.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (second != std::string::npos) parts.variant = platform.substr(second + 1);
  return parts;
}

// TARGETOS / BUILDARCH / ...: the same four parts for the target and the build platform; a
// debugger or test run here builds for the machine it runs on.
std::string platformPart(std::string_view name, const std::string& platform) {
  const PlatformParts parts = split(platform);
  const std::string_view part = name.substr(name.rfind("TARGET", 0) == 0 ? 6 : 5);  // after TARGET or BUILD
  if (part == "OS") return parts.os;
  if (part == "ARCH") return parts.arch;
  if (part == "VARIANT") return parts.variant;
  return platform;  // ...PLATFORM
}

}  // namespace

std::string hostPlatform() {
  utsname info{};
  std::string machine = ::uname(&info) == 0 ? info.machine : "x86_64";
  if (machine == "x86_64") return "linux/amd64";
  if (machine == "aarch64") return "linux/arm64";
  if (machine == "armv7l") return "linux/arm/v7";
  if (machine == "i686" || machine == "i386") return "linux/386";
  return "linux/" + machine;  // ppc64le, s390x, riscv64 are already GOARCH names
}

std::optional<ArgValue> argValue(const SpecModel& model, std::string_view name, const ArgEnvironment& env) {
  const ArgDecl* arg = model.findArg(name);
  if (!arg) return std::nullopt;
  if (auto passed = env.buildArgs.find(std::string(name)); passed != env.buildArgs.end())
    return ArgValue{passed->second, ArgValue::From::BuildArg};
  if (isPlatformArg(name)) return ArgValue{platformPart(name, env.platform.empty() ? hostPlatform() : env.platform), ArgValue::From::Platform};
  if (arg->hasDefault()) return ArgValue{arg->defaultText(), ArgValue::From::Default};
  return ArgValue{"", ArgValue::From::Unset};
}

}  // namespace dalec::spec
