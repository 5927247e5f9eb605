// The frontend's own verdict on an open spec: on save (the default), after each analysed edit, or
// on the dalec.verifySpec command, the spec goes to its own frontend's resolve subrequest
// (shared/frontend/spec_verdict.h) on the test runs' daemon, and what Dalec rejects becomes a
// diagnostic (source "dalec (frontend)") where Dalec says, cleared when it accepts. Asking runs the
// container image the spec names, so only Dalec's published frontends and the images the user lists
// are asked; a daemon that cannot be reached is said once, not on every save.
#include <algorithm>
#include <cstdlib>

#include "analysis/analyzer.h"
#include "frontend/resolution_differences.h"
#include "frontend/resolution_view.h"
#include "spec/resolved_spec.h"
#include "protocol/file_uri.h"
#include "server/language_server.h"

namespace dalec::lsp {

namespace {

constexpr const char* kDalecFrontends[] = {"ghcr.io/project-dalec/dalec/frontend", "ghcr.io/azure/dalec/frontend"};

// "ghcr.io/project-dalec/dalec/frontend:latest@sha256:…" -> "ghcr.io/project-dalec/dalec/frontend".
std::string repositoryOf(std::string image) {
  if (const auto at = image.find('@'); at != std::string::npos) image.erase(at);
  const auto slash = image.rfind('/'), colon = image.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) image.erase(colon);
  return image;
}

std::string verdictCacheKey(const frontend::FrontendRequest& request, const std::string& text) {
  std::string key = request.frontendImage + '\n' + text;
  for (const auto& [name, value] : request.request->frontendattrs()) key += '\n' + name + '=' + value;
  return key;
}

}  // namespace

bool frontendIsTrusted(const std::string& image, const std::vector<std::string>& trusted) {
  const std::string repository = repositoryOf(image);
  for (const char* dalec : kDalecFrontends)
    if (repository == dalec) return true;
  // A listed image with a tag or digest trusts exactly that; a bare repository, every tag of it.
  for (const std::string& listed : trusted)
    if (listed == image || (repositoryOf(listed) == listed && listed == repository)) return true;
  return false;
}

void LanguageServer::askFrontend(const std::string& uri, std::optional<nlohmann::json> commandId) {
  auto answer = [&](int code, const std::string& text) {
    if (commandId) send_(makeError(*commandId, code, text));
  };
  OpenDocument* open = documents_.find(uri);
  auto analysis = documents_.analysisOf(uri);
  if (!open || !analysis) return answer(rpc_error::kInvalidParams, notOpenMessage(uri));
  if (!analysis->isSpec || !analysis->model) return answer(rpc_error::kRequestFailed, uri + " is not a Dalec spec");

  const frontend::FrontendOptions options = frontendOptionsOf(options_);
  const std::string path = pathOfFileUri(uri).value_or(uri);
  frontend::FrontendRequest request = frontend::buildVerdictRequest(path, open->text, *analysis->model, options);
  if (!request.request) {
    if (!commandId) log_("no frontend verdict for " + uri + ": " + request.error);
    return answer(rpc_error::kRequestFailed, request.error);
  }
  // Dalec fills in ${TARGETARCH} and the other platform args for the platform the views assume.
  if (!options_.platform.empty()) (*request.request->mutable_frontendattrs())["platform"] = options_.platform;
  if (!frontendIsTrusted(request.frontendImage, options_.trustedFrontendImages)) {
    const std::string why = "the frontend image " + request.frontendImage +
                            " is not one of Dalec's and not in dalec.frontend.trustedImages, so it is not run to "
                            "check the spec";
    if (untrustedSaid_.insert(request.frontendImage).second) sendLogMessage(3, why);
    return answer(rpc_error::kRequestFailed, why);
  }
  const buildkit::AddressResult address = buildkit::resolveDaemonAddress(options_.buildkit);
  if (!address.value) {
    if (commandId) send_(makeError(*commandId, rpc_error::kRequestFailed, address.error, buildkitUnreachable()));
    return;
  }

  VerdictJob job{uri, open->version, *address.value, request, open->text, verdictCacheKey(request, open->text)};
  if (commandId) verdictCommands_[uri].push_back(*commandId);
  // The same question was answered already: answer it again without asking.
  if (auto last = lastVerdict_.find(uri); last != lastVerdict_.end() && last->second.cacheKey == job.cacheKey) {
    finishVerdict(job, last->second.resolution);
    return;
  }
  verdicts_.ask(std::move(job));
}

