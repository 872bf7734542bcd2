#include "transport/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <chrono>

#include "app/log.hpp"
#include "transport/http_session.hpp"
#include "transport/session_registry.hpp"
#include "transport/site.hpp"

namespace encuentro::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

// A connection on a server with TLS: its first bytes say whether it is a TLS ClientHello
// (beast::async_detect_ssl) and so which session serves it. Registered with the sessions like
// them, so that a graceful stop does not wait for a peer that connects and says nothing.
class Detection : public std::enable_shared_from_this<Detection> {
 public:
  Detection(tcp::socket&& socket, const Site& site, SessionRegistry& sessions)
      : site_(site),
        sessions_(sessions),
        stream_(std::move(socket)),
        strand_(stream_.get_executor()) {}

  ~Detection() {
    if (registered_) sessions_.remove(this);
  }

  Detection(const Detection&) = delete;
  Detection& operator=(const Detection&) = delete;

  void run() {
    net::dispatch(strand_, [self = shared_from_this()] { self->start(); });
  }

 private:
  void start() {
    registered_ = sessions_.add(this, [weak = weak_from_this()] {
      if (auto self = weak.lock()) {
        net::dispatch(self->strand_, [self] {
          if (!self->handed_over_) self->stream_.cancel();
        });
      }
    });
    if (!registered_) return;  // the server is stopping: dropping the socket closes it
    stream_.expires_after(std::chrono::seconds(site_.limits.read_timeout_s));
    beast::async_detect_ssl(stream_, buffer_,
                            beast::bind_front_handler(&Detection::on_detect, shared_from_this()));
  }

  void on_detect(beast::error_code ec, bool tls) {
    if (ec) return;  // closed, timed out or stopped before saying anything
    handed_over_ = true;
    if (tls) {
      std::make_shared<HttpSession<TlsStream>>(TlsStream(std::move(stream_), *site_.tls),
                                               std::move(buffer_), site_, sessions_)
          ->run();
    } else {
      std::make_shared<HttpSession<PlainStream>>(std::move(stream_), std::move(buffer_), site_,
                                                 sessions_)
          ->run();
    }
  }

  const Site& site_;
  SessionRegistry& sessions_;
  beast::tcp_stream stream_;  // on strand_; moved into the session once detected
  const beast::tcp_stream::executor_type strand_;
  beast::flat_buffer buffer_;
  bool registered_ = false;
  bool handed_over_ = false;
};

}  // namespace

Listener::Listener(net::io_context& ioc, const Site& site, SessionRegistry& sessions)
    : ioc_(ioc),
      site_(site),
      sessions_(sessions),
      strand_(net::make_strand(ioc)),
      acceptor_(strand_),
      backoff_(strand_) {}

boost::beast::error_code Listener::open(const tcp::endpoint& endpoint) {
  boost::beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::beast::error_code ignored;
    acceptor_.close(ignored);
  }
  return ec;
}

unsigned short Listener::port() const {
  boost::beast::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void Listener::run() {
  net::dispatch(strand_,
                boost::beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
  net::dispatch(strand_, [self = shared_from_this()] {
    boost::beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->backoff_.cancel();
  });
}

void Listener::do_accept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand.
  acceptor_.async_accept(net::make_strand(ioc_), boost::beast::bind_front_handler(
                                                     &Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;  // stopped
  if (ec) {
    const auto now = std::chrono::steady_clock::now();
    ++failed_accepts_;
    if (now - failure_logged_at_ >= std::chrono::seconds(10)) {
      log::warn("accept failed", {{"error", ec.message()}, {"failures", failed_accepts_}});
      failed_accepts_ = 0;
      failure_logged_at_ = now;
    }
    // A pause keeps a persistent condition (out of file descriptors) from spinning the CPU.
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  // Every message is a small frame a person is waiting for (an ack, an event): send it now, not
  // after Nagle's algorithm has waited for the peer's delayed ACK (up to 40 ms on Linux).
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  if (site_.tls) {
    std::make_shared<Detection>(std::move(socket), site_, sessions_)->run();
  } else {
    std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)), beast::flat_buffer(),
                                               site_, sessions_)
        ->run();
  }
  do_accept();
}

}  // namespace encuentro::transport
