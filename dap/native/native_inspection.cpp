// threads, stackTrace, scopes, variables, evaluate and exceptionInfo: what an author sees at a
// stop. Frames and the Check scope are in spec terms; the Op scope is the exec op as Dalec emitted
// it; Files browses the filesystem the op is about to see (its "/" input, already in BuildKit's
// cache); `exec COMMAND` in the Debug Console runs in a container set up like the op.
#include <cstdio>

#include "native/native_session.h"

namespace dalec::dap {

namespace {

constexpr int kOpFrame = 1, kTestFrame = 2;
constexpr std::int64_t kFileContentLimit = 64 * 1024;

std::string modeString(std::uint32_t mode) {
  std::string out = (mode & (1u << 31)) ? "d" : (mode & (1u << 27)) ? "l" : "-";
  const char* letters = "rwxrwxrwx";
  for (int bit = 8; bit >= 0; --bit) out += (mode & (1u << bit)) ? letters[8 - bit] : '-';
  return out;
}

std::string octal(std::uint32_t mode) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0o%o", mode & 07777);
  return buffer;
}

std::string joinPath(const std::string& dir, const std::string& name) { return dir == "/" ? "/" + name : dir + "/" + name; }

}  // namespace

long long NativeSession::newReference(json what) {
  const long long reference = nextReference_++;
  references_[reference] = std::move(what);
  return reference;
}

void NativeSession::onStackTrace(const protocol::Request& request) {
  // Only the thread (test) where the session stopped has frames; the others wait their turn.
  const std::optional<int> thread = protocol::parseStackTrace(request.arguments).threadId;
  if (!paused_ || !engine_ || thread != threadOf(paused_->step)) {
    respond(request, {{"stackFrames", json::array()}, {"totalFrames", 0}});
    return;
  }
  const llb::DebugProgram& program = engine_->program();
  const llb::PredictedOp& op = program.predicted[program.steps[paused_->step].predicted];
  const spec::SpecModel& model = engine_->model();
  const LineIndex& lines = model.document->lines();
  auto frameAt = [&](int id, std::string name, ByteRange range) {
    protocol::StackFrame frame;
    frame.id = id;
    frame.name = std::move(name);
    frame.source = specSource();
    const Utf16Range where = lines.toUtf16(range);
    frame.line = where.start.line + 1;
    frame.column = where.start.character + 1;
    frame.endLine = where.end.line + 1;
    frame.endColumn = where.end.character + 1;
    return frame;
  };
  json frames = json::array();
  frames.push_back(frameAt(kOpFrame, op.description, op.node));
  for (const spec::TestDecl& test : model.tests)
    if (test.name && test.name->value == op.testName && test.targetKey == op.targetKey) {
      protocol::StackFrame frame = frameAt(kTestFrame, "test `" + op.testName + "`", test.name->range);
      frame.presentationHint = "label";
      frames.push_back(frame);
    }
  respond(request, {{"stackFrames", frames}, {"totalFrames", frames.size()}});
}

void NativeSession::onScopes(const protocol::Request& request) {
  if (!paused_) {
    fail(request, "not stopped");
    return;
  }
  const llb::DebugProgram& program = engine_->program();
  const llb::PredictedOp& op = program.predicted[program.steps[paused_->step].predicted];
  json scopes = json::array();
  scopes.push_back(protocol::Scope{op.kind == llb::OpKind::Check ? "Check" : "Step", "locals", newReference({{"kind", "facts"}}), false});
  scopes.push_back(protocol::Scope{"Op", "registers", newReference({{"kind", "op"}}), false});
  if (!paused_->rootRef.empty())
    scopes.push_back(protocol::Scope{"Files", "", newReference({{"kind", "dir"}, {"ref", paused_->rootRef}, {"path", "/"}}), true});
  respond(request, {{"scopes", scopes}});
}

