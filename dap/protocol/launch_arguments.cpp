#include "protocol/launch_arguments.h"

#include <filesystem>
#include <stdexcept>

#include "buildkit/routes/connection_settings_json.h"
#include "spec/spec_detection.h"

namespace dalec::dap {

namespace {

std::string stringField(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  if (!j[key].is_string()) throw std::invalid_argument(std::string("\"") + key + "\" must be a string");
  return j[key].get<std::string>();
}

bool boolField(const nlohmann::json& j, const char* key, bool fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_boolean()) throw std::invalid_argument(std::string("\"") + key + "\" must be true or false");
  return j[key].get<bool>();
}

std::map<std::string, std::string> mapField(const nlohmann::json& j, const char* key) {
  std::map<std::string, std::string> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_object()) throw std::invalid_argument(std::string("\"") + key + "\" must be an object of strings");
  for (const auto& [name, value] : j[key].items()) {
    if (value.is_string()) out[name] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean()) out[name] = value.dump();
    else throw std::invalid_argument(std::string("\"") + key + "." + name + "\" must be a string");
  }
  return out;
}

std::vector<std::string> listField(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_array()) throw std::invalid_argument(std::string("\"") + key + "\" must be a list of strings");
  for (const auto& item : j[key]) {
    if (!item.is_string()) throw std::invalid_argument(std::string("\"") + key + "\" must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::string absolute(const std::string& path, const std::string& baseDir) {
  std::filesystem::path p(path);
  if (p.is_relative()) p = std::filesystem::path(baseDir) / p;
  return p.lexically_normal().string();
}

}  // namespace

LaunchArguments parseLaunchArguments(const nlohmann::json& j, const std::string& baseDir) {
  if (!j.is_object()) throw std::invalid_argument("launch arguments must be an object");
  LaunchArguments launch;
  launch.cwd = stringField(j, "cwd");
  const std::string base = launch.cwd.empty() ? baseDir : absolute(launch.cwd, baseDir);
  launch.spec = stringField(j, "spec");
  if (launch.spec.empty()) throw std::invalid_argument("\"spec\" is required: the path of the Dalec spec to build");
  launch.spec = absolute(launch.spec, base);
  launch.context = stringField(j, "context");
  launch.context = launch.context.empty() ? std::filesystem::path(launch.spec).parent_path().string() : absolute(launch.context, base);
  if (launch.cwd.empty()) launch.cwd = launch.context;
  else launch.cwd = base;
  launch.target = stringField(j, "target");
  launch.args = mapField(j, "args");
  launch.builder = stringField(j, "builder");
  if (j.contains("buildx") && j["buildx"].is_string()) {
    launch.buildx = {j["buildx"].get<std::string>()};
  } else if (j.contains("buildx") && !j["buildx"].is_null()) {
    launch.buildx = listField(j, "buildx");
    if (launch.buildx.empty()) throw std::invalid_argument("\"buildx\" must name a command");
  }
  launch.stopOnEntry = boolField(j, "stopOnEntry", false);
  launch.stopOnFailedCheck = boolField(j, "stopOnFailedCheck", true);
  launch.test = stringField(j, "test");
  launch.env = mapField(j, "env");
  launch.extraArgs = listField(j, "extraArgs");
  if (j.contains("dalec") && !j["dalec"].is_null()) launch.dalec = boolField(j, "dalec", true);
  launch.engine = stringField(j, "engine");
  if (!launch.engine.empty() && launch.engine != "buildkit" && launch.engine != "buildx")
    throw std::invalid_argument("\"engine\" must be \"buildkit\" (dalec-dap's own engine) or \"buildx\" (buildx dap build)");
  launch.buildkit = buildkit::connectionSettingsFrom(j);
  launch.frontendImage = stringField(j, "frontendImage");
  return launch;
}

bool usesNativeEngine(const LaunchArguments& launch) { return launch.engine != "buildx"; }

bool isDalecLaunch(const LaunchArguments& launch, std::string_view specText) {
  if (launch.dalec) return *launch.dalec;
  if (spec::isDalecSpec(launch.spec, "", specText)) return true;
  // `--build-arg BUILDKIT_SYNTAX=<frontend image>` stands in for the syntax line.
  auto syntax = launch.args.find("BUILDKIT_SYNTAX");
  return syntax != launch.args.end() && spec::hasDalecSyntaxLine("# syntax=" + syntax->second);
}

std::vector<std::string> buildxCommandLine(const LaunchArguments& launch) {
  std::vector<std::string> argv = launch.buildx;
  if (!launch.builder.empty()) {
    argv.push_back("--builder");
    argv.push_back(launch.builder);
  }
  argv.insert(argv.end(), {"dap", "build", "-f", launch.spec});
  if (!launch.target.empty()) {
    argv.push_back("--target");
    argv.push_back(launch.target);
  }
  for (const auto& [name, value] : launch.args) {
    argv.push_back("--build-arg");
    argv.push_back(name + "=" + value);
  }
  argv.insert(argv.end(), launch.extraArgs.begin(), launch.extraArgs.end());
  argv.push_back(launch.context);
  return argv;
}

}  // namespace dalec::dap
