#include "transport/json_rpc.h"

#include <algorithm>
#include <climits>

namespace dalec::lsp {

IncomingMessage classifyMessage(const std::string& body) {
  IncomingMessage message;
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    message.errorCode = rpc_error::kParseError;
    message.errorMessage = "message body is not valid JSON";
    return message;
  }
  if (!json.is_object()) {
    message.errorCode = rpc_error::kInvalidRequest;
    message.errorMessage = json.is_array() ? "batch messages are not supported" : "message must be a JSON object";
    return message;
  }
  auto id = json.find("id");
  if (id != json.end()) {
    if (!id->is_number_integer() && !id->is_string() && !id->is_null()) {
      message.errorCode = rpc_error::kInvalidRequest;
      message.errorMessage = "id must be a number or a string";
      return message;
    }
    message.id = *id;
  }
  auto method = json.find("method");
  if (method == json.end()) {
    if (id != json.end() && (json.contains("result") || json.contains("error"))) {
      message.kind = IncomingMessage::Kind::Response;
      message.params = json.contains("result") ? json["result"] : json["error"];
      // An error response keeps its code here (any non-zero value), its error object in params.
      if (!json.contains("result")) {
        const auto& error = json["error"];
        message.errorCode = error.is_object() && error.contains("code") && error["code"].is_number_integer() &&
                                    error["code"].get<long long>() != 0
                                ? static_cast<int>(std::clamp<long long>(error["code"].get<long long>(), INT32_MIN, INT32_MAX))
                                : rpc_error::kInternalError;
      }
      return message;
    }
    message.errorCode = rpc_error::kInvalidRequest;
    message.errorMessage = "message has no method";
    return message;
  }
  if (!method->is_string()) {
    message.errorCode = rpc_error::kInvalidRequest;
    message.errorMessage = "method must be a string";
    return message;
  }
  message.method = method->get<std::string>();
  auto params = json.find("params");
  if (params != json.end()) {
    if (!params->is_object() && !params->is_array() && !params->is_null()) {
      message.errorCode = rpc_error::kInvalidRequest;
      message.errorMessage = "params must be an object or an array";
      return message;
    }
    message.params = *params;
  }
  message.kind = id != json.end() ? IncomingMessage::Kind::Request : IncomingMessage::Kind::Notification;
  return message;
}

nlohmann::json makeResult(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json makeError(const nlohmann::json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json makeError(const nlohmann::json& id, int code, const std::string& message, nlohmann::json data) {
  nlohmann::json error = makeError(id, code, message);
  error["error"]["data"] = std::move(data);
  return error;
}

nlohmann::json makeNotification(const std::string& method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace dalec::lsp