std::vector<protocol::Variable> NativeSession::checkVariables(const llb::ProgramStep& step) {
  const llb::PredictedOp& op = engine_->program().predicted[step.predicted];
  std::vector<protocol::Variable> out;
  for (const auto& [name, value] : llb::opFacts(op, engine_->model())) out.push_back({name, value, "", name, 0});
  if (pausedOnFailure_) out.push_back({"failure", failureText_, "", "failure", 0});
  return out;
}

std::vector<protocol::Variable> NativeSession::opVariables(const llb::ProgramStep& step) {
  const llb::ExecOpInfo& exec = step.exec;
  std::vector<protocol::Variable> out;
  std::string command;
  for (const std::string& arg : exec.args) command += (command.empty() ? "" : " ") + arg;
  out.push_back({"args", command, "", "", 0});
  out.push_back({"cwd", exec.cwd.empty() ? "/" : exec.cwd, "", "", 0});
  out.push_back({"user", exec.user.empty() ? "root" : exec.user, "", "", 0});
  out.push_back({"network", exec.network == 1 ? "host" : exec.network == 2 ? "none" : "sandbox", "", "", 0});
  out.push_back({"env", std::to_string(exec.env.size()) + " variables", "", "", newReference({{"kind", "env"}})});
  out.push_back({"mounts", std::to_string(exec.mounts.size()) + " mounts", "", "", newReference({{"kind", "mounts"}})});
  out.push_back({"digest", exec.digest, "", "", 0});
  if (!exec.customName.empty()) out.push_back({"name", exec.customName, "", "", 0});
  return out;
}

void NativeSession::onVariables(const protocol::Request& request) {
  const long long reference = request.arguments.value("variablesReference", -1LL);
  auto found = references_.find(reference);
  if (!paused_ || found == references_.end()) {
    fail(request, "no such variables (the session is not stopped there any more)");
    return;
  }
  const json what = found->second;
  const std::string kind = what.value("kind", "");
  const llb::ProgramStep& step = engine_->program().steps[paused_->step];
  std::vector<protocol::Variable> out;
  if (kind == "facts") {
    out = checkVariables(step);
  } else if (kind == "op") {
    out = opVariables(step);
  } else if (kind == "env") {
    for (const std::string& var : step.exec.env) {
      const auto equals = var.find('=');
      out.push_back({var.substr(0, equals), equals == std::string::npos ? "" : var.substr(equals + 1), "", "", 0});
    }
  } else if (kind == "mounts") {
    for (const llb::MountInfo& mount : step.exec.mounts) {
      static const char* types[] = {"bind", "secret", "ssh", "cache", "tmpfs"};
      std::string value = mount.type >= 0 && mount.type <= 4 ? types[mount.type] : "mount";
      if (mount.input >= 0) value += " of input " + std::to_string(mount.input);
      if (!mount.selector.empty()) value += " (" + mount.selector + ")";
      if (!mount.cacheId.empty()) value += " id " + mount.cacheId;
      value += mount.readonly ? ", read-only" : ", writable";
      out.push_back({mount.dest, value, "", "", 0});
    }
  } else if (kind == "dir" || kind == "file") {
    // The daemon reads these: on the worker, answered when it returns.
    const std::string ref = what.value("ref", ""), path = what.value("path", "/");
    GatewayEngine* engine = engine_.get();
    const protocol::Request answered = request;
    if (kind == "file") {
      work<buildkit::GatewayResult<std::string>>([engine, ref, path] { return engine->readFile(ref, path, kFileContentLimit); },
                                                 [this, answered, what](buildkit::GatewayResult<std::string> content) {
                                                   if (!content.ok()) {
                                                     fail(answered, "cannot read " + what.value("path", "") + ": " + content.failure.message);
                                                     return;
                                                   }
                                                   std::vector<protocol::Variable> vars{
                                                       {"content", *content.value, "string", "", 0},
                                                       {"mode", octal(what.value("mode", 0u)), "", "", 0},
                                                       {"size", std::to_string(what.value("size", 0LL)) + " bytes", "", "", 0}};
                                                   respond(answered, {{"variables", vars}});
                                                 });
      return;
    }
    work<buildkit::GatewayResult<std::vector<buildkit::FileEntry>>>(
        [engine, ref, path] { return engine->listDir(ref, path); },
        [this, answered, ref, path](buildkit::GatewayResult<std::vector<buildkit::FileEntry>> entries) {
          if (!entries.ok()) {
            fail(answered, "cannot list " + path + ": " + entries.failure.message);
            return;
          }
          std::vector<protocol::Variable> vars;
          for (const buildkit::FileEntry& entry : *entries.value) {
            const std::string full = joinPath(path, entry.name);
            protocol::Variable var{entry.name, modeString(entry.mode), "", full, 0};
            if (entry.isDirectory()) {
              var.variablesReference = newReference({{"kind", "dir"}, {"ref", ref}, {"path", full}});
            } else if (entry.isSymlink()) {
              var.value += " -> " + entry.linkTarget;
            } else {
              var.value += " " + std::to_string(entry.size) + " bytes";
              var.variablesReference =
                  newReference({{"kind", "file"}, {"ref", ref}, {"path", full}, {"mode", entry.mode}, {"size", entry.size}});
            }
            vars.push_back(std::move(var));
          }
          respond(answered, {{"variables", vars}});
        });
    return;
  }
  respond(request, {{"variables", out}});
}

