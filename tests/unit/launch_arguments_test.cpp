#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "protocol/launch_arguments.h"

namespace dalec::dap {
namespace {

using ::testing::ElementsAre;

TEST(LaunchArguments, DefaultsAndCommandLine) {
  auto launch = parseLaunchArguments({{"spec", "specs/app.yml"}, {"target", "jammy/deb"}, {"args", {{"VERSION", "1.2"}, {"REV", 3}}},
                                      {"builder", "local"}, {"extraArgs", {"--progress", "plain"}}},
                                     "/work");
  EXPECT_EQ(launch.spec, "/work/specs/app.yml");
  EXPECT_EQ(launch.context, "/work/specs");
  EXPECT_EQ(launch.cwd, "/work/specs");
  EXPECT_TRUE(launch.stopOnFailedCheck);
  EXPECT_FALSE(launch.stopOnEntry);
  EXPECT_THAT(buildxCommandLine(launch),
              ElementsAre("docker", "buildx", "--builder", "local", "dap", "build", "-f", "/work/specs/app.yml", "--target", "jammy/deb",
                          "--build-arg", "REV=3", "--build-arg", "VERSION=1.2", "--progress", "plain", "/work/specs"));
}

TEST(LaunchArguments, StandaloneBuildxAndExplicitPaths) {
  auto launch = parseLaunchArguments({{"spec", "/s/app.yml"}, {"context", "ctx"}, {"cwd", "/w"}, {"buildx", "buildx"},
                                      {"stopOnEntry", true}, {"stopOnFailedCheck", false}, {"test", "works"}},
                                     "/ignored");
  EXPECT_EQ(launch.context, "/w/ctx");
  EXPECT_EQ(launch.cwd, "/w");
  EXPECT_THAT(launch.buildx, ElementsAre("buildx"));
  EXPECT_TRUE(launch.stopOnEntry);
  EXPECT_FALSE(launch.stopOnFailedCheck);
  EXPECT_EQ(launch.test, "works");
  EXPECT_THAT(buildxCommandLine(launch), ElementsAre("buildx", "dap", "build", "-f", "/s/app.yml", "/w/ctx"));
}

TEST(LaunchArguments, DalecOrTransparentByTheFileArgsOrOverride) {
  const std::string dalec = "# syntax=ghcr.io/project-dalec/dalec/frontend:latest\nname: x\n";
  const std::string dockerfile = "FROM scratch\nCOPY busybox /bin/busybox\n";
  auto launch = parseLaunchArguments({{"spec", "/s/Dockerfile"}}, "/");
  EXPECT_TRUE(isDalecLaunch(launch, dalec));
  EXPECT_FALSE(isDalecLaunch(launch, dockerfile));
  EXPECT_FALSE(isDalecLaunch(launch, "# syntax=docker/dockerfile:1\nFROM scratch\n"));
  // The frontend named by a build arg instead of the syntax line.
  launch = parseLaunchArguments({{"spec", "/s/app.yml"}, {"args", {{"BUILDKIT_SYNTAX", "ghcr.io/project-dalec/dalec/frontend:0.21"}}}}, "/");
  EXPECT_TRUE(isDalecLaunch(launch, "name: x\n"));
  EXPECT_TRUE(isDalecLaunch(parseLaunchArguments({{"spec", "/s/app.dalec.yml"}}, "/"), "name: x\n"));
  // A frontend image under another name: the user says so.
  EXPECT_TRUE(isDalecLaunch(parseLaunchArguments({{"spec", "/s/app.yml"}, {"dalec", true}}, "/"), "# syntax=local/frontend\n"));
  EXPECT_FALSE(isDalecLaunch(parseLaunchArguments({{"spec", "/s/app.yml"}, {"dalec", false}}, "/"), dalec));
}

TEST(LaunchArguments, ClearErrors) {
  auto error = [](const nlohmann::json& args) {
    try {
      parseLaunchArguments(args, "/w");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error(nlohmann::json::object()), "\"spec\" is required: the path of the Dalec spec to build");
  EXPECT_EQ(error({{"spec", 5}}), "\"spec\" must be a string");
  EXPECT_EQ(error({{"spec", "a"}, {"stopOnEntry", "yes"}}), "\"stopOnEntry\" must be true or false");
  EXPECT_EQ(error({{"spec", "a"}, {"args", {1, 2}}}), "\"args\" must be an object of strings");
  EXPECT_EQ(error({{"spec", "a"}, {"buildx", nlohmann::json::array()}}), "\"buildx\" must name a command");
  EXPECT_EQ(error({{"spec", "a"}, {"extraArgs", {1}}}), "\"extraArgs\" must be a list of strings");
  EXPECT_EQ(error({{"spec", "a"}, {"dalec", "yes"}}), "\"dalec\" must be true or false");
}

}  // namespace
}  // namespace dalec::dap
