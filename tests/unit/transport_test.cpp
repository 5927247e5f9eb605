#include <gtest/gtest.h>

#include "transport/json_rpc.h"
#include "framing/message_reader.h"

namespace dalec::lsp {
namespace {
using framing::FramedMessage;
using framing::MessageReader;

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

TEST(MessageReader, ReassemblesMessagesSplitAcrossReads) {
  MessageReader reader;
  const std::string wire = frame("{\"a\":1}") + frame("{\"b\":2}");
  for (char c : wire) reader.feed(std::string_view(&c, 1));
  auto first = reader.next();
  auto second = reader.next();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, "{\"a\":1}");
  EXPECT_EQ(second->body, "{\"b\":2}");
  EXPECT_FALSE(reader.next());
}

TEST(MessageReader, AcceptsOtherHeadersAndAnyCase) {
  MessageReader reader;
  reader.feed("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}");
  auto message = reader.next();
  ASSERT_TRUE(message);
  EXPECT_EQ(message->body, "{}");
}

TEST(MessageReader, SkipsGarbageAndResynchronises) {
  MessageReader reader;
  reader.feed("garbage bytes\r\n" + frame("{}"));
  auto fault = reader.next();
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->fault, "skipped 15 bytes that are not a framed message");
  auto message = reader.next();
  ASSERT_TRUE(message);
  EXPECT_EQ(message->body, "{}");
}

TEST(MessageReader, RejectsBadLengths) {
  for (const char* header : {"Content-Length: -5\r\n\r\n", "Content-Length: abc\r\n\r\n", "X-Other: 1\r\n\r\n",
                             "Content-Length: 99999999999\r\n\r\n"}) {
    MessageReader reader;
    reader.feed(std::string(header) + frame("{\"ok\":true}"));
    auto fault = reader.next();
    ASSERT_TRUE(fault) << header;
    EXPECT_FALSE(fault->fault.empty()) << header;
    // The next well-formed message still comes through (after any skipped garbage).
    std::optional<FramedMessage> message;
    while ((message = reader.next()) && !message->fault.empty()) {
    }
    ASSERT_TRUE(message) << header;
    EXPECT_EQ(message->body, "{\"ok\":true}") << header;
  }
}

TEST(MessageReader, WaitsForACompleteBody) {
  MessageReader reader;
  reader.feed("Content-Length: 8\r\n\r\n{\"a\":");
  EXPECT_FALSE(reader.next());
  reader.feed("12}");
  auto message = reader.next();
  ASSERT_TRUE(message);
  EXPECT_EQ(message->body, "{\"a\":12}");
}

TEST(JsonRpc, ClassifiesMessages) {
  EXPECT_EQ(classifyMessage(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})").kind,
            IncomingMessage::Kind::Request);
  EXPECT_EQ(classifyMessage(R"({"jsonrpc":"2.0","method":"exit"})").kind, IncomingMessage::Kind::Notification);
  EXPECT_EQ(classifyMessage(R"({"jsonrpc":"2.0","id":"x","result":null})").kind, IncomingMessage::Kind::Response);
  auto bad = classifyMessage("{not json");
  EXPECT_EQ(bad.kind, IncomingMessage::Kind::Invalid);
  EXPECT_EQ(bad.errorCode, rpc_error::kParseError);
  auto batch = classifyMessage("[]");
  EXPECT_EQ(batch.errorCode, rpc_error::kInvalidRequest);
  auto noMethod = classifyMessage(R"({"jsonrpc":"2.0","id":3})");
  EXPECT_EQ(noMethod.errorCode, rpc_error::kInvalidRequest);
  EXPECT_EQ(noMethod.id, 3);
  EXPECT_EQ(classifyMessage(R"({"id":{},"method":"x"})").errorCode, rpc_error::kInvalidRequest);
  EXPECT_EQ(classifyMessage(R"({"id":1,"method":"x","params":5})").errorCode, rpc_error::kInvalidRequest);
}

}  // namespace
}  // namespace dalec::lsp
