#pragma once
// What a build's status stream said about each vertex: its name, test group, whether it ran,
// failed or came from the cache, and its output. Fed from the status thread, read after the solve.
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "buildkit/control.pb.h"

namespace dalec::testrun {

struct VertexRecord {
  std::string name;
  std::string group;  // the progress group name, e.g. "Test: azlinux3/works"
  bool started = false, completed = false, cached = false;
  std::size_t startOrder = 0;  // 1 for the first vertex that started, 2 for the next, ...
  std::string error;
  std::string stdoutText, stderrText;  // capped; the end is what matters for a failure
};

// What changed with one status message, for progress reports.
struct StatusChange {
  std::vector<std::string> startedNames;  // vertices that began running
  std::vector<std::string> failedNames;
  std::string lastLogLine;                // the newest complete output line, if any
  std::string newestRunning;              // the last vertex to start of those still running
  std::size_t completedCount = 0, totalCount = 0;
};

class VertexLogBook {
 public:
  StatusChange record(const moby::buildkit::v1::StatusResponse& status);
  VertexRecord find(const std::string& digest) const;
  std::map<std::string, VertexRecord> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, VertexRecord> vertices_;
  std::size_t started_ = 0;
};

}  // namespace dalec::testrun
