#pragma once
// The value a ${NAME} takes where Dalec expands it: a build arg passed to the build, else, for the
// platform args the frontend fills in (TARGETARCH, BUILDOS, ...), the part of the platform it
// builds for, else the arg's declared default, else empty. Hover and inlay hints both ask here,
// so they cannot disagree.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "spec/spec_model.h"

namespace dalec::spec {

struct ArgEnvironment {
  std::map<std::string, std::string> buildArgs;  // as --build-arg NAME=VALUE
  std::string platform;                          // "linux/amd64", "linux/arm/v7"; empty: this machine's
};

struct ArgValue {
  std::string text;
  enum class From { BuildArg, Platform, Default, Unset } from = From::Unset;
};

// Nothing for a name the spec does not declare (Dalec rejects those).
std::optional<ArgValue> argValue(const SpecModel& model, std::string_view name, const ArgEnvironment& env);
// This machine's platform as BuildKit names it (uname's machine mapped to GOARCH).
std::string hostPlatform();

}  // namespace dalec::spec
