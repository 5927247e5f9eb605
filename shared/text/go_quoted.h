#pragma once
// A string as Go's %q writes it (double quotes; \n \t \r \" \\ and \xNN for other control bytes;
// the rest as is), for matching the messages of Dalec and BuildKit, which are Go programs.
#include <string>
#include <string_view>

namespace dalec {

std::string goQuoted(std::string_view text);

}  // namespace dalec
