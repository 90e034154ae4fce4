// gdb_server.cpp - sockets and packet framing of the remote protocol
// (gdb_server.h).  Packet format, from the GDB manual ("Overview" of the
// remote protocol): $data#cc, cc the modulo-256 sum of data in two hex
// digits, answered by '+' (or '-' to ask again) unless no-ack mode is on;
// '}' escapes the next byte XORed with 0x20.
#include "sim/debug/gdb_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ds::debug {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(fmt::format("--gdb: {}: {}", what, std::strerror(errno)));
}

}  // namespace

RspServer::RspServer(const std::string& endpoint) {
  if (endpoint.rfind("unix:", 0) == 0) {
    unix_path_ = endpoint.substr(5);
    sockaddr_un a{};
    if (unix_path_.empty() || unix_path_.size() >= sizeof a.sun_path)
      throw std::runtime_error("--gdb unix:PATH wants a path of 1 to 107 bytes");
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path, unix_path_.c_str(), unix_path_.size());
    listen_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_ < 0) fail("socket");
    ::unlink(unix_path_.c_str());  // a stale socket from an earlier run
    if (bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) fail(unix_path_);
    where_ = endpoint;
  } else {
    char* end = nullptr;
    unsigned long port = std::strtoul(endpoint.c_str(), &end, 10);
    if (endpoint.empty() || *end || port == 0 || port > 65535)
      throw std::runtime_error("--gdb wants a TCP port (1-65535) or unix:PATH, not '" + endpoint + "'");
    listen_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_ < 0) fail("socket");
    int one = 1;
    setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only, by design
    if (bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) fail(fmt::format("127.0.0.1:{}", port));
    where_ = fmt::format("127.0.0.1:{}", port);
  }
  if (listen(listen_, 1) < 0) fail("listen");
}

RspServer::~RspServer() {
  drop_client();
  if (listen_ >= 0) ::close(listen_);
  if (!unix_path_.empty()) ::unlink(unix_path_.c_str());
}

bool RspServer::accept(bool block) {
  if (client_ >= 0) return true;
  pollfd p{listen_, POLLIN, 0};
  if (poll(&p, 1, block ? -1 : 0) <= 0) return false;
  client_ = ::accept4(listen_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client_ < 0) return false;
  if (unix_path_.empty()) {
    int one = 1;
    setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  no_ack_ = false;
  buf_.clear(), pos_ = 0;
  return true;
}

void RspServer::drop_client() {
  if (client_ >= 0) ::close(client_);
  client_ = -1;
}

int RspServer::read_byte() {
  if (pos_ == buf_.size()) {
    if (client_ < 0) return -1;
    char tmp[4096];
    ssize_t n;
    do n = ::recv(client_, tmp, sizeof tmp, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
      drop_client();
      return -1;
    }
    buf_.assign(tmp, static_cast<size_t>(n));
    pos_ = 0;
  }
  return static_cast<unsigned char>(buf_[pos_++]);
}

std::optional<std::string> RspServer::read_packet() {
  for (;;) {
    int ch = read_byte();
    if (ch < 0) return std::nullopt;
    if (ch == 0x03) return std::string("\x03");
    if (ch != '$') continue;  // acks, noise
    std::string data;
    unsigned sum = 0;
    bool escape = false;
    for (;;) {
      ch = read_byte();
      if (ch < 0) return std::nullopt;
      if (ch == '#' && !escape) break;
      sum += static_cast<unsigned>(ch);
      if (escape) {
        data += static_cast<char>(ch ^ 0x20);
        escape = false;
      } else if (ch == '}') {
        escape = true;
      } else {
        data += static_cast<char>(ch);
      }
    }
    int h = read_byte(), l = read_byte();
    if (h < 0 || l < 0) return std::nullopt;
    char cc[3] = {static_cast<char>(h), static_cast<char>(l), 0};
    bool ok = std::strtoul(cc, nullptr, 16) == (sum & 0xff);
    if (!no_ack_) {
      char ack = ok ? '+' : '-';
      (void)!::send(client_, &ack, 1, MSG_NOSIGNAL);
    }
    if (ok) return data;
  }
}

bool RspServer::poll_interrupt() {
  if (client_ < 0) return false;
  bool seen = false;
  while (pos_ < buf_.size())
    if (buf_[pos_++] == 0x03) seen = true;
  pollfd p{client_, POLLIN, 0};
  while (!seen && poll(&p, 1, 0) > 0) {
    int ch = read_byte();
    if (ch < 0) return true;  // gone: stop and let the serve loop notice
    if (ch == 0x03) seen = true;
  }
  return seen;
}

void RspServer::send_packet(const std::string& payload) {
  if (client_ < 0) return;
  std::string out = "$";
  unsigned sum = 0;
  for (char ch : payload) {
    if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {  // escape what framing or RLE would misread
      out += '}';
      sum += '}';
      ch ^= 0x20;
    }
    out += ch;
    sum += static_cast<unsigned char>(ch);
  }
  out += fmt::format("#{:02x}", sum & 0xff);
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (::send(client_, out.data(), out.size(), MSG_NOSIGNAL) < 0) return drop_client();
    if (no_ack_) return;
    int ack = read_byte();
    while (ack >= 0 && ack != '+' && ack != '-') ack = read_byte();  // (a 0x03 here is lost; gdb resends)
    if (ack != '-') return;
  }
}

std::string to_hex(const void* bytes, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  s.reserve(2 * n);
  const unsigned char* p = static_cast<const unsigned char*>(bytes);
  for (size_t i = 0; i < n; ++i) s += kDigits[p[i] >> 4], s += kDigits[p[i] & 15];
  return s;
}

std::string to_hex(const std::string& s) { return to_hex(s.data(), s.size()); }

bool from_hex(const std::string& hex, std::string& out) {
  if (hex.size() % 2) return false;
  out.clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    auto digit = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    int h = digit(hex[i]), l = digit(hex[i + 1]);
    if (h < 0 || l < 0) return false;
    out += static_cast<char>(h << 4 | l);
  }
  return true;
}

}  // namespace ds::debug
