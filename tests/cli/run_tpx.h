// Runs the built tpx binary the way a shell would, for the end-to-end tests:
// arguments, a clean environment, bytes on stdin; collects stdout, stderr
// and the exit status (128 + signal when killed, so a crash can't pass).
#ifndef TPX_TESTS_CLI_RUN_TPX_H_
#define TPX_TESTS_CLI_RUN_TPX_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace tpx_test {

struct Result {
  int code = -1;
  std::string out, err;
};

/// `env` entries are added to PATH, HOME and a private XDG_CACHE_HOME, and
/// override them. With `close_stdout`, nobody reads tpx's stdout: the read
/// end of the pipe is closed before tpx starts, so its first write fails
/// with EPIPE.
inline Result tpx(const std::vector<std::string>& args, const std::string& input = "",
                  const std::vector<std::string>& env = {}, bool close_stdout = false) {
  ::signal(SIGPIPE, SIG_IGN);  // tpx may stop reading stdin early
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) return {};
  if (close_stdout) {
    ::close(out[0]);
    out[0] = -1;
  }
  // Entries in `env` come first, so they override these defaults (getenv
  // returns the first match).
  std::vector<std::string> envs = env;
  envs.push_back(std::string("PATH=") + (getenv("PATH") ? getenv("PATH") : ""));
  envs.push_back(std::string("HOME=") + (getenv("HOME") ? getenv("HOME") : "/tmp"));
  envs.push_back("XDG_CACHE_HOME=/tmp/tpx-cli-test-cache-" + std::to_string(::getpid()));
  std::vector<char*> argv = {const_cast<char*>(TPX_BINARY)}, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]})
      if (fd >= 0) ::close(fd);
    ::signal(SIGPIPE, SIG_DFL);
    ::execve(TPX_BINARY, argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ::fcntl(in[1], F_SETFL, O_NONBLOCK);
  Result r;
  std::size_t written = 0;
  bool in_open = true, out_open = !close_stdout, err_open = true;
  if (input.empty()) {
    ::close(in[1]);
    in_open = false;
  }
  while (out_open || err_open) {
    pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in_open ? in[1] : -1, POLLOUT, 0}};
    ::poll(fds, 3, 10000);
    char buf[65536];
    for (int i = 0; i < 2; ++i) {
      bool& open = i == 0 ? out_open : err_open;
      if (open && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n > 0)
          (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
        else
          open = false;
      }
    }
    if (in_open && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = ::write(in[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) {
        ::close(in[1]);
        in_open = false;
      }
    }
  }
  if (in_open) ::close(in[1]);
  if (out[0] >= 0) ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

/// Runs tpx with nobody reading its stdout (`tpx ... | head -c0`).
inline Result tpx_stdout_closed(const std::vector<std::string>& args) { return tpx(args, "", {}, true); }

}  // namespace tpx_test

#endif  // TPX_TESTS_CLI_RUN_TPX_H_
