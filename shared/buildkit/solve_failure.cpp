#include "buildkit/solve_failure.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <regex>

#include "buildkit/rpc_status.pb.h"

namespace dalec::buildkit {

namespace {

constexpr std::string_view kBuildkitTypes = "github.com/moby/buildkit/";

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Go's encoding/json writes []byte as standard base64 (with padding).
std::string decodeBase64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return {};
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return {};
  // EVP_DecodeBlock counts the bytes that '=' padding stands for; drop them.
  std::size_t size = static_cast<std::size_t>(written);
  for (auto it = text.rbegin(); it != text.rend() && *it == '=' && size > 0; ++it) --size;
  out.resize(size);
  return out;
}

int intMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return 0;
  const auto& value = object[key];
  if (!value.is_number_integer()) return 0;
  const auto n = value.get<long long>();
  return n < 0 || n > 1'000'000'000 ? 0 : static_cast<int>(n);
}

std::string stringMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return {};
  return object[key].get<std::string>();
}

llb::LlbPosition positionOf(const nlohmann::json& position) {
  return {intMember(position, "line"), intMember(position, "character")};
}

ErrorSource sourceOf(const nlohmann::json& detail) {
  ErrorSource source;
  if (detail.contains("info") && detail["info"].is_object()) {
    const auto& info = detail["info"];
    source.filename = stringMember(info, "filename");
    source.language = stringMember(info, "language");
    source.data = decodeBase64(stringMember(info, "data"));
  }
  if (detail.contains("ranges") && detail["ranges"].is_array())
    for (const auto& range : detail["ranges"])
      if (range.is_object())
        source.ranges.push_back({positionOf(range.value("start", nlohmann::json::object())),
                                 positionOf(range.value("end", nlohmann::json::object()))});
  return source;
}

std::optional<int> exitCodeInMessage(const std::string& message) {
  static const std::regex pattern("exit code: ([0-9]{1,9})");
  std::smatch match;
  if (!std::regex_search(message, match, pattern)) return std::nullopt;
  return std::stoi(match[1].str());
}

}  // namespace

SolveFailure decodeSolveFailure(int grpcCode, std::string message, std::string_view details) {
  SolveFailure failure;
  failure.grpcCode = grpcCode;
  failure.message = std::move(message);
  RpcStatus status;
  if (!details.empty() && status.ParseFromArray(details.data(), static_cast<int>(details.size()))) {
    if (failure.message.empty()) failure.message = status.message();
    for (const auto& any : status.details()) {
      const std::string& url = any.type_url();
      if (url.rfind(kBuildkitTypes, 0) != 0 || !endsWith(url, "+json")) {
        failure.undecoded.push_back(url);
        continue;
      }
      const auto detail = nlohmann::json::parse(any.value(), nullptr, false);
      if (detail.is_discarded() || !detail.is_object()) {
        failure.undecoded.push_back(url);
        continue;
      }
      const std::string_view type = std::string_view(url).substr(kBuildkitTypes.size());
      if (type == "errdefs.Source+json") {
        failure.sources.push_back(sourceOf(detail));
      } else if (type == "errdefs.Vertex+json") {
        // The innermost vertex is the op that failed; BuildKit wraps outward from it.
        if (!failure.vertex) failure.vertex = stringMember(detail, "digest");
      } else if (type == "gatewayapi.ExitMessage+json") {
        failure.exitCode = intMember(detail, "Code");
      }
      // Stack traces (stack.Stack+json) and the rest say nothing an editor shows.
    }
  }
  if (!failure.exitCode) failure.exitCode = exitCodeInMessage(failure.message);
  return failure;
}

}  // namespace dalec::buildkit
