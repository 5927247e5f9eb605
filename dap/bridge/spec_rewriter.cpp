#include "bridge/spec_rewriter.h"

#include <cctype>
#include <filesystem>

#include "protocol/json_members.h"

namespace dalec::dap {

using nlohmann::json;

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

SpecRewriter::SpecRewriter(std::shared_ptr<const spec::SpecModel> model, std::string_view targetKey, std::string buildxPath,
                           std::string editorPath)
    : model_(std::move(model)),
      ops_(llb::predictOps(*model_, targetKey)),
      positions_(*model_->document),
      buildxPath_(std::move(buildxPath)),
      editorPath_(std::move(editorPath)) {}

bool SpecRewriter::isSpecPath(const std::string& path) const {
  return lower(path) == lower(buildxPath_) || lower(path) == lower(editorPath_);
}

llb::BreakpointBinding SpecRewriter::bind(int editorLine, std::optional<int> editorColumn) const {
  return llb::bindBreakpoint(*model_, ops_, editorLine, editorColumn);
}

std::optional<llb::BreakpointBinding> SpecRewriter::firstOpOfTest(const std::string& testName) const {
  for (const llb::PredictedOp& op : ops_)
    if (op.testName == testName && op.hasLocation) return bind(positions_.editorLine(op.start.line), std::nullopt);
  return std::nullopt;
}

int SpecRewriter::editorColumn(const llb::LlbPosition& position) const {
  auto offset = positions_.fromDalec(position);
  if (!offset) return position.character;
  return model_->document->lines().toUtf16(*offset).character + 1;
}

json SpecRewriter::editorSource() const {
  return {{"path", editorPath_}, {"name", std::filesystem::path(editorPath_).filename().string()}};
}

void SpecRewriter::rewriteBreakpoint(json& bp) const {
  if (!bp.is_object() || !bp.contains("source") || !bp["source"].is_object() || !isSpecPath(stringMember(bp["source"], "path")))
    return;
  bp["source"] = editorSource();
  if (auto line = integerMember(bp, "line")) {
    const int dalecLine = *line;
    const int column = integerMember(bp, "column").value_or(0);
    bp["line"] = positions_.editorLine(dalecLine);
    if (column > 0) bp["column"] = editorColumn({dalecLine, column});
    if (bp.contains("verified") && bp["verified"] == true)
      for (const llb::PredictedOp& op : ops_)
        if (op.hasLocation && op.start == llb::LlbPosition{dalecLine, column}) bp["message"] = op.description;
  }
  if (auto endLine = integerMember(bp, "endLine")) bp["endLine"] = positions_.editorLine(*endLine);
  bp.erase("endColumn");  // Dalec's range ends are unreliable (quoted and block scalars)
}

std::vector<std::pair<long long, std::size_t>> SpecRewriter::rewriteStackFrames(json& frames) const {
  std::vector<std::pair<long long, std::size_t>> shown;
  if (!frames.is_array()) return shown;
  for (json& frame : frames) {
    if (!frame.is_object() || !frame.contains("source") || !frame["source"].is_object() ||
        !isSpecPath(stringMember(frame["source"], "path")))
      continue;
    const int dalecLine = integerMember(frame, "line").value_or(0);
    const int column = integerMember(frame, "column").value_or(0);
    frame["source"] = editorSource();
    frame["line"] = positions_.editorLine(dalecLine);
    if (column > 0) frame["column"] = editorColumn({dalecLine, column});
    frame.erase("endLine");
    frame.erase("endColumn");
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (!ops_[i].hasLocation || ops_[i].start != llb::LlbPosition{dalecLine, column}) continue;
      frame["name"] = ops_[i].description;
      shown.push_back({integerMember<long long>(frame, "id").value_or(-1), i});
      // The op's text, so the editor highlights exactly the check.
      const auto end = model_->document->lines().toUtf16(ops_[i].node.end);
      frame["endLine"] = end.line + 1;
      frame["endColumn"] = end.character + 1;
      break;
    }
  }
  return shown;
}

std::string SpecRewriter::failureText(const std::string& line) const {
  if (line.empty()) return "a step or check of the build failed (see the output)";
  const std::size_t kindAt = line.find("check_type=");
  if (kindAt == std::string::npos || line[0] != '"') return line;
  const std::string path = line.substr(1, line.find('"', 1) - 1);
  const std::size_t kindEnd = line.find(' ', kindAt);
  const std::string kind = line.substr(kindAt + 11, kindEnd == std::string::npos ? std::string::npos : kindEnd - kindAt - 11);
  const std::string detail = kindEnd == std::string::npos ? std::string() : line.substr(kindEnd + 1);
  for (const llb::PredictedOp& op : ops_) {
    // A missing path is reported as not_exist by the existence (is_dir) check.
    const bool sameKind = op.checkKind == kind || (kind == "not_exist" && op.checkKind == "is_dir");
    if (op.kind == llb::OpKind::Check && op.path == path && sameKind) return op.description + ": " + detail;
  }
  return line;
}

}  // namespace dalec::dap