void LanguageServer::finishVerdict(const VerdictJob& job, const frontend::FrontendResolution& resolution) {
  using Outcome = frontend::SpecVerdict::Outcome;
  const frontend::SpecVerdict& verdict = resolution.verdict;
  nlohmann::json result = {{"verdict", frontend::outcomeName(verdict.outcome)},
                           {"frontend", job.request.frontendImage},
                           {"message", verdict.message}};
  if (verdict.position) {
    result["line"] = verdict.position->line;
    result["column"] = verdict.position->column;
  }
  if (verdict.outcome == Outcome::Accepted) result["resolved"] = resolution.yaml;
  if (auto waiting = verdictCommands_.find(job.uri); waiting != verdictCommands_.end()) {
    for (const nlohmann::json& id : waiting->second) send_(makeResult(id, result));
    verdictCommands_.erase(waiting);
  }
  OpenDocument* open = documents_.find(job.uri);
  if (!open) return;
  if (verdict.outcome == Outcome::Unavailable) {
    // Said once until a verdict arrives again; the diagnostics stay as they were.
    if (!unavailableSaid_) sendLogMessage(2, "no verdict from the spec's frontend: " + verdict.message);
    unavailableSaid_ = true;
    return;
  }
  unavailableSaid_ = false;
  lastVerdict_[job.uri] = {job.cacheKey, job.specText, resolution};
  frontendDiagnostics_.erase(job.uri);
  auto analysis = documents_.analysisOf(job.uri);
  const bool weReportAnError =
      analysis && std::any_of(analysis->diagnostics.begin(), analysis->diagnostics.end(),
                              [](const analysis::Diagnostic& d) { return d.severity == analysis::Severity::Error; });
  if ((verdict.outcome == Outcome::Rejected) != weReportAnError)
    log_("dalec-lsp's rules and the frontend disagree on " + job.uri + " (version " + std::to_string(job.version) +
         "): Dalec " + frontend::outcomeName(verdict.outcome) + (weReportAnError ? ", we report an error" : ", we report none") +
         (verdict.message.empty() ? "" : ": " + verdict.message) + "; please report this as a bug in dalec-lsp's rules");
  if (verdict.outcome == Outcome::Rejected) {
    // Dalec's place (its lines are the spec's, as sent); the document start when it names none.
    Diagnostic d;
    d.severity = DiagnosticSeverity::Error;
    d.code = "frontend-rejected";
    d.source = "dalec (frontend)";
    d.message = verdict.message;
    if (analysis && analysis->model && verdict.position && job.version == open->version) {
      const yaml::Document& document = *analysis->model->document;
      const std::size_t begin = document.lines().fromRune(*verdict.position);
      std::size_t end = document.text().find('\n', begin);
      if (end == std::string::npos) end = document.text().size();
      const Utf16Range r = document.lines().toUtf16({begin, end});
      d.range = {{r.start.line, r.start.character}, {r.end.line, r.end.character}};
    }
    frontendDiagnostics_[job.uri] = {d};
  }
  publish(job.uri);
}

// Dalec's own resolution of the spec (args substituted, no target merged) after ours in the view,
// and, on each line of ours whose value Dalec resolved otherwise (or dropped), a comment saying so.
// Only when the last verdict answered the text as it is now: a stale one would mislead.
void LanguageServer::addFrontendResolution(const std::string& uri, const DocumentAnalysis& analysis, nlohmann::json& view) {
  auto last = lastVerdict_.find(uri);
  const OpenDocument* open = documents_.find(uri);
  if (last == lastVerdict_.end() || !open || !analysis.model || last->second.specText != open->text) return;
  const frontend::FrontendResolution& resolution = last->second.resolution;
  if (resolution.verdict.outcome != frontend::SpecVerdict::Outcome::Accepted || resolution.specs.empty()) return;
  const auto differences = frontend::differencesFromDalec(
      spec::resolvedLeaves(*analysis.model, contextOf(uri, analysis, false).args), resolution.specs.front());
  const frontend::ResolutionView shown = frontend::withDalecsResolution(
      {view["text"].get<std::string>(), view["sourceLines"].get<std::vector<int>>()}, differences,
      resolution.verdict.frontendImage, resolution.yaml);
  nlohmann::json listed = nlohmann::json::array();
  for (const frontend::ResolutionDifference& difference : differences)
    listed.push_back({{"path", difference.path}, {"line", difference.line}, {"ours", difference.ours},
                      {"dalec", difference.dalec ? nlohmann::json(*difference.dalec) : nlohmann::json()}});
  view["text"] = shown.text;
  view["sourceLines"] = shown.sourceLines;
  view["frontend"] = {{"image", resolution.verdict.frontendImage}, {"text", resolution.yaml}, {"differences", listed}};
}

void LanguageServer::sendLogMessage(int type, const std::string& message) {
  log_(message);
  send_(makeNotification("window/logMessage", nlohmann::json{{"type", type}, {"message", message}}));
}

}  // namespace dalec::lsp
