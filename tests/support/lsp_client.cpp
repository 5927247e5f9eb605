#include "lsp_client.h"

#include <stdexcept>

#include "framing/content_length_writer.h"

namespace dalec::testing {

std::string fileUri(const std::string& path) { return "file://" + path; }

LspClient::LspClient(const std::string& binary, std::vector<std::string> extraArgs) : process_([&] {
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
  return argv;
}()) {}

std::string LspClient::frame(const nlohmann::json& message) { return framing::frameMessage(message); }

int LspClient::request(const std::string& method, const nlohmann::json& params) {
  const int id = nextId_++;
  nlohmann::json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) message["params"] = params;
  sendRaw(frame(message));
  return id;
}

void LspClient::notify(const std::string& method, const nlohmann::json& params) {
  nlohmann::json message = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) message["params"] = params;
  sendRaw(frame(message));
}

void LspClient::sendRaw(const std::string& bytes) {
  process_.writeWhileReading(bytes, [this](const std::string& chunk) { accept(chunk); });
}

bool LspClient::pump(std::chrono::milliseconds timeout) {
  std::string chunk = process_.readSome(timeout);
  if (chunk.empty()) return false;
  accept(chunk);
  return true;
}

void LspClient::accept(const std::string& chunk) {
  reader_.feed(chunk);
  while (auto framed = reader_.next()) {
    if (!framed->fault.empty()) throw std::runtime_error("server sent a badly framed message: " + framed->fault);
    inbox_.push_back(nlohmann::json::parse(framed->body));
  }
}

std::optional<nlohmann::json> LspClient::waitFor(const std::function<bool(const nlohmann::json&)>& match,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (auto it = inbox_.begin(); it != inbox_.end(); ++it) {
      if (match(*it)) {
        nlohmann::json found = *it;
        inbox_.erase(it);
        return found;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return std::nullopt;
    pump(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
}

std::optional<nlohmann::json> LspClient::response(int id, std::chrono::milliseconds timeout) {
  return waitFor([id](const nlohmann::json& m) { return !m.contains("method") && m.contains("id") && m["id"] == id; },
                 timeout);
}

std::optional<nlohmann::json> LspClient::diagnosticsFor(const std::string& uri, std::optional<int> version,
                                                        std::chrono::milliseconds timeout) {
  return waitFor(
      [&](const nlohmann::json& m) {
        return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
               (!version || m["params"].value("version", -1) == *version);
      },
      timeout);
}

std::vector<nlohmann::json> LspClient::collect(std::chrono::milliseconds window) {
  const auto deadline = std::chrono::steady_clock::now() + window;
  while (std::chrono::steady_clock::now() < deadline)
    pump(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
  std::vector<nlohmann::json> all(inbox_.begin(), inbox_.end());
  inbox_.clear();
  return all;
}

nlohmann::json LspClient::initialize(const nlohmann::json& initializationOptions, const nlohmann::json& capabilities) {
  nlohmann::json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}};
  if (!initializationOptions.is_null()) params["initializationOptions"] = initializationOptions;
  const int id = request("initialize", params);
  auto result = response(id);
  if (!result) throw std::runtime_error("no initialize response");
  notify("initialized", nlohmann::json::object());
  return *result;
}

void LspClient::open(const std::string& uri, const std::string& text, const std::string& languageId, int version) {
  notify("textDocument/didOpen",
         {{"textDocument", {{"uri", uri}, {"languageId", languageId}, {"version", version}, {"text", text}}}});
}

void LspClient::shutdownAndExit() {
  const int id = request("shutdown", nullptr);
  response(id);
  notify("exit", nullptr);
}

}  // namespace dalec::testing
