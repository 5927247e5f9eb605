#include "buildkit/routes/daemon_channel.h"

#include <grpcpp/create_channel_posix.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/security/credentials.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "buildkit/routes/docker_engine_dial.h"

namespace dalec::buildkit {

namespace {

bool readPem(const std::string& path, const char* what, std::string& into, std::optional<std::string>& error) {
  if (path.empty()) return true;
  std::ifstream in(path);
  if (!in) {
    error = "cannot read the TLS " + std::string(what) + " " + path;
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  into = text.str();
  return true;
}

// Where an opened connection is not ours to hand over, calls must still fail cleanly: a channel to
// a socket that cannot exist, with retries off, fails every call at once with UNAVAILABLE.
std::shared_ptr<grpc::Channel> unusableChannel(const grpc::ChannelArguments& arguments) {
  return grpc::CreateCustomChannel("unix:///nonexistent/dalec-tools-unopened-route", grpc::InsecureChannelCredentials(), arguments);
}

// Case-blind: OpenSSL's wording changed case between versions ("CERTIFICATE_VERIFY_FAILED", "certificate verify failed").
bool mentions(const std::string& text, const std::string& part) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(text).find(lower(part)) != std::string::npos;
}

}  // namespace

DaemonChannel::DaemonChannel(const DaemonAddress& address, const grpc::ChannelArguments& arguments) : address_(address) {
  switch (address.transport) {
    case Transport::Unix:
      channel_ = grpc::CreateCustomChannel(address.grpcTarget, grpc::InsecureChannelCredentials(), arguments);
      return;
    case Transport::Tcp: {
      if (address.tls.caFile.empty() && address.tls.certFile.empty()) {
        channel_ = grpc::CreateCustomChannel(address.grpcTarget, grpc::InsecureChannelCredentials(), arguments);
        return;
      }
      grpc::SslCredentialsOptions pem;
      if (!readPem(address.tls.caFile, "CA certificate", pem.pem_root_certs, openError_) ||
          !readPem(address.tls.certFile, "client certificate", pem.pem_cert_chain, openError_) ||
          !readPem(address.tls.keyFile, "client key", pem.pem_private_key, openError_))
        break;
      if (pem.pem_cert_chain.empty() != pem.pem_private_key.empty()) {
        openError_ = "a TLS client certificate needs its key, and a key its certificate (got " +
                     std::string(pem.pem_cert_chain.empty() ? "a key only" : "a certificate only") + ")";
        break;
      }
      grpc::ChannelArguments withName = arguments;
      // buildctl's --tlsservername: the name the daemon's certificate carries, when not the host's.
      if (!address.tls.serverName.empty()) withName.SetSslTargetNameOverride(address.tls.serverName);
      channel_ = grpc::CreateCustomChannel(address.grpcTarget, grpc::SslCredentials(pem), withName);
      return;
    }
    case Transport::Command: {
      int fd = -1;
      std::string error;
      tunnel_ = CommandTunnel::start(address.command, fd, error);
      if (!tunnel_) {
        openError_ = "cannot start the tunnel to " + address.address + ": " + error;
        break;
      }
      channel_ = grpc::CreateCustomInsecureChannelFromFd("localhost", fd, arguments);
      return;
    }
    case Transport::DockerEngine: {
      std::string error;
      const int fd = dialDockerEngineBuildkit(address.engineSocket, std::chrono::seconds(10), error);
      if (fd < 0) {
        openError_ = error;
        break;
      }
      channel_ = grpc::CreateCustomInsecureChannelFromFd("localhost", fd, arguments);
      return;
    }
  }
  channel_ = unusableChannel(arguments);
}

DaemonChannel::~DaemonChannel() {
  // The channel goes first, so the tunnel's child sees its input close before it is stopped.
  channel_.reset();
  tunnel_.reset();
}

std::string DaemonChannel::tunnelReport(std::chrono::milliseconds wait) { return tunnel_ ? tunnel_->report(wait) : ""; }

std::string DaemonChannel::explain(const std::string& grpcMessage) const {
  const TlsSettings& tls = address_.tls;
  if (address_.transport != Transport::Tcp || (tls.caFile.empty() && tls.certFile.empty())) return grpcMessage;
  if (mentions(grpcMessage, "certificate verify failed"))
    return "the daemon's TLS certificate is not signed by the CA in " + (tls.caFile.empty() ? std::string("the system's roots") : tls.caFile) +
           " (" + grpcMessage + ")";
  if (mentions(grpcMessage, "hostname") || mentions(grpcMessage, "peer name"))
    return "the daemon's TLS certificate is not for " + (tls.serverName.empty() ? address_.grpcTarget : tls.serverName) +
           " (set the TLS server name to a name it carries) (" + grpcMessage + ")";
  // With TLS 1.3 the daemon judges our certificate after the handshake: all we see is the
  // connection closing (the alert itself only reaches gRPC's log).
  if (mentions(grpcMessage, "endpoint read failed") || mentions(grpcMessage, "socket closed") ||
      mentions(grpcMessage, "certificate required") || mentions(grpcMessage, "bad certificate") || mentions(grpcMessage, "unknown ca")) {
    if (tls.certFile.empty())
      return "the daemon closed the TLS connection, as one that requires a client certificate does when given none (set the "
             "client certificate and key) (" + grpcMessage + ")";
    return "the daemon closed the TLS connection: it did not accept the client certificate " + tls.certFile +
           " (is it signed by the CA the daemon trusts?) (" + grpcMessage + ")";
  }
  return grpcMessage;
}

}  // namespace dalec::buildkit