void NativeSession::onEvaluate(const protocol::Request& request) {
  const protocol::EvaluateArguments args = protocol::parseEvaluate(request.arguments);
  std::string expression = args.expression;
  while (!expression.empty() && std::isspace(static_cast<unsigned char>(expression.back()))) expression.pop_back();
  if (args.context == "repl" && (expression == "exec" || expression.rfind("exec ", 0) == 0)) {
    if (!paused_ || busy_) {
      fail(request, "`exec` needs a stop: the shell runs where the session stopped");
      return;
    }
    std::string command = expression == "exec" ? "" : expression.substr(5);
    if (command.find_first_not_of(' ') == std::string::npos) {
      openShell(request);
      return;
    }
    GatewayEngine* engine = engine_.get();
    const PausedState state = *paused_;
    const protocol::Request answered = request;
    busy_ = true;
    work<buildkit::ProcessResult>([engine, state, command] { return engine->exec(state, command); },
                                  [this, answered](buildkit::ProcessResult result) {
                                    busy_ = false;
                                    if (!result.error.empty()) {
                                      fail(answered, result.error);
                                      return;
                                    }
                                    std::string text = result.stdoutText + result.stderrText;
                                    if (result.exitCode != 0) text += "(exit code " + std::to_string(result.exitCode) + ")";
                                    respond(answered, {{"result", text}, {"variablesReference", 0}});
                                  });
    return;
  }
  // Hover, watch and the rest of the console: what the stopped op checks, and the spec's args.
  if (paused_) {
    for (const protocol::Variable& var : checkVariables(engine_->program().steps[paused_->step]))
      if (var.name == expression) {
        respond(request, {{"result", var.value}, {"variablesReference", 0}});
        return;
      }
  }
  if (engine_ && graphReady_) {
    const std::string name = expression.size() > 3 && expression.rfind("${", 0) == 0 ? expression.substr(2, expression.size() - 3) : expression;
    if (auto it = launch_.args.find(name); it != launch_.args.end()) {
      respond(request, {{"result", it->second}, {"variablesReference", 0}});
      return;
    }
    if (const spec::ArgDecl* arg = engine_->model().findArg(name)) {
      respond(request, {{"result", arg->hasDefault() ? arg->defaultText() : "(no default)"}, {"variablesReference", 0}});
      return;
    }
  }
  fail(request, "`" + expression + "` is not a field of the stopped op or an arg of the spec; `exec COMMAND` runs a command there");
}

void NativeSession::onExceptionInfo(const protocol::Request& request) {
  if (!pausedOnFailure_) {
    fail(request, "not stopped on a failure");
    return;
  }
  protocol::ExceptionInfo info;
  info.exceptionId = "check-failed";
  info.description = failureText_;
  info.details = failureDetails_;
  respond(request, info);
}

}  // namespace dalec::dap
