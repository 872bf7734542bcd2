#pragma once

// Listener: accepts TCP connections and starts an HttpSession for each. With TLS configured
// (site.tls) each connection first shows whether it speaks TLS (beast::async_detect_ssl), and gets
// an HttpSession<TlsStream> or an HttpSession<PlainStream> (which redirects to https://).
//
// Accept errors (a peer that resets before accept, EMFILE when out of descriptors) are logged (at
// most every 10 s, with how many there were) and the listener carries on after a short pause;
// only stop() ends it.
//
// Threading: open() and run() before the io_context runs; stop() from any thread. The acceptor
// lives on its own strand.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>
#include <memory>

namespace encuentro::transport {

struct Site;
class SessionRegistry;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // site and sessions must outlive the listener and every session it starts.
  Listener(boost::asio::io_context& ioc, const Site& site, SessionRegistry& sessions);

  // Opens, binds and listens; on failure returns the error and the listener stays closed.
  boost::beast::error_code open(const boost::asio::ip::tcp::endpoint& endpoint);
  // The bound port (the real one when opened with port 0). REQUIRES: open() succeeded.
  unsigned short port() const;

  void run();
  void stop();

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  const Site& site_;
  SessionRegistry& sessions_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;  // touched only on strand_ once running
  boost::asio::steady_timer backoff_;        // touched only on strand_
  // Failed accepts since the last one was logged, and when that was (touched only on strand_): a
  // persistent failure (out of descriptors) is logged every few seconds, not every retry.
  int failed_accepts_ = 0;
  std::chrono::steady_clock::time_point failure_logged_at_{};
};

}  // namespace encuentro::transport
