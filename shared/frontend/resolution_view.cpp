#include "frontend/resolution_view.h"

namespace dalec::frontend {

namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

void append(ResolutionView& view, const std::vector<std::string>& lines, int sourceLine) {
  for (const std::string& line : lines) {
    view.text += line + "\n";
    view.sourceLines.push_back(sourceLine);
  }
}

}  // namespace

ResolutionView withDalecsResolution(const ResolutionView& ours, const std::vector<ResolutionDifference>& differences,
                                    const std::string& frontendImage, const std::string& dalecYaml) {
  std::vector<std::string> lines = linesOf(ours.text);
  // The first line of ours from the difference's spec line carries the mark: a value's own line.
  for (const ResolutionDifference& difference : differences)
    for (std::size_t i = 0; i < lines.size() && i < ours.sourceLines.size(); ++i)
      if (ours.sourceLines[i] == difference.line) {
        lines[i] += "  # ≠ " + (difference.dalec ? "Dalec's frontend resolves it to " + *difference.dalec
                                                  : std::string("Dalec's frontend drops it"));
        break;
      }
  ResolutionView out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.text += lines[i] + "\n";
    out.sourceLines.push_back(i < ours.sourceLines.size() ? ours.sourceLines[i] : -1);
  }

  std::vector<std::string> header = {
      "",
      "# ---- Dalec's frontend (" + frontendImage +
          ", frontend.dalec.resolve): the spec with its args substituted, before any target is merged"};
  if (differences.empty()) {
    header.push_back("# it resolves every value as above");
  } else {
    header.push_back("# " + std::to_string(differences.size()) + (differences.size() == 1 ? " value differs" : " values differ") +
                     " from ours:");
    for (const ResolutionDifference& difference : differences)
      header.push_back("#   " + difference.path + " (line " + std::to_string(difference.line + 1) + "): ours " + difference.ours +
                       ", " + (difference.dalec ? "Dalec's " + *difference.dalec : "Dalec drops it"));
  }
  append(out, header, -1);
  append(out, linesOf(dalecYaml), -1);
  return out;
}

}  // namespace dalec::frontend
