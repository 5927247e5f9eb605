#pragma once
// A guard around a defect of the libfyaml Debian 12 ships (internal to the yaml folder; see
// simple_key_recycle.cpp).
#include <cstddef>

namespace dalec::yaml {

// Whether the linked libfyaml has the defect the guard catches (older than 0.8).
bool libraryRecyclesSimpleKeysTwice();

// How many second recycles of a simple key the guard has caught in this process (for tests).
std::size_t secondRecyclesCaught();

}  // namespace dalec::yaml
