#include "spec/target_catalog.h"

#include <algorithm>

namespace dalec::spec {

const std::vector<TargetInfo>& knownTargets() {
  static const std::vector<TargetInfo> targets = {
      {"azlinux3", PackageKind::Rpm},    {"azlinux4", PackageKind::Rpm},     {"almalinux8", PackageKind::Rpm},
      {"almalinux9", PackageKind::Rpm},  {"rockylinux8", PackageKind::Rpm},  {"rockylinux9", PackageKind::Rpm},
      {"bullseye", PackageKind::Deb},    {"bookworm", PackageKind::Deb},     {"trixie", PackageKind::Deb},
      {"bionic", PackageKind::Deb},      {"focal", PackageKind::Deb},        {"jammy", PackageKind::Deb},
      {"noble", PackageKind::Deb},       {"resolute", PackageKind::Deb},     {"flatcar", PackageKind::Sysext},
      {"windowscross", PackageKind::Windows},
  };
  return targets;
}

PackageKind packageKindOf(std::string_view key) {
  for (const TargetInfo& t : knownTargets())
    if (t.key == key) return t.kind;
  return PackageKind::Unknown;
}

bool isKnownTarget(std::string_view key) { return packageKindOf(key) != PackageKind::Unknown; }

std::vector<std::string> knownTargetKeys() {
  std::vector<std::string> keys;
  for (const TargetInfo& t : knownTargets()) keys.emplace_back(t.key);
  return keys;
}

const std::vector<std::string>& platformArgs() {
  static const std::vector<std::string> args = {"TARGETOS", "TARGETARCH", "TARGETPLATFORM", "TARGETVARIANT",
                                                "BUILDOS",  "BUILDARCH",  "BUILDPLATFORM",  "BUILDVARIANT"};
  return args;
}

bool isPlatformArg(std::string_view name) {
  const auto& args = platformArgs();
  return std::find(args.begin(), args.end(), name) != args.end();
}

bool isKnownFrontendArg(std::string_view name) {
  static const std::vector<std::string_view> known = {
      "BUILDKIT_SYNTAX", "DALEC_DISABLE_DIFF_MERGE", "DALEC_DISABLE_PASSTHROUGH", "DALEC_DISABLE_SYMLINK",
      "DALEC_DISABLE_PROXY_CONFIG", "DALEC_SKIP_SIGNING", "DALEC_SIGNING_CONFIG_CONTEXT_NAME",
      "DALEC_SIGNING_CONFIG_PATH", "DALEC_SKIP_TESTS", "DALEC_SOURCE_FILTER_CONFIG_PATH",
      "DALEC_SOURCE_FILTER_CONFIG_CONTEXT_NAME", "DALEC_GOMOD_PROXY", "DALEC_TARGET", "SOURCE_DATE_EPOCH"};
  if (name.rfind("DALEC_SYSEXT_", 0) == 0) return true;
  return std::find(known.begin(), known.end(), name) != known.end() || isPlatformArg(name);
}

}  // namespace dalec::spec
