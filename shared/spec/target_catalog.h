#pragma once
// The target keys Dalec's frontend knows, and what kind of package each builds.
#include <string>
#include <string_view>
#include <vector>

namespace dalec::spec {

enum class PackageKind { Rpm, Deb, Sysext, Windows, Unknown };

struct TargetInfo {
  std::string_view key;
  PackageKind kind;
};

const std::vector<TargetInfo>& knownTargets();
PackageKind packageKindOf(std::string_view targetKey);
bool isKnownTarget(std::string_view targetKey);
std::vector<std::string> knownTargetKeys();

// Build args the frontend fills in itself; a spec must declare them (without a default) to use them.
const std::vector<std::string>& platformArgs();
bool isPlatformArg(std::string_view name);
// Build args the frontend accepts without a declaration (DALEC_TARGET, DALEC_SKIP_TESTS, ...).
bool isKnownFrontendArg(std::string_view name);

}  // namespace dalec::spec
