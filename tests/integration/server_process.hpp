#pragma once

// Test helpers that run the real server binary (ENCUENTRO_SERVER_BINARY) as a child process.
//
//   TempDir dir;
//   ServerProcess server({"--port", "0", "--bind", "127.0.0.1", "--db", dir.file("x.db")});
//   REQUIRE(server.wait_listening());          // reads stdout for "listening on http://ADDR:PORT"
//   ... talk to server.port() ...
//   auto status = server.stop(SIGTERM);        // bounded wait; nullopt if it did not exit
//
// Every wait is bounded. A process still running when its ServerProcess is destroyed is killed
// (SIGKILL) and reaped, so a failing test never leaves a server behind.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

extern char** environ;

namespace encuentro::testing {

// A fresh directory under the system temp directory, removed with everything in it.

struct ExitStatus {
  bool exited = false;  // normal exit; `code` is valid
  int code = -1;
  int signal = 0;  // the signal that killed it when !exited
};

class ServerProcess {
 public:
  using Clock = std::chrono::steady_clock;

  // Spawns the server with `args` (program name excluded). stderr (the log) goes to a file.
  explicit ServerProcess(const std::vector<std::string>& args,
                         const std::string& binary = default_binary()) {
    log_path_ = log_dir_.file("server.log");
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    stdout_fd_ = fds[0];

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // clears O_CLOEXEC
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> argv_storage{binary};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    // ENCUENTRO_TEST_SERVER_THREADS=N runs every server with N I/O threads (scripts/sanitize.sh:
    // ThreadSanitizer sees the threads share the app layer). Last, so it overrides a --config file.
    if (const char* threads = std::getenv("ENCUENTRO_TEST_SERVER_THREADS"); threads && *threads) {
      argv_storage.insert(argv_storage.end(), {"--threads", threads});
    }
    std::vector<char*> argv;
    for (std::string& arg : argv_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
      pid_ = -1;
      throw std::runtime_error("posix_spawn failed for " + binary);
    }
  }

  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
    // To read the logs of a flaky run: ENCUENTRO_TEST_KEEP_LOGS=<dir> keeps each server's log.
    if (const char* keep = std::getenv("ENCUENTRO_TEST_KEEP_LOGS"); keep && *keep) {
      static int kept = 0;
      std::ofstream(std::string(keep) + "/server-" + std::to_string(getpid()) + "-" +
                        std::to_string(++kept) + ".log",
                    std::ios::binary)
          << log_text();
    }
  }

  // The server the tests run: this build's, or ENCUENTRO_TEST_SERVER_BINARY (scripts/sanitize.sh
  // runs these tests against a ThreadSanitizer build of the server alone).
  static std::string default_binary() {
    const char* other = std::getenv("ENCUENTRO_TEST_SERVER_BINARY");
    return other && *other ? other : ENCUENTRO_SERVER_BINARY;
  }

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Reads stdout until the "listening on http://ADDR:PORT" line; false if the process closes its
  // stdout (exits) first or the line does not come within `timeout`.
  bool wait_listening(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = Clock::now() + timeout;
    static constexpr std::string_view kPrefix = "listening on http://";
    for (;;) {
      for (std::size_t start = 0, end; (end = stdout_.find('\n', start)) != std::string::npos;
           start = end + 1) {
        const std::string_view line(stdout_.data() + start, end - start);
        if (!line.starts_with(kPrefix)) continue;
        const auto colon = line.rfind(':');
        if (colon == std::string_view::npos || colon < kPrefix.size()) return false;
        port_ = static_cast<unsigned short>(std::stoi(std::string(line.substr(colon + 1))));
        return port_ != 0;
      }
      if (!read_stdout_until(deadline)) return false;
    }
  }

  // Reads stdout until EOF (the process closed it) or the deadline; returns what was read.
  const std::string& read_all_stdout(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = Clock::now() + timeout;
    while (read_stdout_until(deadline)) {
    }
    return stdout_;
  }

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& stdout_text() const { return stdout_; }

  // The log written so far (stderr of the server).
  std::string log_text() const {
    std::ifstream in(log_path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Sends `signal` and waits for the exit; nullopt if the process is still running at timeout.
  std::optional<ExitStatus> stop(int signal = SIGTERM,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    if (pid_ <= 0) return exit_status_;
    kill(pid_, signal);
    return wait(timeout);
  }

  // Waits for the process to exit by itself.
  std::optional<ExitStatus> wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    if (pid_ <= 0) return exit_status_;
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      int status = 0;
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        ExitStatus result;
        result.exited = WIFEXITED(status);
        result.code = result.exited ? WEXITSTATUS(status) : -1;
        result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        pid_ = -1;
        exit_status_ = result;
        return result;
      }
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

 private:
  // One read from stdout, waiting until `deadline`; false on EOF, error or timeout.
  bool read_stdout_until(Clock::time_point deadline) {
    if (stdout_fd_ < 0) return false;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    const int ready = poll(&pfd, 1, static_cast<int>(left));
    if (ready <= 0) return false;
    char buffer[4096];
    const ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
    if (n <= 0) {
      close(stdout_fd_);
      stdout_fd_ = -1;
      return false;
    }
    stdout_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  TempDir log_dir_;
  std::string log_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stdout_;
  unsigned short port_ = 0;
  std::optional<ExitStatus> exit_status_;
};

}  // namespace encuentro::testing
