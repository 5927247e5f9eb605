// A shell's end reaching the shell's caller, with BuildKit's ExecProcess messages in an order the
// real daemon sends only when it loses a race: Done before the EOF of the process's output.
//
// Stand-in: BuildKit v0.32's gateway (frontend/gateway/gateway.go, ExecProcess) sends Done once
// every fd of the process is let go; our half-close lets them all go at once (processIO.Discard),
// while the goroutine copying the output may not have sent that fd's EOF yet. The real daemon did
// so on a slow machine (the ASan build of native_engine.test.js: once in CI, once in three runs
// here), which no test can ask of it on demand. This server replays that order: Started, output, Exit; then, once our stdin's EOF and our
// half-close are in, Done and only then the output's EOF; then the call ends OK.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>

#include "buildkit/control.grpc.pb.h"
#include "buildkit/control_client.h"
#include "buildkit/gateway.grpc.pb.h"
#include "buildkit/gateway_session.h"
#include "buildkit/routes/address.h"

namespace dalec {
namespace {

namespace gw = moby::buildkit::v1::frontend;
namespace v1 = moby::buildkit::v1;

// The build a gateway client opens: its Solve and Status calls last until Return (or the client
// goes).
class BuildStandIn final : public v1::Control::Service {
 public:
  grpc::Status Solve(grpc::ServerContext* context, const v1::SolveRequest*, v1::SolveResponse*) override {
    waitForEnd(context);
    return grpc::Status::OK;
  }
  grpc::Status Status(grpc::ServerContext* context, const v1::StatusRequest*, grpc::ServerWriter<v1::StatusResponse>*) override {
    waitForEnd(context);
    return grpc::Status::OK;
  }
  void end() {
    std::lock_guard lock(mutex_);
    ended_ = true;
    changed_.notify_all();
  }

 private:
  void waitForEnd(grpc::ServerContext* context) {
    std::unique_lock lock(mutex_);
    while (!ended_ && !context->IsCancelled()) changed_.wait_for(lock, std::chrono::milliseconds(20));
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  bool ended_ = false;
};

class GatewayStandIn final : public gw::LLBBridge::Service {
 public:
  explicit GatewayStandIn(BuildStandIn& build) : build_(build) {}

  grpc::Status Ping(grpc::ServerContext*, const gw::PingRequest*, gw::PongResponse*) override { return grpc::Status::OK; }
  grpc::Status Return(grpc::ServerContext*, const gw::ReturnRequest*, gw::ReturnResponse*) override {
    build_.end();
    return grpc::Status::OK;
  }
  grpc::Status NewContainer(grpc::ServerContext*, const gw::NewContainerRequest*, gw::NewContainerResponse*) override {
    return grpc::Status::OK;
  }
  grpc::Status ReleaseContainer(grpc::ServerContext*, const gw::ReleaseContainerRequest*, gw::ReleaseContainerResponse*) override {
    ++released;
    return grpc::Status::OK;
  }

  grpc::Status ExecProcess(grpc::ServerContext*, grpc::ServerReaderWriter<gw::ExecMessage, gw::ExecMessage>* stream) override {
    gw::ExecMessage incoming;
    if (!stream->Read(&incoming) || !incoming.has_init()) return {grpc::StatusCode::INVALID_ARGUMENT, "no init"};
    const std::string pid = incoming.processid();
    tty = incoming.init().tty();
    auto send = [&](auto fill) {
      gw::ExecMessage message;
      message.set_processid(pid);
      fill(message);
      stream->Write(message);
    };
    send([](gw::ExecMessage& m) { m.mutable_started(); });
    send([](gw::ExecMessage& m) {
      m.mutable_file()->set_fd(1);
      m.mutable_file()->set_data("$ exit 3\r\n");
    });
    send([](gw::ExecMessage& m) { m.mutable_exit()->set_code(3); });
    while (stream->Read(&incoming))  // our stdin's EOF, then our half-close
      if (incoming.has_file() && incoming.file().eof()) stdinClosed = true;
    send([](gw::ExecMessage& m) { m.mutable_done(); });
    send([](gw::ExecMessage& m) {
      m.mutable_file()->set_fd(1);
      m.mutable_file()->set_eof(true);
    });
    return grpc::Status::OK;
  }

  std::atomic<bool> tty{false}, stdinClosed{false};
  std::atomic<int> released{0};

 private:
  BuildStandIn& build_;
};

class GatewayProcessEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("dalec-gateway-standin-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
    const std::string address = "unix://" + (directory_ / "buildkitd.sock").string();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address, grpc::InsecureServerCredentials());
    builder.RegisterService(&build_);
    builder.RegisterService(&gateway_);
    server_ = builder.BuildAndStart();
    ASSERT_TRUE(server_);
    control_ = std::make_unique<buildkit::ControlClient>(*buildkit::parseDaemonAddress(address).value);
  }
  void TearDown() override {
    control_.reset();
    if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    std::filesystem::remove_all(directory_);
  }

  std::filesystem::path directory_;
  BuildStandIn build_;
  GatewayStandIn gateway_{build_};
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<buildkit::ControlClient> control_;
};

// The user's terminal: nothing typed, open until the shell ends it (io.stop), as an editor's
// terminal stays open until `dalec-dap shell` gets the exit.
struct IdleTerminal {
  std::mutex mutex;
  std::condition_variable stopped;
  bool stop = false;
  std::string output;
  buildkit::TerminalIo io() {
    buildkit::TerminalIo io;
    io.read = [this](buildkit::TerminalInput&) {
      std::unique_lock lock(mutex);
      stopped.wait(lock, [this] { return stop; });
      return false;
    };
    io.write = [this](const std::string& data) {
      std::lock_guard lock(mutex);
      output += data;
    };
    io.stop = [this] {
      std::lock_guard lock(mutex);
      stop = true;
      stopped.notify_all();
    };
    return io;
  }
};

TEST_F(GatewayProcessEnd, AShellEndsWithItsExitCodeWhenTheOutputsEofComesAfterDone) {
  buildkit::GatewaySession session(*control_);
  ASSERT_EQ(session.open(nullptr, std::chrono::seconds(10)), std::nullopt);
  IdleTerminal terminal;
  buildkit::TerminalIo io = terminal.io();
  buildkit::ProcessSpec spec;
  spec.args = {"/bin/sh"};
  auto shell = std::async(std::launch::async, [&] { return session.runTerminal(spec, io); });
  // Reading the call only up to Done left the EOF unread, and Finish() then waited for ever.
  const bool ended = shell.wait_for(std::chrono::seconds(15)) == std::future_status::ready;
  if (!ended) session.cancel();  // so that the test itself ends
  const buildkit::ProcessResult result = shell.get();
  EXPECT_TRUE(ended) << "the shell did not end after its process exited";
  EXPECT_EQ(result.exitCode, 3);
  EXPECT_EQ(result.error, "");
  EXPECT_EQ(terminal.output, "$ exit 3\r\n");
  EXPECT_TRUE(gateway_.tty);
  EXPECT_TRUE(gateway_.stdinClosed);
  EXPECT_EQ(gateway_.released, 1);  // the container went with the shell
  session.close();
}

}  // namespace
}  // namespace dalec
