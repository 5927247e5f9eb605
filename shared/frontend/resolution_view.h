#pragma once
// The read-only resolved view with Dalec's own resolution after ours: each line of ours whose
// value Dalec resolved otherwise (or dropped) gets a comment saying what Dalec made of it; then a
// section naming the frontend, listing the differences, and Dalec's YAML as it answered it.
#include <string>
#include <vector>

#include "frontend/resolution_differences.h"

namespace dalec::frontend {

struct ResolutionView {
  std::string text;
  std::vector<int> sourceLines;  // per line of `text`: the spec's 0-based line, -1 for none
};

ResolutionView withDalecsResolution(const ResolutionView& ours, const std::vector<ResolutionDifference>& differences,
                                    const std::string& frontendImage, const std::string& dalecYaml);

}  // namespace dalec::frontend
