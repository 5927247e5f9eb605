// dalec-lsp-demo SERVER SPEC: a scripted editor session against the real server, printing what an
// editor shows: the diagnostics as squiggles under their lines, then the effect of applying the
// did-you-mean fixes the server offers, as an editor's quick fix would.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "lsp_client.h"
#include "spec_fixtures.h"
#include "text/line_index.h"

using nlohmann::json;
using dalec::LineIndex;

namespace {

const char* severityLabel(int severity) {
  switch (severity) {
    case 1: return "error";
    case 2: return "warning";
    case 3: return "info";
    default: return "hint";
  }
}

void show(const std::string& text, const json& diagnostics) {
  LineIndex lines(text);
  for (const json& d : diagnostics) {
    const int line = d["range"]["start"]["line"];
    const int start = d["range"]["start"]["character"];
    const int endLine = d["range"]["end"]["line"];
    int end = d["range"]["end"]["character"];
    const std::string_view content =
        std::string_view(text).substr(lines.lineStart(line), lines.lineEnd(line) - lines.lineStart(line));
    if (endLine != line) end = static_cast<int>(content.size());
    std::cout << "  " << line + 1 << ":" << start + 1 << "  " << severityLabel(d["severity"]) << "  " << d["message"].get<std::string>()
              << "  [" << d["code"].get<std::string>() << "]\n";
    std::cout << "      | " << content << "\n      | " << std::string(static_cast<std::size_t>(start), ' ')
              << std::string(static_cast<std::size_t>(std::max(1, end - start)), '~') << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: dalec-lsp-demo PATH/TO/dalec-lsp SPEC.yml\n";
    return 2;
  }
  const std::string path = std::filesystem::absolute(argv[2]).string();
  std::string text = dalec::testing::readFile(path);
  dalec::testing::LspClient client(argv[1]);
  const auto started = std::chrono::steady_clock::now();
  json init = client.initialize(json{{"diagnosticsDelayMs", 20}});
  std::cout << "editor: started " << init["result"]["serverInfo"]["name"].get<std::string>() << ", opened "
            << std::filesystem::path(path).filename().string() << "\n";
  const std::string uri = dalec::testing::fileUri(path);
  client.open(uri, text);
  auto published = client.diagnosticsFor(uri, 1);
  if (!published) {
    std::cerr << "no diagnostics arrived\n";
    return 1;
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  const json diagnostics = published->at("params").at("diagnostics");
  std::cout << "editor: " << diagnostics.size() << " problems (" << elapsed.count() << " ms from start to squiggles)\n";
  show(text, diagnostics);

  // Apply every offered did-you-mean, from the end of the document backwards, as one edit.
  json changes = json::array();
  for (auto it = diagnostics.rbegin(); it != diagnostics.rend(); ++it)
    if (it->contains("data") && (*it)["data"].contains("replacement"))
      changes.push_back({{"range", (*it)["range"]}, {"text", (*it)["data"]["replacement"]}});
  if (!changes.empty()) {
    LineIndex lines(text);
    std::string fixed = text;
    for (const json& c : changes) {
      auto begin = lines.fromUtf16({c["range"]["start"]["line"], c["range"]["start"]["character"]});
      auto end = lines.fromUtf16({c["range"]["end"]["line"], c["range"]["end"]["character"]});
      fixed.replace(begin, end - begin, c["text"].get<std::string>());
    }
    std::cout << "editor: applying " << changes.size() << " suggested fixes\n";
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", changes}});
    auto after = client.diagnosticsFor(uri, 2);
    if (!after) return 1;
    std::cout << "editor: " << after->at("params").at("diagnostics").size() << " problems left\n";
    show(fixed, after->at("params").at("diagnostics"));
  }
  client.shutdownAndExit();
  const auto code = client.process().wait(std::chrono::seconds(5));
  std::cout << "editor: server exited with " << (code ? std::to_string(*code) : std::string("(still running)")) << "\n";
  return code == 0 ? 0 : 1;
}
