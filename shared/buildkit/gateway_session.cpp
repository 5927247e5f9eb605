#include "buildkit/gateway_session.h"

#include <map>

#include <grpcpp/grpcpp.h>

#include <random>

namespace dalec::buildkit {

namespace v1 = moby::buildkit::v1;

namespace {

constexpr const char* kBuildIdKey = "buildkit-controlapi-buildid";

SolveFailure failureOf(const grpc::Status& status) {
  return decodeSolveFailure(static_cast<int>(status.error_code()), status.error_message(), status.error_details());
}

template <typename T>
GatewayResult<T> failed(std::string message, int code = 2) {
  GatewayResult<T> result;
  result.failure.grpcCode = code;
  result.failure.message = std::move(message);
  return result;
}

// Container ids must be letters and digits only: buildkitd accepts others in NewContainer and then
// refuses to exec in them.
std::string newContainerId() {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::mt19937_64 generator(device());
  std::uniform_int_distribution<int> pick(0, 35);
  std::string id = "dalecdap";
  for (int i = 0; i < 16; ++i) id.push_back(alphabet[pick(generator)]);
  return id;
}

}  // namespace

std::optional<std::string> missingCaps(const std::set<std::string>& caps, const std::vector<std::string>& wanted) {
  // The first BuildKit release whose gateway has each cap (frontend/gateway/pb/caps.go of the
  // module proxy's v0.6.0 … v0.11.0): what to tell a user whose daemon is older, such as the
  // BuildKit v0.8 inside Docker 20.10.
  static const std::map<std::string, std::pair<int, std::string>> kSince = {
      {"return", {6, "v0.6.0"}},           {"frontend.inputs", {7, "v0.7.0"}}, {"proto.refarray", {7, "v0.7.0"}},
      {"reference.output", {7, "v0.7.0"}}, {"gateway.exec", {8, "v0.8.0"}},    {"gateway.evaluate", {11, "v0.11.0"}}};
  std::string missing;
  int newest = 0;
  std::string newestName = "v0.11.0";
  std::size_t count = 0;
  for (const std::string& cap : wanted) {
    if (caps.count(cap)) continue;
    ++count;
    missing += (missing.empty() ? "" : ", ") + cap;
    if (auto since = kSince.find(cap); since != kSince.end()) {
      missing += " (since BuildKit " + since->second.second + ")";
      if (since->second.first > newest) newest = since->second.first, newestName = since->second.second;
    }
  }
  if (missing.empty()) return std::nullopt;
  return "the BuildKit daemon lacks the " + std::string(count == 1 ? "capability " : "capabilities ") + missing + "; use BuildKit " +
         newestName + " or later (a Docker engine's own BuildKit is as old as the engine: a buildx builder or a buildkitd of "
         "your own is newer)";
}

GatewaySession::GatewaySession(ControlClient& control)
    : control_(control), bridge_(gw::LLBBridge::NewStub(control.channel())), ref_(newBuildRef()) {}

GatewaySession::~GatewaySession() { close(); }

std::unique_ptr<grpc::ClientContext> GatewaySession::context(std::optional<std::chrono::milliseconds> timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata(kBuildIdKey, ref_);
  if (timeout) context->set_deadline(std::chrono::system_clock::now() + *timeout);
  std::lock_guard lock(mutex_);
  active_.insert(context.get());
  if (cancelled_) context->TryCancel();
  return context;
}

void GatewaySession::forget(grpc::ClientContext* context) {
  std::lock_guard lock(mutex_);
  active_.erase(context);
}

std::optional<std::string> GatewaySession::open(const StatusHandler& onStatus, std::chrono::milliseconds timeout) {
  if (open_) return std::nullopt;
  open_ = true;
  statusContext_ = std::make_unique<grpc::ClientContext>();
  buildContext_ = std::make_unique<grpc::ClientContext>();
  {
    std::lock_guard lock(mutex_);
    active_.insert(statusContext_.get());
    active_.insert(buildContext_.get());
  }
  // The daemon holds a Status call until the build of that ref exists, so it can go first.
  statusThread_ = std::thread([this, onStatus] {
    v1::StatusRequest request;
    request.set_ref(ref_);
    auto reader = control_.stub().Status(statusContext_.get(), request);
    v1::StatusResponse response;
    while (reader->Read(&response))
      if (onStatus) onStatus(response);
    reader->Finish();
    statusEnded_ = true;
  });
  // No definition and no frontend: the daemon registers a gateway for this ref and waits for us.
  // The build lasts as long as this call; it must have no deadline.
  buildThread_ = std::thread([this] {
    v1::SolveRequest request;
    request.set_ref(ref_);
    request.set_internal(true);  // not recorded in the daemon's build history
    v1::SolveResponse response;
    const grpc::Status status = control_.stub().Solve(buildContext_.get(), request, &response);
    {
      std::lock_guard lock(mutex_);
      if (!status.ok()) buildError_ = status.error_message();
    }
    buildEnded_ = true;
    if (onLost_) {
      if (auto why = lost()) onLost_(*why);
    }
  });
  // A call that comes before the daemon registered the build waits up to 3 s, then fails with
  // "no such job"; retry until it answers.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline && !cancelled_) {
    if (buildEnded_) return "the BuildKit daemon ended the build at once: " + lost().value_or("cancelled");
    auto ctx = context(std::chrono::milliseconds(4000));
    gw::PingRequest ping;
    gw::PongResponse pong;
    const grpc::Status status = bridge_->Ping(ctx.get(), ping, &pong);
    forget(ctx.get());
    if (status.ok()) {
      for (const gw::APICap& cap : pong.frontendapicaps())
        if (cap.enabled()) caps_.insert(cap.id());
      for (const gw::APICap& cap : pong.llbcaps())
        if (cap.enabled()) caps_.insert(cap.id());
      return std::nullopt;
    }
    last = status.error_message();
    if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED)
      return "the BuildKit daemon has no gateway API (" + last + ")";
    if (status.error_code() != grpc::StatusCode::NOT_FOUND && status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED)
      return "the BuildKit daemon's gateway did not answer: " + last;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (cancelled_) return "cancelled";
  return "the BuildKit daemon did not open a gateway for our build within " + std::to_string(timeout.count()) +
         " ms" + (last.empty() ? "" : ": " + last);
}

