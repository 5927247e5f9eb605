#include "testrun/vertex_log_book.h"

namespace dalec::testrun {

namespace {
constexpr std::size_t kLogCap = 64 << 10;

void appendCapped(std::string& log, const std::string& bytes) {
  log += bytes;
  if (log.size() > kLogCap) log.erase(0, log.size() - kLogCap);
}

std::string lastCompleteLine(const std::string& chunk) {
  std::size_t end = chunk.size();
  while (end > 0 && (chunk[end - 1] == '\n' || chunk[end - 1] == '\r')) --end;
  const std::size_t start = chunk.rfind('\n', end == 0 ? 0 : end - 1);
  return chunk.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}
}  // namespace

StatusChange VertexLogBook::record(const moby::buildkit::v1::StatusResponse& status) {
  std::lock_guard lock(mutex_);
  StatusChange change;
  for (const auto& vertex : status.vertexes()) {
    VertexRecord& record = vertices_[vertex.digest()];
    record.name = vertex.name();
    if (vertex.has_progressgroup() && !vertex.progressgroup().name().empty()) record.group = vertex.progressgroup().name();
    record.cached = record.cached || vertex.cached();
    if (vertex.has_started() && !record.started) {
      record.started = true;
      record.startOrder = ++started_;
      change.startedNames.push_back(record.name);
    }
    if (vertex.has_completed()) record.completed = true;
    if (!vertex.error().empty() && record.error.empty()) {
      record.error = vertex.error();
      change.failedNames.push_back(record.name);
    }
  }
  for (const auto& log : status.logs()) {
    VertexRecord& record = vertices_[log.vertex()];
    appendCapped(log.stream() == 2 ? record.stderrText : record.stdoutText, log.msg());
    if (std::string line = lastCompleteLine(log.msg()); !line.empty()) change.lastLogLine = std::move(line);
  }
  change.totalCount = vertices_.size();
  std::size_t newest = 0;
  for (const auto& [digest, record] : vertices_) {
    change.completedCount += record.completed ? 1 : 0;
    if (record.started && !record.completed && record.error.empty() && record.startOrder > newest) {
      newest = record.startOrder;
      change.newestRunning = record.name;
    }
  }
  return change;
}

VertexRecord VertexLogBook::find(const std::string& digest) const {
  std::lock_guard lock(mutex_);
  auto it = vertices_.find(digest);
  return it == vertices_.end() ? VertexRecord{} : it->second;
}

std::map<std::string, VertexRecord> VertexLogBook::snapshot() const {
  std::lock_guard lock(mutex_);
  return vertices_;
}

}  // namespace dalec::testrun
