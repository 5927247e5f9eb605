// Every way to reach BuildKit (shared/buildkit/routes), each against the real thing that
// routes.e2e.sh starts: the suite's buildkitd over mutual TLS, `docker exec -i` of the real
// buildctl dial-stdio in a container of a real dockerd, the Docker engine's own BuildKit over its
// /grpc upgrade, and builders written by the real buildx. Each working route answers a real
// ListWorkers and runs a real solve.
#include <dirent.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "buildkit/control_client.h"
#include "buildkit/definition_builder.h"
#include "buildkit/routes/daemon_routes.h"
#include "checks_fixture.h"
#include "child_process.h"
#include "spec_fixtures.h"

namespace dalec::testing {
namespace {

namespace fs = std::filesystem;
using buildkit::ConnectionSettings;
using buildkit::DaemonAddress;
using buildkit::RouteEnvironment;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) throw std::runtime_error(std::string(name) + " is not set: run this under tests/e2e/buildkit/routes.e2e.sh");
  return value;
}

std::string tlsFile(const std::string& name) { return env("DALEC_E2E_TLS_DIR") + "/" + name; }

// Nothing of the user's: no BUILDKIT_HOST, the routes.e2e.sh engine, buildx's records of this run.
RouteEnvironment suiteEnvironment() {
  RouteEnvironment e;
  e.dockerHost = env("DALEC_E2E_DOCKER_HOST");
  e.dockerConfigDir = "/nonexistent/docker-config";
  e.buildxConfigDir = env("BUILDX_CONFIG");
  e.defaultDockerSocket = "/nonexistent/docker.sock";
  e.defaultBuildkitSocket = "/nonexistent/buildkitd.sock";
  return e;
}

// The route works: the daemon answers ListWorkers, and solves a small file tree.
void expectWorkingDaemon(const DaemonAddress& address) {
  buildkit::ControlClient client(address);
  ASSERT_EQ(client.connect(std::chrono::seconds(10)), std::nullopt) << address.described();
  std::string error;
  auto workers = client.listWorkers(std::chrono::seconds(10), error);
  ASSERT_TRUE(workers) << error;
  ASSERT_FALSE(workers->empty());
  const auto& platforms = workers->front().platforms;
  EXPECT_NE(std::find(platforms.begin(), platforms.end(), "linux/amd64"), platforms.end());
  moby::buildkit::v1::SolveRequest request;
  *request.mutable_definition() =
      buildkit::fileTreeDefinition({{"/route.txt", "reached through " + address.described() + "\n", 0644}});
  const buildkit::SolveOutcome outcome = client.solve(request, [](const moby::buildkit::v1::StatusResponse&) {});
  EXPECT_TRUE(outcome.ok) << outcome.failure.message;
}

std::string connectError(const DaemonAddress& address) {
  buildkit::ControlClient client(address);
  return client.connect(std::chrono::seconds(10)).value_or("(connected)");
}

// Processes on this machine whose command line contains `part` (tunnels we started and left).
int processesWith(const std::string& part) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::replace(line.begin(), line.end(), '\0', ' ');
    if (line.find(part) != std::string::npos && line.find("routes_test") == std::string::npos) ++count;
  }
  return count;
}

TEST(Routes, MutualTlsOnLoopbackTcp) {
  buildkit::TlsSettings tls{tlsFile("ca.pem"), tlsFile("client.pem"), tlsFile("client-key.pem"), ""};
  auto address = buildkit::parseDaemonAddress(env("DALEC_E2E_TLS_ADDRESS"), tls);
  ASSERT_TRUE(address.value) << address.error;
  expectWorkingDaemon(*address.value);
  // The certificate also names buildkitd.test: --tlsservername picks that name.
  address.value->tls.serverName = "buildkitd.test";
  expectWorkingDaemon(*address.value);
}

TEST(Routes, TlsWithAStrangerCaOrNoClientCertificateSaysWhich) {
  const std::string at = "cannot connect to buildkitd at " + env("DALEC_E2E_TLS_ADDRESS") + ": ";
  buildkit::TlsSettings stranger{tlsFile("other-ca.pem"), tlsFile("client.pem"), tlsFile("client-key.pem"), ""};
  const std::string wrongCa = connectError(*buildkit::parseDaemonAddress(env("DALEC_E2E_TLS_ADDRESS"), stranger).value);
  EXPECT_EQ(wrongCa.rfind(at + "the daemon's TLS certificate is not signed by the CA in " + tlsFile("other-ca.pem") + " (", 0), 0u)
      << wrongCa;
  buildkit::TlsSettings noClient{tlsFile("ca.pem"), "", "", ""};
  const std::string missing = connectError(*buildkit::parseDaemonAddress(env("DALEC_E2E_TLS_ADDRESS"), noClient).value);
  EXPECT_EQ(missing.rfind(at + "the daemon closed the TLS connection, as one that requires a client certificate does when given none "
                               "(set the client certificate and key) (", 0), 0u)
      << missing;
  buildkit::TlsSettings keyless{tlsFile("ca.pem"), tlsFile("client.pem"), "", ""};
  EXPECT_EQ(connectError(*buildkit::parseDaemonAddress(env("DALEC_E2E_TLS_ADDRESS"), keyless).value),
            "a TLS client certificate needs its key, and a key its certificate (got a certificate only)");
}