GatewayResult<gw::Result> GatewaySession::bridgeSolve(gw::SolveRequest request) {
  // Both flags, or the daemon answers with a bare ref id and no Definition.
  request.set_allowresultreturn(true);
  request.set_allowresultarrayref(true);
  auto ctx = context();
  gw::SolveResponse response;
  const grpc::Status status = bridge_->Solve(ctx.get(), request, &response);
  forget(ctx.get());
  GatewayResult<gw::Result> result;
  if (!status.ok()) result.failure = failureOf(status);
  else result.value = std::move(*response.mutable_result());
  return result;
}

namespace {
gw::SolveRequest frontendCall(const v1::SolveRequest& asBuild) {
  gw::SolveRequest request;
  request.set_frontend(asBuild.frontend());
  for (const auto& [key, value] : asBuild.frontendattrs()) (*request.mutable_frontendopt())[key] = value;
  for (const auto& [key, value] : asBuild.frontendinputs()) (*request.mutable_frontendinputs())[key] = value;
  return request;
}
}  // namespace

GatewayResult<gw::Ref> GatewaySession::solveFrontend(const v1::SolveRequest& asBuild) {
  GatewayResult<gw::Result> solved = bridgeSolve(frontendCall(asBuild));
  GatewayResult<gw::Ref> result;
  if (!solved.ok()) {
    result.failure = std::move(solved.failure);
    return result;
  }
  if (solved.value->has_ref()) {
    result.value = solved.value->ref();
  } else if (solved.value->has_refs() && !solved.value->refs().refs().empty()) {
    // A result per platform: the first (sorted) one is debugged.
    result.value = solved.value->refs().refs().begin()->second;
  } else {
    return failed<gw::Ref>("the frontend returned no result to debug");
  }
  if (result.value->def().def().empty()) return failed<gw::Ref>("the frontend returned a result without its Definition");
  return result;
}

GatewayResult<std::map<std::string, std::string>> GatewaySession::callFrontend(const v1::SolveRequest& asBuild) {
  GatewayResult<gw::Result> solved = bridgeSolve(frontendCall(asBuild));
  GatewayResult<std::map<std::string, std::string>> result;
  if (!solved.ok()) {
    result.failure = std::move(solved.failure);
    return result;
  }
  result.value.emplace(solved.value->metadata().begin(), solved.value->metadata().end());
  return result;
}

GatewayResult<std::string> GatewaySession::solve(const llb::Definition& definition) {
  gw::SolveRequest request;
  *request.mutable_definition() = definition;
  GatewayResult<gw::Result> solved = bridgeSolve(std::move(request));
  GatewayResult<std::string> result;
  if (!solved.ok()) {
    result.failure = std::move(solved.failure);
    return result;
  }
  if (!solved.value->has_ref()) return failed<std::string>("the daemon returned no ref for a solve");
  result.value = solved.value->ref().id();
  return result;
}

GatewayResult<bool> GatewaySession::evaluate(const std::string& ref) {
  gw::EvaluateRequest request;
  request.set_ref(ref);
  auto ctx = context();
  gw::EvaluateResponse response;
  const grpc::Status status = bridge_->Evaluate(ctx.get(), request, &response);
  forget(ctx.get());
  GatewayResult<bool> result;
  if (status.ok()) result.value = true;
  else result.failure = failureOf(status);
  return result;
}

