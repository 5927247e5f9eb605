#include "framing/message_reader.h"

#include <algorithm>
#include <cctype>

namespace dalec::framing {

namespace {

constexpr std::string_view kContentLength = "content-length:";

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

// Offset of the next "Content-Length:" (any case) at or after `from`, or npos.
std::size_t findHeader(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i + kContentLength.size() <= text.size(); ++i)
    if ((text[i] == 'C' || text[i] == 'c') && startsWithIgnoreCase(text.substr(i), kContentLength)) return i;
  return std::string_view::npos;
}

// "Content-Length: 12" or "Content-Type: ...": a token of letters and dashes, then a colon.
bool startsWithHeaderLine(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '-')) ++i;
  return i > 0 && i < text.size() && text[i] == ':';
}

bool isPrefixOfHeaderName(std::string_view text) {
  return text.size() < kContentLength.size() && startsWithIgnoreCase(kContentLength, [&] {
           std::string lower(text);
           for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
           return lower;
         }());
}

// Letters and dashes only: the beginning of some header's name, arriving in pieces.
bool isHeaderNamePrefix(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

void MessageReader::compact() {
  if (consumed_ > 0 && consumed_ >= buffer_.size() / 2) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  // After a very large message, give the memory back instead of keeping its capacity forever.
  if (buffer_.capacity() > (1u << 20) && buffer_.size() < buffer_.capacity() / 8) buffer_.shrink_to_fit();
}

std::optional<FramedMessage> MessageReader::skipTo(std::size_t offset, std::string fault) {
  consumed_ = std::min(offset, buffer_.size());
  compact();
  return FramedMessage{{}, std::move(fault)};
}

std::optional<FramedMessage> MessageReader::next() {
  std::string_view pending = std::string_view(buffer_).substr(consumed_);
  if (pending.empty()) return std::nullopt;

  // A message starts with a header line ("Name: value"); anything else is garbage, skipped up to
  // the next Content-Length header.
  if (!startsWithHeaderLine(pending)) {
    if (isPrefixOfHeaderName(pending)) return std::nullopt;  // a header split across reads
    // Skip to the next line that looks like a header; keep a last line that may still become one.
    std::size_t skip = pending.size();
    for (std::size_t eol = pending.find('\n'); eol != std::string_view::npos; eol = pending.find('\n', eol + 1)) {
      std::string_view rest = pending.substr(eol + 1);
      if (startsWithHeaderLine(rest) || (rest.find('\n') == std::string_view::npos && isHeaderNamePrefix(rest))) {
        skip = eol + 1;
        break;
      }
    }
    return skipTo(consumed_ + skip, "skipped " + std::to_string(skip) + " bytes that are not a framed message");
  }

  // Wait for the whole header block.
  std::size_t headerEnd = pending.find("\r\n\r\n");
  std::size_t separator = 4;
  if (headerEnd == std::string_view::npos) {
    headerEnd = pending.find("\n\n");
    separator = 2;
  }
  if (headerEnd == std::string_view::npos) {
    if (pending.size() > kMaxHeaderBytes) {
      const std::size_t header = findHeader(pending, 1);
      return skipTo(header == std::string_view::npos ? buffer_.size() : consumed_ + header, "header block too long");
    }
    return std::nullopt;
  }

  std::optional<long long> length;
  std::string fault;
  std::string_view headers = pending.substr(0, headerEnd);
  while (!headers.empty()) {
    std::size_t eol = headers.find('\n');
    std::string_view line = trim(headers.substr(0, eol));
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 1);
    if (!startsWithIgnoreCase(line, kContentLength)) continue;
    std::string_view number = trim(line.substr(kContentLength.size()));
    if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) || number.size() > 12) {
      fault = "invalid Content-Length '" + std::string(number.substr(0, 32)) + "'";
      break;
    }
    length = std::stoll(std::string(number));
  }
  const std::size_t bodyStart = consumed_ + headerEnd + separator;
  if (!fault.empty() || !length) {
    return skipTo(bodyStart, fault.empty() ? "message header has no Content-Length" : fault);
  }
  if (static_cast<unsigned long long>(*length) > kMaxBodyBytes) {
    return skipTo(bodyStart, "Content-Length " + std::to_string(*length) + " exceeds the limit of " +
                                 std::to_string(kMaxBodyBytes) + " bytes");
  }
  const auto size = static_cast<std::size_t>(*length);
  if (buffer_.size() - bodyStart < size) return std::nullopt;
  FramedMessage message;
  message.body = buffer_.substr(bodyStart, size);
  consumed_ = bodyStart + size;
  compact();
  return message;
}

}  // namespace dalec::framing