TEST(Routes, DockerContainerBuilderThroughTheRealBuildctlDialStdio) {
  auto address = buildkit::addressOfBuilder(env("DALEC_E2E_TUNNEL_BUILDER"), suiteEnvironment());
  ASSERT_TRUE(address.value) << address.error;
  EXPECT_EQ(address.value->described(), "docker-container://" + env("DALEC_E2E_TUNNEL_CONTAINER") +
                                            " (buildx builder 'dalec-e2e-tunnel' (docker-container driver))");
  EXPECT_EQ(address.value->command, (std::vector<std::string>{"docker", "--host", env("DALEC_E2E_DOCKER_HOST"), "exec", "-i",
                                                              env("DALEC_E2E_TUNNEL_CONTAINER"), "buildctl", "dial-stdio"}));
  expectWorkingDaemon(*address.value);
  // The client is gone: so is its tunnel, here and in the container.
  for (int i = 0; i < 50 && processesWith("buildctl dial-stdio") > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(processesWith("buildctl dial-stdio"), 0);
}

TEST(Routes, ATunnelThatCannotStartSaysWhatItsCommandSaid) {
  ::setenv("DOCKER_HOST", env("DALEC_E2E_DOCKER_HOST").c_str(), 1);
  const std::string error =
      connectError(*buildkit::resolveDaemonAddress(ConnectionSettings{"docker-container://no-such-builder", "", {}}, suiteEnvironment()).value);
  ::unsetenv("DOCKER_HOST");
  EXPECT_EQ(error.rfind("cannot connect to buildkitd at docker-container://no-such-builder (as configured)", 0), 0u) << error;
  EXPECT_NE(error.find("; `docker exec -i no-such-builder buildctl dial-stdio` exited with 1: Error response from daemon: No such "
                       "container: no-such-builder"),
            std::string::npos)
      << error;
}

TEST(Routes, TheDockerEnginesOwnBuildkitOverItsGrpcUpgrade) {
  auto address = buildkit::addressOfBuilder("default", suiteEnvironment());
  ASSERT_TRUE(address.value) << address.error;
  EXPECT_EQ(address.value->described(), "docker engine at " + env("DALEC_E2E_DOCKER_HOST") + " (buildx builder 'default' (docker driver))");
  expectWorkingDaemon(*address.value);
  RouteEnvironment none = suiteEnvironment();
  none.dockerHost = "unix:///nonexistent/docker.sock";
  EXPECT_EQ(connectError(*buildkit::addressOfBuilder("default", none).value),
            "no Docker engine socket at /nonexistent/docker.sock (is dockerd running?)");
}

TEST(Routes, TheCurrentBuildxBuilderIsTheDefaultAndAMissingOneIsNamed) {
  // A configuration of its own, written by the real buildx: a remote builder over mutual TLS, in use.
  const std::string config = fs::temp_directory_path() / ("dalec-routes-buildx-" + std::to_string(::getpid()));
  const std::string buildx = env("DALEC_E2E_BUILDX");
  const std::string options = "cacert=" + tlsFile("ca.pem") + ",cert=" + tlsFile("client.pem") + ",key=" + tlsFile("client-key.pem") +
                              ",servername=buildkitd.test";
  const std::string prefix = "env -u DOCKER_HOST BUILDX_CONFIG=" + config + " " + buildx;
  ASSERT_EQ(std::system((prefix + " create --name tls-remote --driver remote --driver-opt " + options + " " +
                         env("DALEC_E2E_TLS_ADDRESS") + " >/dev/null")
                            .c_str()),
            0);
  ASSERT_EQ(std::system((prefix + " use tls-remote").c_str()), 0);
  RouteEnvironment e = suiteEnvironment();
  e.buildxConfigDir = config;
  e.dockerHost = "";  // buildx keyed `current` by the default engine socket, as a user's would be
  e.defaultDockerSocket = "/var/run/docker.sock";
  auto chosen = buildkit::resolveDaemonAddress(ConnectionSettings{}, e);
  ASSERT_TRUE(chosen.value) << chosen.error;
  EXPECT_EQ(chosen.value->described(),
            env("DALEC_E2E_TLS_ADDRESS") + " (the current buildx builder, buildx builder 'tls-remote' (remote driver))");
  EXPECT_EQ(chosen.value->tls.serverName, "buildkitd.test");
  expectWorkingDaemon(*chosen.value);
  // BUILDKIT_HOST comes first, and a named builder before either.
  e.buildkitHost = env("BUILDKIT_HOST");
  EXPECT_EQ(buildkit::resolveDaemonAddress(ConnectionSettings{}, e).value->described(), env("BUILDKIT_HOST") + " (BUILDKIT_HOST)");
  EXPECT_EQ(buildkit::resolveDaemonAddress(ConnectionSettings{"", "nope", {}}, e).error,
            "no buildx builder named 'nope' in " + config + " (there are: tls-remote)");
  fs::remove_all(config);
}

TEST(Routes, NothingReachableListsWhatWasTried) {
  RouteEnvironment e = suiteEnvironment();
  e.dockerHost = "";
  e.buildxConfigDir = "/nonexistent/buildx";
  EXPECT_EQ(buildkit::resolveDaemonAddress(ConnectionSettings{}, e).error,
            "no BuildKit reachable: tried BUILDKIT_HOST (not set), the current buildx builder (none chosen in /nonexistent/buildx), "
            "the Docker engine (no socket at /nonexistent/docker.sock), buildkitd's default socket (none at "
            "/nonexistent/buildkitd.sock). Start buildkitd, choose a builder with `docker buildx use NAME`, or set the BuildKit "
            "address (--addr, the dalec.buildkit.address setting or BUILDKIT_HOST)");
  // With an engine there, it is the one chosen.
  e.dockerHost = env("DALEC_E2E_DOCKER_HOST");
  EXPECT_EQ(buildkit::resolveDaemonAddress(ConnectionSettings{}, e).value->described(),
            "docker engine at " + env("DALEC_E2E_DOCKER_HOST") + " (the Docker engine's own BuildKit)");
}

// What a user runs: `dalec-lsp test --builder NAME` with no BUILDKIT_HOST, the real Dalec frontend
// running the spec's tests through `docker exec -i ... buildctl dial-stdio`.
TEST(Routes, DalecTestsRunThroughADockerContainerBuilder) {
  auto run = runToCompletion({"/usr/bin/env", "-u", "BUILDKIT_HOST", lspBinary(), "test", checksSpecPath(), "--target", "bookworm", "--builder",
                              env("DALEC_E2E_TUNNEL_BUILDER")},
                             std::chrono::minutes(10));
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.out, checksSpecPath() + ": tests passed (bookworm/deb)\n");
  EXPECT_EQ(run.err.rfind("dalec-lsp test: running the tests of " + checksSpecPath() +
                              " for bookworm/deb with ghcr.io/project-dalec/dalec/frontend:latest on docker-container://" +
                              env("DALEC_E2E_TUNNEL_CONTAINER") + " (buildx builder 'dalec-e2e-tunnel' (docker-container driver))\n",
                          0),
            0u)
      << run.err;
  EXPECT_EQ(processesWith("buildctl dial-stdio"), 0);
}

