#include "transport/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>

#include "app/log.hpp"
#include "transport/http_session.hpp"

namespace encuentro::transport {

namespace net = boost::asio;
using tcp = net::ip::tcp;

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
    log::warn("accept failed", {{"error", ec.message()}});
    // A pause keeps a persistent condition (out of file descriptors) from spinning the CPU.
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  std::make_shared<HttpSession>(std::move(socket), site_, sessions_)->run();
  do_accept();
}

}  // namespace encuentro::transport
