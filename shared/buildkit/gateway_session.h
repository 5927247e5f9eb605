#pragma once
// A build of our own on buildkitd in which this process is the frontend: `Control.Solve` with no
// definition and no frontend keeps a gateway open, and LLBBridge calls carrying the
// `buildkit-controlapi-buildid` metadata reach it. No client session is opened (so no local
// sources, secrets or SSH). Refs and containers live as long as the build, which `close()` ends
// with a Return. Blocking calls, meant for one worker thread; cancel() may come from any thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "buildkit/control_client.h"
#include "buildkit/gateway.grpc.pb.h"
#include "buildkit/solve_failure.h"

namespace dalec::buildkit {

namespace gw = moby::buildkit::v1::frontend;

// A gateway call's failure: BuildKit's error with its typed details (SolveFailure::vertex names
// the op that failed).
template <typename T>
struct GatewayResult {
  std::optional<T> value;
  SolveFailure failure;  // when !value
  bool ok() const { return value.has_value(); }
};

struct FileEntry {
  std::string name;
  std::uint32_t mode = 0;  // Go's os.FileMode: permission bits, plus 1<<31 for a directory, 1<<27 for a symlink
  std::int64_t size = 0;
  std::string linkTarget;
  bool isDirectory() const { return (mode & (1u << 31)) != 0; }
  bool isSymlink() const { return (mode & (1u << 27)) != 0; }
};

struct ProcessSpec {
  std::vector<llb::Mount> mounts;  // resultID set to refs of this build
  int network = 0;
  std::vector<std::string> args, env;
  std::string cwd = "/", user;
  std::string stdinData;
  std::chrono::milliseconds timeout{60000};
};

struct ProcessResult {
  int exitCode = -1;
  std::string stdoutText, stderrText;
  std::string error;  // the container or process could not run
};

// The user's side of an interactive process (a shell with a TTY).
struct TerminalInput {
  std::string data;                                      // typed bytes
  std::optional<std::pair<unsigned, unsigned>> size;     // or a new size: rows, columns
};
struct TerminalIo {
  // Blocks until the user types or resizes; false when the terminal has closed or stop() was called.
  std::function<bool(TerminalInput&)> read;
  std::function<void(const std::string&)> write;  // the process's output (stdout and stderr: one TTY)
  std::function<void()> stop;                     // the process exited: make a blocked read() return false
};

class GatewaySession {
 public:
  explicit GatewaySession(ControlClient& control);
  ~GatewaySession();  // closes the build if still open
  GatewaySession(const GatewaySession&) = delete;
  GatewaySession& operator=(const GatewaySession&) = delete;

  // Starts the build and waits (up to `timeout`) until its gateway answers; `onStatus` gets the
  // build's status stream (logs of every op solved in it) on another thread.
  std::optional<std::string> open(const StatusHandler& onStatus, std::chrono::milliseconds timeout);
  // Called once, on another thread, when the build ends without close() or cancel(): the
  // connection dropped or buildkitd went away. Set before open().
  void setLostHandler(std::function<void(const std::string& why)> onLost) { onLost_ = std::move(onLost); }
  // Why the build is gone although we did not end it, or nothing.
  std::optional<std::string> lost() const;
  // Gateway and LLB capabilities the daemon reported, enabled ones only.
  const std::set<std::string>& caps() const { return caps_; }

  // Calls a frontend (gateway.v0 with `source`, as a build would) and returns its lazy result:
  // the ref and the Definition the frontend solved, with Dalec's source map.
  GatewayResult<gw::Ref> solveFrontend(const moby::buildkit::v1::SolveRequest& asBuild);
  // Calls a frontend's subrequest (the request's `requestid`, e.g. Dalec's frontend.dalec.resolve)
  // and returns the result's metadata (`result.json`, `result.txt`): nothing is built. Only the
  // gateway has it: Control.Solve passes on no metadata but "frontend.*".
  GatewayResult<std::map<std::string, std::string>> callFrontend(const moby::buildkit::v1::SolveRequest& asBuild);
  // Solves a Definition of ours (lazily); the ref to evaluate or read.
  GatewayResult<std::string> solve(const llb::Definition& definition);
  // Runs what a ref stands for; a failure names the op (vertex digest) that failed.
  GatewayResult<bool> evaluate(const std::string& ref);
  GatewayResult<std::vector<FileEntry>> readDir(const std::string& ref, const std::string& path);
  GatewayResult<std::string> readFile(const std::string& ref, const std::string& path, std::int64_t limit);
  // NewContainer + ExecProcess (no TTY) + ReleaseContainer: runs to the end and collects the output.
  ProcessResult run(const ProcessSpec& spec);
  // The same with a TTY, as long as the process or the terminal lives; `io` is used from this
  // thread (read) and one more (write, stop). The container is released before it returns.
  ProcessResult runTerminal(const ProcessSpec& spec, TerminalIo& io);

  // Ends the build: Return, then waits for Control.Solve to come back. Idempotent.
  void close();
  // Aborts whatever call is in flight and the build itself. Safe from any thread.
  void cancel();
  bool cancelled() const { return cancelled_; }
  const std::string& buildRef() const { return ref_; }

 private:
  std::unique_ptr<grpc::ClientContext> context(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  void forget(grpc::ClientContext* context);
  GatewayResult<gw::Result> bridgeSolve(gw::SolveRequest request);
  std::optional<std::string> newContainer(const std::string& id, const ProcessSpec& spec);
  void releaseContainer(const std::string& id);

  ControlClient& control_;
  std::unique_ptr<gw::LLBBridge::Stub> bridge_;
  std::string ref_;
  std::set<std::string> caps_;
  std::thread buildThread_, statusThread_;
  std::unique_ptr<grpc::ClientContext> buildContext_, statusContext_;
  std::atomic<bool> buildEnded_{false}, statusEnded_{false}, cancelled_{false}, closing_{false};
  std::string buildError_;  // under mutex_
  std::function<void(const std::string&)> onLost_;
  mutable std::mutex mutex_;
  std::set<grpc::ClientContext*> active_;
  bool open_ = false, closed_ = false;
};

// While it lives, the client's cancel() (the server shutting down) reaches the session's calls too.
class CancelForwarding {
 public:
  CancelForwarding(ControlClient& client, GatewaySession& session) : client_(client) {
    client_.setCancelHandler([&session] { session.cancel(); });
  }
  ~CancelForwarding() { client_.setCancelHandler(nullptr); }
  CancelForwarding(const CancelForwarding&) = delete;
  CancelForwarding& operator=(const CancelForwarding&) = delete;

 private:
  ControlClient& client_;
};

// The statement buildkitd makes when a required capability is missing, or nothing.
std::optional<std::string> missingCaps(const std::set<std::string>& caps, const std::vector<std::string>& wanted);

}  // namespace dalec::buildkit