// A user who may not reach the daemon's socket is told so, not that there is no daemon: the suite's
// socket is root's, in a directory only root may enter; the socket itself is made closed to others.
TEST(Routes, ASocketThisUserMayNotUseIsPermissionDenied) {
  const std::string socket = env("BUILDKIT_HOST").substr(std::string("unix://").size());
  const auto asNobody = [&](const std::string& address) {
    return runToCompletion({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", lspBinary(), "test",
                            checksSpecPath(), "--target", "bookworm", "--addr", address});
  };
  auto closedDirectory = asNobody(env("BUILDKIT_HOST"));
  EXPECT_EQ(closedDirectory.exitCode, 2);
  EXPECT_NE(closedDirectory.err.find(": error: permission denied on the way to the BuildKit socket " + socket +
                                     " (a directory above it is closed to this user; run as a user who may reach it, or use a "
                                     "daemon of your own)\n"),
            std::string::npos)
      << closedDirectory.err;
  // The same socket, reachable through an open directory but closed itself (0600, root's).
  const fs::path open = fs::temp_directory_path() / ("dalec-routes-open-" + std::to_string(::getpid()));
  fs::create_directories(open);
  fs::permissions(open, fs::perms::all);
  const fs::path link = open / "buildkitd.sock";
  // A hard link keeps the socket's own mode and owner; buildkitd made it 0660 root:root.
  ASSERT_EQ(::link(socket.c_str(), link.c_str()), 0) << std::strerror(errno);
  auto closedSocket = asNobody("unix://" + link.string());
  fs::remove_all(open);
  EXPECT_EQ(closedSocket.exitCode, 2);
  EXPECT_NE(closedSocket.err.find(": error: permission denied on the BuildKit socket " + link.string() +
                                  " (owned by uid 0, gid 0; run as a member of that group, or use a daemon of your own)\n"),
            std::string::npos)
      << closedSocket.err;
}

// The Docker engine's BuildKit (v0.8 in Debian's Docker 20.10) predates what Dalec's test runs need.
TEST(Routes, TheDockerEnginesOldBuildkitIsNamedAsTooOld) {
  auto run = runToCompletion({"/usr/bin/env", "-u", "BUILDKIT_HOST", "DOCKER_HOST=" + env("DALEC_E2E_DOCKER_HOST"), lspBinary(), "test",
                              checksSpecPath(), "--target", "bookworm", "--builder", "default"},
                             std::chrono::minutes(2));
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.err.find(checksSpecPath() + ": error: the BuildKit daemon lacks the capability gateway.evaluate (since BuildKit "
                                            "v0.11.0); use BuildKit v0.11.0 or later (a Docker engine's own BuildKit is as old as "
                                            "the engine: a buildx builder or a buildkitd of your own is newer)\n"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace dalec::testing
