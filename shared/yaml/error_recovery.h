#pragma once
// Error recovery for parse() (internal to the yaml folder): libfyaml stops at the first error, so
// recovery blanks the line that caused it and reads on, keeping what remains readable.
#include <memory>
#include <string>

#include "yaml/node.h"

namespace dalec::yaml {

// How recovery probes each blanking it tries. Both give the same trees and errors; the whole-text
// mode is the reference the tests hold the fast one to.
enum class ProbeMode {
  FromRestartPoints,  // each probe reads from the last top-level key before the change
  WholeText,          // each probe reads the whole text
};

// parse() with the probe mode chosen (parse() itself uses FromRestartPoints).
std::shared_ptr<const Document> parseWith(std::string text, ProbeMode mode);

}  // namespace dalec::yaml