GatewayResult<std::vector<FileEntry>> GatewaySession::readDir(const std::string& ref, const std::string& path) {
  gw::ReadDirRequest request;
  request.set_ref(ref);
  request.set_dirpath(path);
  auto ctx = context(std::chrono::seconds(30));
  gw::ReadDirResponse response;
  const grpc::Status status = bridge_->ReadDir(ctx.get(), request, &response);
  forget(ctx.get());
  GatewayResult<std::vector<FileEntry>> result;
  if (!status.ok()) {
    result.failure = failureOf(status);
    return result;
  }
  result.value.emplace();
  for (const gw::FileStat& stat : response.entries())
    result.value->push_back({stat.path(), stat.mode(), stat.size(), stat.linkname()});
  return result;
}

GatewayResult<std::string> GatewaySession::readFile(const std::string& ref, const std::string& path, std::int64_t limit) {
  gw::ReadFileRequest request;
  request.set_ref(ref);
  request.set_filepath(path);
  request.mutable_range()->set_offset(0);
  request.mutable_range()->set_length(limit);
  auto ctx = context(std::chrono::seconds(30));
  gw::ReadFileResponse response;
  const grpc::Status status = bridge_->ReadFile(ctx.get(), request, &response);
  forget(ctx.get());
  GatewayResult<std::string> result;
  if (status.ok()) result.value = response.data();
  else result.failure = failureOf(status);
  return result;
}

std::optional<std::string> GatewaySession::newContainer(const std::string& id, const ProcessSpec& spec) {
  gw::NewContainerRequest request;
  request.set_containerid(id);
  for (const llb::Mount& mount : spec.mounts) *request.add_mounts() = mount;
  request.set_network(spec.network);
  auto ctx = context(std::chrono::seconds(60));
  gw::NewContainerResponse response;
  const grpc::Status status = bridge_->NewContainer(ctx.get(), request, &response);
  forget(ctx.get());
  if (!status.ok()) return "cannot start a container here: " + status.error_message();
  return std::nullopt;
}

void GatewaySession::releaseContainer(const std::string& id) {
  gw::ReleaseContainerRequest request;
  request.set_containerid(id);
  auto ctx = context(std::chrono::seconds(30));
  gw::ReleaseContainerResponse response;
  // Fails with "exit code: N" when the process exited non-zero: nothing is left behind either way.
  bridge_->ReleaseContainer(ctx.get(), request, &response);
  forget(ctx.get());
}

namespace {

gw::ExecMessage initMessage(const std::string& containerId, const ProcessSpec& spec, bool tty) {
  gw::ExecMessage init;
  init.set_processid(containerId + ":1");
  gw::InitMessage* message = init.mutable_init();
  message->set_containerid(containerId);
  llb::Meta* meta = message->mutable_meta();  // always set: buildkitd dereferences it
  for (const std::string& arg : spec.args) meta->add_args(arg);
  for (const std::string& var : spec.env) meta->add_env(var);
  meta->set_cwd(spec.cwd.empty() ? "/" : spec.cwd);
  meta->set_user(spec.user);
  message->add_fds(0);
  message->add_fds(1);
  message->add_fds(2);
  message->set_tty(tty);
  return init;
}

gw::ExecMessage fdMessage(const std::string& processId, std::string data, bool eof) {
  gw::ExecMessage message;
  message.set_processid(processId);
  message.mutable_file()->set_fd(0);
  message.mutable_file()->set_data(std::move(data));
  message.mutable_file()->set_eof(eof);
  return message;
}

// readsAfterDone: an ExecProcess call is read until Read() fails, never only up to Done. gRPC's
// Finish() gives no status while a message of the call is unread, and BuildKit (v0.32) can send an
// fd's EOF after Done: Done goes out as soon as our half-close has let its IO go, which races the
// goroutines still sending the EOFs. A reader that stopped at Done left that EOF unread, and the
// shell's Finish() waited for ever (the terminal never closed, nor the session after it).

// The process's end as ExecProcess reports it.
void recordExit(const gw::ExitMessage& exit, ProcessResult& result) {
  result.exitCode = static_cast<int>(exit.code());
  if (exit.has_error() && exit.error().code() != 0 && result.exitCode == 255) result.error = exit.error().message();
}

}  // namespace

