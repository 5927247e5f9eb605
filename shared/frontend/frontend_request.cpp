#include "frontend/frontend_request.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "buildkit/definition_builder.h"
#include "spec/spec_detection.h"

namespace dalec::frontend {

namespace fs = std::filesystem;

namespace {

const spec::Node* member(const spec::Node* mapping, std::string_view key) {
  mapping = mapping ? mapping->resolved() : nullptr;
  if (!mapping || !mapping->isMapping()) return nullptr;
  for (const auto& pair : mapping->pairs)
    if (pair.key && pair.key->isScalar() && pair.key->value == key) return pair.value ? pair.value->resolved() : nullptr;
  return nullptr;
}

// The build context a `context:` (or a `build:` over one) source reads: "context" unless named.
std::optional<std::string> contextNameOf(const spec::SourceDecl& source) {
  const spec::Node* variant = nullptr;
  if (source.kind == spec::SourceKind::Context) variant = member(source.node, "context");
  if (source.kind == spec::SourceKind::Build) variant = member(member(member(source.node, "build"), "source"), "context");
  if (source.kind != spec::SourceKind::Context && !variant) return std::nullopt;
  const spec::Node* name = member(variant, "name");
  if (name && name->isScalar() && !name->isNull && !name->value.empty()) return name->value;
  return std::string("context");
}

bool readWholeFile(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return !in.bad();
}

// Every regular file under `dir` (version-control folders left out), or the reason why not.
std::string collectContext(const fs::path& dir, const FrontendOptions& options, std::vector<buildkit::InlineFile>& files,
                           std::size_t& bytes) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return "cannot read the build context " + dir.string() + ": " + ec.message();
  for (; it != end; it.increment(ec)) {
    if (ec) return "cannot read the build context " + dir.string() + ": " + ec.message();
    const fs::path& path = it->path();
    if (it->is_directory() && path.filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->is_symlink()) continue;
    const auto size = it->file_size(ec);
    bytes += ec ? 0 : static_cast<std::size_t>(size);
    if (files.size() + 1 > options.contextLimitFiles || bytes > options.contextLimitBytes) {
      std::ostringstream reason;
      reason << "the spec reads the build context, and " << dir.string() << " holds more than "
             << (options.contextLimitBytes >> 20) << " MiB or " << options.contextLimitFiles
             << " files; the context travels inside the request, so it must be smaller "
                "(point dalec.test.contextDir or --context at a smaller directory)";
      return reason.str();
    }
    buildkit::InlineFile file;
    file.path = "/" + fs::relative(path, dir, ec).generic_string();
    if (!readWholeFile(path, file.data)) return "cannot read " + path.string();
    const auto permissions = it->status().permissions();
    file.mode = (permissions & fs::perms::owner_exec) != fs::perms::none ? 0755 : 0644;
    files.push_back(std::move(file));
  }
  return {};
}

}  // namespace

FrontendRequest buildFrontendRequest(const std::string& specPath, const std::string& specText,
                                     const spec::SpecModel& model, const FrontendOptions& options) {
  FrontendRequest result;
  result.specFilename = fs::path(specPath).filename().string();
  result.frontendImage = options.frontendImage.empty() ? spec::syntaxImage(specText) : options.frontendImage;
  if (result.frontendImage.empty()) {
    result.error = "the spec names no frontend: add `# syntax=ghcr.io/project-dalec/dalec/frontend:latest` as its first "
                   "line, or set the frontend image (dalec.test.frontendImage, --frontend)";
    return result;
  }

  bool needsContext = false;
  for (const spec::SourceDecl& source : model.sources) {
    const auto name = contextNameOf(source);
    if (!name) continue;
    if (*name != "context") {
      result.error = "source `" + source.name + "` reads the named build context `" + *name +
                     "`; without a client session the frontend cannot be given named local contexts";
      return result;
    }
    needsContext = true;
  }

  moby::buildkit::v1::SolveRequest request;
  request.set_frontend("gateway.v0");
  auto& attrs = *request.mutable_frontendattrs();
  attrs["source"] = result.frontendImage;
  attrs["filename"] = result.specFilename;
  for (const auto& [name, value] : options.buildArgs) attrs["build-arg:" + name] = value;
  for (const auto& [name, value] : options.buildContexts) {
    const bool remote = value.rfind("docker-image://", 0) == 0 || value.rfind("https://", 0) == 0 ||
                        value.rfind("http://", 0) == 0 || value.rfind("git@", 0) == 0;
    if (!remote) {
      result.error = "build context `" + name + "=" + value +
                     "` is not an image or a remote URL; only docker-image://, http(s):// and git contexts can be "
                     "passed (local directories and oci-layout:// need a client session)";
      return result;
    }
    attrs["context:" + name] = value;
  }

  auto& inputs = *request.mutable_frontendinputs();
  // dockerui, which Dalec reads its spec through, takes the "dockerfile" input in place of a local.
  inputs["dockerfile"] = buildkit::fileTreeDefinition({{"/" + result.specFilename, specText, 0644}});
  if (needsContext) {
    const fs::path dir = options.contextDir.empty() ? fs::path(specPath).parent_path() : fs::path(options.contextDir);
    std::vector<buildkit::InlineFile> files;
    std::size_t bytes = 0;
    if (std::string reason = collectContext(dir.empty() ? fs::path(".") : dir, options, files, bytes); !reason.empty()) {
      result.error = reason;
      return result;
    }
    result.contextFiles = files.size();
    result.contextBytes = bytes;
    inputs["context"] = buildkit::fileTreeDefinition(files);
  }
  result.request = std::move(request);
  return result;
}

}  // namespace dalec::frontend
