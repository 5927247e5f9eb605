#pragma once
// Requests about a document the server has not been told of yet, held until its didOpen.
//
// A client that restarts a dead server re-opens its documents, but vscode-languageclient 9 lets
// requests the editor made meanwhile (the outline's documentSymbol, code lenses) out first: they
// arrive a few milliseconds before the didOpen they need. Answering them "document is not open"
// made VS Code show "Request textDocument/documentSymbol failed." on top of the crash notice (seen
// in CI). Held for a moment instead, they are answered from the document once it opens; a
// document that never opens still gets the error, `grace` later.
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "transport/json_rpc.h"

namespace dalec::lsp {

class RequestsAwaitingOpen {
 public:
  // Called with a held request whose document did not open within the grace period.
  using Expired = std::function<void(const IncomingMessage& request, const std::string& uri)>;
  RequestsAwaitingOpen(asio::io_context& io, std::chrono::milliseconds grace, Expired expired)
      : io_(io), grace_(grace), expired_(std::move(expired)) {}

  void hold(const IncomingMessage& request, const std::string& uri);
  // The requests held for `uri`, in the order they came; they are no longer held.
  std::vector<IncomingMessage> release(const std::string& uri);
  // The held request with this (dumped) id, no longer held; nothing if none is.
  std::optional<IncomingMessage> withdraw(const std::string& id);
  std::size_t size() const { return held_.size(); }

  // The document a request is about, if its params name one (textDocument.uri).
  static std::optional<std::string> documentOf(const IncomingMessage& request);

 private:
  struct Held {
    IncomingMessage request;
    std::string uri;
    std::uint64_t order;
    std::shared_ptr<asio::steady_timer> timer;
  };
  asio::io_context& io_;
  std::chrono::milliseconds grace_;
  Expired expired_;
  std::uint64_t nextOrder_ = 0;
  std::map<std::string, Held> held_;  // by dumped request id
};

}  // namespace dalec::lsp
