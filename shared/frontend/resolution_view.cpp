#include "frontend/resolution_view.h"

#include <map>
#include <string_view>

namespace dalec::frontend {

namespace {

// Calls `each(line)` for every line of `text`, without its newline; a last line without one counts.
template <typename Each>
void forEachLine(std::string_view text, Each each) {
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string_view::npos; start = end + 1)
    each(text.substr(start, end - start));
  if (start < text.size()) each(text.substr(start));
}

void appendLine(ResolutionView& view, std::string_view line, int sourceLine) {
  view.text.append(line).push_back('\n');
  view.sourceLines.push_back(sourceLine);
}

}  // namespace

ResolutionView withDalecsResolution(const ResolutionView& ours, const std::vector<ResolutionDifference>& differences,
                                    const std::string& frontendImage, const std::string& dalecYaml) {
  // The first line of ours from the difference's spec line carries the mark: a value's own line.
  std::map<std::size_t, std::string> marks;
  for (const ResolutionDifference& difference : differences)
    for (std::size_t i = 0; i < ours.sourceLines.size(); ++i)
      if (ours.sourceLines[i] == difference.line) {
        marks[i] += "  # ≠ " + (difference.dalec ? "Dalec's frontend resolves it to " + *difference.dalec
                                                  : std::string("Dalec's frontend drops it"));
        break;
      }
  ResolutionView out;
  out.text.reserve(ours.text.size() + dalecYaml.size() + 256);
  out.sourceLines.reserve(ours.sourceLines.size() + 8);
  std::size_t i = 0;
  forEachLine(ours.text, [&](std::string_view line) {
    const int source = i < ours.sourceLines.size() ? ours.sourceLines[i] : -1;
    if (auto mark = marks.find(i); mark != marks.end()) {
      appendLine(out, std::string(line) + mark->second, source);
    } else {
      appendLine(out, line, source);
    }
    ++i;
  });

  appendLine(out, "", -1);
  appendLine(out,
             "# ---- Dalec's frontend (" + frontendImage +
                 ", frontend.dalec.resolve): the spec with its args substituted, before any target is merged",
             -1);
  if (differences.empty()) {
    appendLine(out, "# it resolves every value as above", -1);
  } else {
    appendLine(out, "# " + std::to_string(differences.size()) + (differences.size() == 1 ? " value differs" : " values differ") + " from ours:",
               -1);
    for (const ResolutionDifference& difference : differences)
      appendLine(out,
                 "#   " + difference.path + " (line " + std::to_string(difference.line + 1) + "): ours " + difference.ours + ", " +
                     (difference.dalec ? "Dalec's " + *difference.dalec : "Dalec drops it"),
                 -1);
  }
  forEachLine(dalecYaml, [&](std::string_view line) { appendLine(out, line, -1); });
  return out;
}

}  // namespace dalec::frontend
