#include "llb/definition.h"

#include <openssl/evp.h>

#include <cstdio>

#include "llb/llb.pb.h"

namespace dalec::llb {

std::string sha256Digest(std::string_view bytes) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), hash, &length, EVP_sha256(), nullptr);
  std::string hex = "sha256:";
  char buffer[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(buffer, sizeof buffer, "%02x", hash[i]);
    hex += buffer;
  }
  return hex;
}

DecodedDefinition decodeDefinition(std::string_view bytes) {
  DecodedDefinition result;
  Definition definition;
  if (!definition.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    result.error = "not an LLB Definition (protobuf decoding failed)";
    return result;
  }
  result.totalOps = static_cast<std::size_t>(definition.def_size());
  for (const std::string& marshalled : definition.def()) {
    const std::string digest = sha256Digest(marshalled);
    result.headDigest = digest;
    Op op;
    if (!op.ParseFromString(marshalled)) {
      result.error = "op " + digest + " does not decode";
      continue;
    }
    if (!op.has_exec()) continue;
    ExecOpInfo info;
    info.digest = digest;
    info.args.assign(op.exec().meta().args().begin(), op.exec().meta().args().end());
    info.env.assign(op.exec().meta().env().begin(), op.exec().meta().env().end());
    info.cwd = op.exec().meta().cwd();
    info.user = op.exec().meta().user();
    info.network = op.exec().network();
    for (const Input& input : op.inputs()) info.inputs.push_back({input.digest(), input.index()});
    for (const Mount& mount : op.exec().mounts())
      info.mounts.push_back({mount.input(), mount.output(), mount.dest(), mount.selector(), mount.readonly(), mount.mounttype(),
                             mount.cacheopt().id(), mount.cacheopt().sharing()});
    if (auto meta = definition.metadata().find(digest); meta != definition.metadata().end()) {
      if (auto name = meta->second.description().find("llb.customname"); name != meta->second.description().end())
        info.customName = name->second;
      info.progressGroup = meta->second.progress_group().name();
    }
    if (auto locations = definition.source().locations().find(digest); locations != definition.source().locations().end()) {
      for (const Location& location : locations->second.locations()) {
        LlbLocation out;
        if (location.sourceindex() >= 0 && location.sourceindex() < definition.source().infos_size()) {
          out.filename = definition.source().infos(location.sourceindex()).filename();
          out.language = definition.source().infos(location.sourceindex()).language();
        }
        for (const Range& range : location.ranges())
          out.ranges.push_back({{range.start().line(), range.start().character()}, {range.end().line(), range.end().character()}});
        info.locations.push_back(std::move(out));
      }
    }
    result.execOps.push_back(std::move(info));
  }
  return result;
}

}  // namespace dalec::llb
