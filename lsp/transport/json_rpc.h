#pragma once
// JSON-RPC 2.0 message classification and construction.
#include <nlohmann/json.hpp>
#include <string>

namespace dalec::lsp {

namespace rpc_error {
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestCancelled = -32800;
constexpr int kContentModified = -32801;
constexpr int kRequestFailed = -32803;
}  // namespace rpc_error

struct IncomingMessage {
  enum class Kind { Request, Notification, Response, Invalid };
  Kind kind = Kind::Invalid;
  nlohmann::json id;  // requests and responses
  std::string method;
  nlohmann::json params;
  int errorCode = 0;  // Invalid: the error to answer with; Response: non-zero for an error response
  std::string errorMessage;
};

IncomingMessage classifyMessage(const std::string& body);

nlohmann::json makeResult(const nlohmann::json& id, nlohmann::json result);
nlohmann::json makeError(const nlohmann::json& id, int code, const std::string& message);
nlohmann::json makeError(const nlohmann::json& id, int code, const std::string& message, nlohmann::json data);
nlohmann::json makeNotification(const std::string& method, nlohmann::json params);

}  // namespace dalec::lsp
