// gdb_server.h - the transport of the GDB remote serial protocol: a
// listening socket on 127.0.0.1 (never another address) or a unix socket,
// one client at a time, and the packet framing "$payload#checksum" with
// its acknowledgements (until QStartNoAckMode), binary escapes and the
// out-of-band interrupt byte 0x03.  What the packets mean is gdb_target.h.
#pragma once
#include <optional>
#include <string>

namespace ds::debug {

class RspServer {
 public:
  // endpoint: "PORT" (1..65535, on 127.0.0.1) or "unix:PATH".  Listens at
  // once; throws std::runtime_error with a one-line reason.
  explicit RspServer(const std::string& endpoint);
  ~RspServer();
  RspServer(const RspServer&) = delete;
  RspServer& operator=(const RspServer&) = delete;

  const std::string& where() const { return where_; }  // "127.0.0.1:1234", "unix:/tmp/s"
  bool connected() const { return client_ >= 0; }
  // Takes a waiting client; with block, waits for one.  True when connected.
  bool accept(bool block);
  // The next packet's payload, unescaped; "\x03" for an interrupt byte;
  // nothing when the client went away.
  std::optional<std::string> read_packet();
  // Whether an interrupt byte (0x03) arrived, without waiting.  Anything
  // else read on the way is dropped (gdb sends nothing while it waits).
  bool poll_interrupt();
  void send_packet(const std::string& payload);
  void set_no_ack() { no_ack_ = true; }
  void drop_client();

 private:
  int read_byte();  // -1 on end of connection
  int listen_ = -1, client_ = -1;
  std::string where_, unix_path_;
  bool no_ack_ = false;
  std::string buf_;
  size_t pos_ = 0;
};

// Hex helpers shared with the target side.
std::string to_hex(const void* bytes, size_t n);
std::string to_hex(const std::string& s);
bool from_hex(const std::string& hex, std::string& out);

}  // namespace ds::debug
