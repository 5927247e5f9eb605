#pragma once
// What the editor talks to: answers initialize, and at launch hands the session to the engine
// that debugs the file: dalec-dap's own engine for a Dalec spec (unless "engine": "buildx"), the
// relay to `buildx dap build` for anything else. Every message to the editor is numbered here, so
// the two never clash.
#include <asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace dalec::dap {

class Bridge;
class NativeSession;

class Adapter {
 public:
  using Sender = std::function<void(const nlohmann::json&)>;
  using Logger = std::function<void(const std::string&)>;
  Adapter(asio::io_context& io, Sender toEditor, Logger log);
  ~Adapter();

  void onEditorMessage(const nlohmann::json& message);
  void onEditorClosed();
  bool finished() const;
  std::function<void()> onFinished;

 private:
  void send(nlohmann::json message);
  void onInitialize(const nlohmann::json& request);
  void onLaunch(const nlohmann::json& request);
  void refuse(const nlohmann::json& request, const std::string& message);
  void finish();

  asio::io_context& io_;
  Sender toEditor_;
  Logger log_;
  int seq_ = 0;
  nlohmann::json initialize_;  // the editor's initialize request, replayed to the relay
  bool initialized_ = false, finished_ = false;
  bool swallowInitializeResponse_ = false;
  std::map<int, int> relayedRequests_;  // our seq of a reverse request from the relay -> the relay's seq
  std::unique_ptr<Bridge> bridge_;
  std::unique_ptr<NativeSession> native_;
};

}  // namespace dalec::dap
