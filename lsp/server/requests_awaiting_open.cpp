#include "server/requests_awaiting_open.h"

#include <algorithm>

namespace dalec::lsp {

void RequestsAwaitingOpen::hold(const IncomingMessage& request, const std::string& uri) {
  const std::string id = request.id.dump();
  auto timer = std::make_shared<asio::steady_timer>(io_, grace_);
  // A second request with the same id would be a client bug; the newer one is the one kept.
  if (auto old = held_.find(id); old != held_.end()) old->second.timer->cancel();
  held_[id] = Held{request, uri, nextOrder_++, timer};
  timer->async_wait([this, id, timer](const std::error_code& error) {
    if (error) return;  // released or withdrawn
    auto it = held_.find(id);
    if (it == held_.end() || it->second.timer != timer) return;
    Held expired = std::move(it->second);
    held_.erase(it);
    expired_(expired.request, expired.uri);
  });
}

std::vector<IncomingMessage> RequestsAwaitingOpen::release(const std::string& uri) {
  std::vector<Held> released;
  for (auto it = held_.begin(); it != held_.end();) {
    if (it->second.uri != uri) {
      ++it;
      continue;
    }
    it->second.timer->cancel();
    released.push_back(std::move(it->second));
    it = held_.erase(it);
  }
  std::sort(released.begin(), released.end(), [](const Held& a, const Held& b) { return a.order < b.order; });
  std::vector<IncomingMessage> requests;
  requests.reserve(released.size());
  for (Held& h : released) requests.push_back(std::move(h.request));
  return requests;
}

std::optional<IncomingMessage> RequestsAwaitingOpen::withdraw(const std::string& id) {
  auto it = held_.find(id);
  if (it == held_.end()) return std::nullopt;
  it->second.timer->cancel();
  IncomingMessage request = std::move(it->second.request);
  held_.erase(it);
  return request;
}

std::optional<std::string> RequestsAwaitingOpen::documentOf(const IncomingMessage& request) {
  const nlohmann::json& params = request.params;
  if (!params.is_object()) return std::nullopt;
  auto document = params.find("textDocument");
  if (document == params.end() || !document->is_object()) return std::nullopt;
  auto uri = document->find("uri");
  if (uri == document->end() || !uri->is_string()) return std::nullopt;
  return uri->get<std::string>();
}

}  // namespace dalec::lsp
