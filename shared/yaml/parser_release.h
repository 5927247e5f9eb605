#pragma once
// Ending a libfyaml parser, around a defect of the libfyaml Debian 12 ships (internal to the yaml
// folder: the tree builder is the only code that creates parsers).
#include <cstddef>
#include <optional>
#include <string_view>

#include "yaml/tree_builder.h"

struct fy_parser;

namespace dalec::yaml {

// Destroys the parser, unless its parse ended with `failure` in a way that leaves the parser
// unsafe to destroy (see parser_release.cpp); such a parser is kept for the life of the process.
// `working` is the text the failure's offset is of.
void releaseParser(struct fy_parser* parser, const std::optional<ParseFailure>& failure, std::string_view working);

// How many parsers were kept instead of destroyed, for tests.
std::size_t keptParsers();

}  // namespace dalec::yaml
