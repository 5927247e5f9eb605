#include "testrun/failure_mapping.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "llb/op_map.h"

namespace dalec::testrun {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// A range without a predicted op: from the start to the end BuildKit gives, or to the line's end.
ByteRange rawRange(const llb::SpecPositions& positions, const yaml::Document& document, const llb::LlbRange& range,
                   std::size_t begin) {
  std::size_t end = begin;
  if (auto e = positions.fromDalec(range.end); e && *e > begin) end = *e;
  if (end == begin) {
    const auto newline = document.text().find('\n', begin);
    end = newline == std::string::npos ? document.text().size() : newline;
  }
  return {begin, end};
}

}  // namespace

std::string failureMessage(const buildkit::SolveFailure& failure, const std::string& dalecText, const llb::PredictedOp* op) {
  std::string headline = dalecText;
  // A step that fails silently leaves only BuildKit's "process … did not complete successfully".
  if (headline.empty() && op && op->kind == llb::OpKind::TestStep && failure.exitCode)
    headline = "the step's command exited with code " + std::to_string(*failure.exitCode) + " and printed nothing";
  std::ostringstream message;
  message << (headline.empty() ? failure.message : headline);
  if (op && !op->description.empty()) message << "\n" << op->description;
  if (failure.exitCode) message << " (exit code " << *failure.exitCode << ")";
  return message.str();
}

const char* outcomeName(TestReport::Outcome outcome) {
  switch (outcome) {
    case TestReport::Outcome::Passed: return "passed";
    case TestReport::Outcome::Failed: return "failed";
    case TestReport::Outcome::Error: return "error";
    case TestReport::Outcome::Cancelled: return "cancelled";
  }
  return "error";
}

std::string failureText(const VertexRecord& vertex) {
  const std::vector<std::string> errLines = lines(vertex.stderrText);
  for (auto it = errLines.rbegin(); it != errLines.rend(); ++it)
    if (it->find("check_type=") != std::string::npos) return *it;
  // A step's own output: its last few stderr lines, else stdout's.
  const std::vector<std::string>& source = errLines.empty() ? lines(vertex.stdoutText) : errLines;
  std::string text;
  const std::size_t from = source.size() > 3 ? source.size() - 3 : 0;
  for (std::size_t i = from; i < source.size(); ++i) text += (text.empty() ? "" : "\n") + source[i];
  return text;
}

TestReport reportFailure(const buildkit::SolveFailure& failure, const VertexRecord& failedVertex,
                         const spec::SpecModel& model, const std::string& targetKey, const std::string& specFilename) {
  TestReport report;
  report.outcome = TestReport::Outcome::Failed;
  report.error = failure.message;
  const llb::SpecPositions positions(*model.document);
  const std::vector<llb::PredictedOp> predicted = llb::predictOps(model, targetKey);
  const std::string dalecText = failureText(failedVertex);

  for (const buildkit::ErrorSource& source : failure.sources) {
    // Dalec names the spec by its base name; buildx compares names case-insensitively too.
    if (lower(source.filename) != lower(specFilename) || source.ranges.empty()) continue;
    const llb::LlbRange& range = source.ranges.front();
    const auto begin = positions.fromDalec(range.start);
    if (!begin) continue;
    CheckFailure check;
    const auto match = std::find_if(predicted.begin(), predicted.end(),
                                    [&](const llb::PredictedOp& op) { return op.hasLocation && op.start == range.start; });
    if (match != predicted.end()) {
      check.range = match->node;
      check.description = match->description;
    } else {
      check.range = rawRange(positions, *model.document, range, *begin);
    }
    if (std::any_of(report.failures.begin(), report.failures.end(), [&](const CheckFailure& f) { return f.range == check.range; }))
      continue;
    check.message = failureMessage(failure, dalecText, match != predicted.end() ? &*match : nullptr);
    report.failures.push_back(std::move(check));
  }
  if (report.failures.empty()) {
    // Nothing to place on the spec (the frontend failed, or an op outside the spec did): say it whole.
    report.outcome = TestReport::Outcome::Error;
    report.error = failure.message;
    if (!dalecText.empty() && failure.message.find(dalecText) == std::string::npos) report.error += "\n" + dalecText;
  }
  return report;
}

}  // namespace dalec::testrun
