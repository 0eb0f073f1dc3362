/*
 * sandbox-init: the first process inside every sandbox (pid 1 of bwrap's pid namespace).
 *
 *   sandbox-init CPU_SOFT_S CPU_HARD_S AS_BYTES FSIZE_BYTES STACK_BYTES NOFILE NPROC -- PROGRAM ARGS...
 *
 * It forks PROGRAM with the given rlimits (0 = leave unset for AS and NPROC). When PROGRAM ends it
 * kills what is left, reaps every process (so the CPU time of children PROGRAM never waited for is
 * in the rusage too), and writes one line to fd 3, prefixed with the run's token:
 *   "TOKEN exit CODE UTIME_US STIME_US MAXRSS_KB" or "TOKEN signal NUM UTIME_US STIME_US MAXRSS_KB",
 * or "TOKEN execfail ERRNO" / "TOKEN setupfail ERRNO" when PROGRAM could not be started.
 *
 * The token (32 hex digits, fresh per run) is read from fd 4, a file the harness opened, with
 * pread at offset 0 (the cgroup-joining shell before us reads it too); fd 4 is closed before
 * PROGRAM exists. The process is made non-dumpable first thing, so PROGRAM (same uid) can neither
 * ptrace it, read its memory, nor take its fd 3 with pidfd_getfd or /proc/1/fd/3; and even a
 * report written through a leaked fd 3 lacks the token, which the harness treats as forged.
 *
 * Why a helper at all: bwrap reports a child killed by signal N as exit code 128+N, which is
 * ambiguous; and as pid 1 of the namespace this process cannot be signalled by the program
 * (kill(-1), kill(getppid())), so the report always arrives. The limits are set here, after
 * bwrap has started, so bwrap itself never runs under them. fd 3 is close-on-exec for PROGRAM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STATUS_FD 3
#define TOKEN_FD 4
#define TOKEN_LEN 32

static char token[TOKEN_LEN + 1];

/** One report line, always behind the token (a line without it is a forgery to the harness). */
static void report(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  dprintf(STATUS_FD, "%s %s\n", token, line);
}

/** Reads the run's token from fd 4; without a valid one nothing can be reported, so say why on stderr. */
static void read_token(void) {
  ssize_t got = pread(TOKEN_FD, token, TOKEN_LEN, 0);
  int valid = got == TOKEN_LEN;
  for (int i = 0; valid && i < TOKEN_LEN; i++) valid = (token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f');
  close(TOKEN_FD);
  if (!valid) {
    fprintf(stderr, "sandbox-init: no valid run token on fd %d\n", TOKEN_FD);
    _exit(126);
  }
  token[TOKEN_LEN] = '\0';
}

static void set_limit(int resource, unsigned long long soft, unsigned long long hard) {
  struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};
  if (setrlimit(resource, &rl) != 0) {
    report("setupfail %d", errno);
    _exit(126);
  }
}

static unsigned long long parse_number(const char *text) {
  char *end = NULL;
  unsigned long long value = strtoull(text, &end, 10);
  if (end == text || *end != '\0') {
    report("setupfail %d", EINVAL);
    _exit(126);
  }
  return value;
}

static void close_fds_from(int first) {
  if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return;
  for (int fd = first; fd < 1024; fd++) close(fd);
}

int main(int argc, char **argv) {
  // Before anything else: a non-dumpable process cannot be ptraced or have its fds taken by the
  // program, which runs as the same uid.
  prctl(PR_SET_DUMPABLE, 0);
  read_token();
  if (argc < 10 || strcmp(argv[8], "--") != 0) {
    report("setupfail %d", EINVAL);
    return 126;
  }
  unsigned long long cpu_soft = parse_number(argv[1]);
  unsigned long long cpu_hard = parse_number(argv[2]);
  unsigned long long as_bytes = parse_number(argv[3]);
  unsigned long long fsize = parse_number(argv[4]);
  unsigned long long stack = parse_number(argv[5]);
  unsigned long long nofile = parse_number(argv[6]);
  unsigned long long nproc = parse_number(argv[7]);
  char **program = argv + 9;
  int is_init = getpid() == 1;

  fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC);
  // Outside a pid namespace (unsafe mode) orphans should still come back to us to be reaped.
  if (!is_init) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    setsid();
  }
  // Only a group we lead may be killed wholesale at the end (never the harness's own group).
  int leads_group = getpgrp() == getpid();

  pid_t child = fork();
  if (child < 0) {
    report("setupfail %d", errno);
    return 126;
  }
  if (child == 0) {
    close_fds_from(STATUS_FD + 1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_CPU, cpu_soft, cpu_hard);
    set_limit(RLIMIT_FSIZE, fsize, fsize);
    set_limit(RLIMIT_STACK, stack, stack);
    set_limit(RLIMIT_NOFILE, nofile, nofile);
    if (as_bytes > 0) set_limit(RLIMIT_AS, as_bytes, as_bytes);
    if (nproc > 0) set_limit(RLIMIT_NPROC, nproc, nproc);
    execvp(program[0], program);
    report("execfail %d", errno);
    _exit(127);
  }

  int status = 0;
  for (;;) {
    pid_t done = waitpid(-1, &status, 0);
    if (done == child) break;
    if (done < 0 && errno != EINTR) {
      report("setupfail %d", errno);
      return 126;
    }
  }
  // Daemons and children the program never waited for die now, and are reaped before the rusage
  // is read, so their CPU time counts. As pid 1, kill(-1) reaches the whole namespace; outside
  // one (unsafe mode), the session we lead, which includes us: there the cgroup accounts for them.
  if (is_init) {
    // Killing again after every reap also catches a process forked while the previous kill ran.
    for (;;) {
      kill(-1, SIGKILL);
      int ignored = 0;
      if (waitpid(-1, &ignored, 0) < 0 && errno != EINTR) break;
    }
  }
  struct rusage usage;
  getrusage(RUSAGE_CHILDREN, &usage);
  long long utime = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
  long long stime = (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  if (WIFSIGNALED(status)) {
    report("signal %d %lld %lld %ld", WTERMSIG(status), utime, stime, usage.ru_maxrss);
  } else {
    report("exit %d %lld %lld %ld", WEXITSTATUS(status), utime, stime, usage.ru_maxrss);
  }
  if (!is_init && leads_group) kill(0, SIGKILL);
  return 0;
}
