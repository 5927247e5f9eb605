#pragma once
// A test LSP client over the real dalec-lsp binary's stdio: frames requests, collects responses
// and notifications, and waits for them with a timeout.
#include <chrono>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "child_process.h"
#include "framing/message_reader.h"

namespace dalec::testing {

class LspClient {
 public:
  explicit LspClient(const std::string& binary, std::vector<std::string> extraArgs = {});

  int request(const std::string& method, const nlohmann::json& params);  // returns the id
  void notify(const std::string& method, const nlohmann::json& params);
  void sendRaw(const std::string& bytes);
  static std::string frame(const nlohmann::json& message);

  // The response to `id`, or nullopt on timeout.
  std::optional<nlohmann::json> response(int id, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next message satisfying `match` (earlier unmatched ones stay queued).
  std::optional<nlohmann::json> waitFor(const std::function<bool(const nlohmann::json&)>& match,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<nlohmann::json> diagnosticsFor(const std::string& uri, std::optional<int> version = std::nullopt,
                                               std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // All queued and arriving messages within `window`.
  std::vector<nlohmann::json> collect(std::chrono::milliseconds window);

  nlohmann::json initialize(const nlohmann::json& initializationOptions = nullptr,
                            const nlohmann::json& capabilities = nlohmann::json::object());
  void open(const std::string& uri, const std::string& text, const std::string& languageId = "yaml", int version = 1);
  void shutdownAndExit();
  ChildProcess& process() { return process_; }

 private:
  bool pump(std::chrono::milliseconds timeout);
  void accept(const std::string& chunk);

  ChildProcess process_;
  framing::MessageReader reader_;
  std::deque<nlohmann::json> inbox_;
  int nextId_ = 1;
};

std::string fileUri(const std::string& path);

}  // namespace dalec::testing