ProcessResult GatewaySession::run(const ProcessSpec& spec) {
  ProcessResult result;
  const std::string containerId = newContainerId();
  if (auto error = newContainer(containerId, spec)) {
    result.error = *error;
    return result;
  }
  {
    auto ctx = context(spec.timeout);
    auto stream = bridge_->ExecProcess(ctx.get());
    const gw::ExecMessage init = initMessage(containerId, spec, false);
    bool writing = stream->Write(init);
    // The daemon sends Done only after every fd is closed, the client's stdin included.
    if (writing && !spec.stdinData.empty()) writing = stream->Write(fdMessage(init.processid(), spec.stdinData, false));
    if (writing) stream->Write(fdMessage(init.processid(), "", true));
    // Read to the end of the call, not to Done: see readsAfterDone.
    gw::ExecMessage incoming;
    bool halfClosed = false;
    while (stream->Read(&incoming)) {
      if (incoming.has_file()) {
        (incoming.file().fd() == 2 ? result.stderrText : result.stdoutText) += incoming.file().data();
      } else if (incoming.has_exit()) {
        recordExit(incoming.exit(), result);
      } else if (incoming.has_done() && !halfClosed) {
        halfClosed = stream->WritesDone();  // the daemon ends the call once our side is closed too
      }
    }
    if (!halfClosed) stream->WritesDone();
    const grpc::Status status = stream->Finish();
    forget(ctx.get());
    if (!status.ok() && result.exitCode < 0) result.error = "the process did not run: " + status.error_message();
  }
  releaseContainer(containerId);
  return result;
}

ProcessResult GatewaySession::runTerminal(const ProcessSpec& spec, TerminalIo& io) {
  ProcessResult result;
  const std::string containerId = newContainerId();
  if (auto error = newContainer(containerId, spec)) {
    result.error = *error;
    return result;
  }
  auto ctx = context();  // as long as the user keeps the shell
  auto stream = bridge_->ExecProcess(ctx.get());
  const gw::ExecMessage init = initMessage(containerId, spec, true);
  bool writing = stream->Write(init);  // then input and resizes, from this thread alone
  std::atomic<bool> exited{false}, readerDone{false};
  // The daemon's side on a thread of its own: output until the process exits, then Done, then
  // the end of the call (read to there: see readsAfterDone).
  std::thread reader([&] {
    gw::ExecMessage incoming;
    while (stream->Read(&incoming)) {
      if (incoming.has_file()) io.write(incoming.file().data());
      else if (incoming.has_exit()) {
        recordExit(incoming.exit(), result);
        exited = true;
        io.stop();  // the input side closes our stdin, after which the daemon says Done
      }
    }
    exited = true;
    io.stop();
    readerDone = true;
  });
  TerminalInput input;
  while (writing && io.read(input)) {
    gw::ExecMessage message;
    if (input.size) {
      message.set_processid(init.processid());
      message.mutable_resize()->set_rows(input.size->first);
      message.mutable_resize()->set_cols(input.size->second);
    } else {
      message = fdMessage(init.processid(), input.data, false);
    }
    writing = stream->Write(message);
    input = {};
  }
  // The terminal closed first: the process goes with the call. Otherwise it has exited, and the
  // daemon sends Done once our stdin is closed too.
  if (!exited) ctx->TryCancel();
  else if (writing) stream->Write(fdMessage(init.processid(), "", true));
  stream->WritesDone();
  // A daemon that never ends the call does not keep the shell (and the session's end) waiting.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!readerDone && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!readerDone) ctx->TryCancel();
  reader.join();
  const grpc::Status status = stream->Finish();
  forget(ctx.get());
  if (!status.ok() && result.exitCode < 0 && status.error_code() != grpc::StatusCode::CANCELLED)
    result.error = "the shell did not run: " + status.error_message();
  releaseContainer(containerId);
  return result;
}

std::optional<std::string> GatewaySession::lost() const {
  if (!buildEnded_ || closing_ || cancelled_) return std::nullopt;
  std::lock_guard lock(mutex_);
  return "BuildKit ended the build" + (buildError_.empty() ? std::string() : ": " + buildError_);
}

void GatewaySession::close() {
  if (closed_) return;
  closed_ = true;
  closing_ = true;
  if (open_ && !buildEnded_ && !cancelled_) {
    gw::ReturnRequest request;
    request.mutable_result();  // always a result: buildkitd dereferences it
    auto ctx = context(std::chrono::seconds(10));
    gw::ReturnResponse response;
    bridge_->Return(ctx.get(), request, &response);
    forget(ctx.get());
  }
  if (buildThread_.joinable()) {
    // After Return the daemon ends the build within milliseconds; one that does not is cancelled.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!buildEnded_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!buildEnded_) buildContext_->TryCancel();
    buildThread_.join();
  }
  if (statusThread_.joinable()) {
    // The daemon ends the status stream after the build; its last logs are not waited for long.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!statusEnded_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!statusEnded_) statusContext_->TryCancel();
    statusThread_.join();
  }
}

void GatewaySession::cancel() {
  cancelled_ = true;
  std::lock_guard lock(mutex_);
  for (grpc::ClientContext* context : active_) context->TryCancel();
}

}  // namespace dalec::buildkit
