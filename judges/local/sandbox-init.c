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
 *
 * Session mode (PROGRAM is "--session", then the real program): one sandbox serves many runs of
 * the same program (judges/local/session.ts). Each command on fd 0, "run\0N\0ARG1\0...ARGN\0",
 * starts a fresh child with fresh rlimits, stdin from /.in/stdin, the extra ARGs after the program;
 * when it ends everything else in the namespace is killed and reaped (as in one-shot mode), SysV
 * IPC objects and the user keyrings are removed, and "TOKEN SEQ exit|signal ..." goes to fd 3
 * (SEQ counts runs from 1), followed by the end marker "TOKEN:SEQ:end\n" on fd 2 and fd 1, so
 * the harness knows where this run's output ends (the program cannot know the token to fake it).
 * End of file on fd 0 ends the session.
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
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/keyctl.h>

#define STATUS_FD 3
#define TOKEN_FD 4
#define TOKEN_LEN 32

static char token[TOKEN_LEN + 1];
/** Session mode: the number of the run under way (reports carry it after the token); 0 otherwise. */
static unsigned long long current_seq;

/** One report line, always behind the token (a line without it is a forgery to the harness). */
static void report(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (current_seq > 0) dprintf(STATUS_FD, "%s %llu %s\n", token, current_seq, line);
  else dprintf(STATUS_FD, "%s %s\n", token, line);
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

#define SESSION_FLAG "--session"
#define MAX_ARGS 256
#define STDIN_PATH "/.in/stdin"

/** The program's rlimits, the same for every run (one-shot mode: the only run). */
static unsigned long long cpu_soft, cpu_hard, as_bytes, fsize, stack, nofile, nproc;

/** In the forked child: fresh signal mask and rlimits, then PROGRAM. Never returns. */
static void exec_program(char **program) {
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

/** Adds one reaped process's rusage to a run's total (CPU summed, peak RSS the largest). */
static void add_usage(struct rusage *total, const struct rusage *one) {
  timeradd(&total->ru_utime, &one->ru_utime, &total->ru_utime);
  timeradd(&total->ru_stime, &one->ru_stime, &total->ru_stime);
  if (one->ru_maxrss > total->ru_maxrss) total->ru_maxrss = one->ru_maxrss;
}

/**
 * Waits for CHILD, then kills and reaps everything else in the namespace (daemons included),
 * summing the rusage of every process reaped, so a run's figures are its own and not the session's.
 * Returns 0, or -1 with errno when waiting failed.
 */
static int reap_run(pid_t child, int *status, struct rusage *usage) {
  memset(usage, 0, sizeof *usage);
  struct rusage one;
  for (;;) {
    int st = 0;
    pid_t done = wait4(-1, &st, 0, &one);
    if (done > 0) add_usage(usage, &one);
    if (done == child) {
      *status = st;
      break;
    }
    if (done < 0 && errno != EINTR) return -1;
  }
  for (;;) {
    kill(-1, SIGKILL);
    int ignored = 0;
    pid_t done = wait4(-1, &ignored, 0, &one);
    if (done > 0) add_usage(usage, &one);
    else if (errno != EINTR) break;
  }
  return 0;
}

/** Removes every SysV IPC object of the namespace listed in /proc/sysvipc/WHICH (they outlive processes). */
static void remove_ipc(const char *which) {
  char path[64];
  snprintf(path, sizeof path, "/proc/sysvipc/%s", which);
  FILE *list = fopen(path, "re");
  if (!list) return;
  char line[512];
  int header = 1;
  while (fgets(line, sizeof line, list)) {
    long key = 0, id = -1;
    if (header) {
      header = 0;
      continue;
    }
    if (sscanf(line, "%ld %ld", &key, &id) != 2 || id < 0) continue;
    if (which[1] == 'h') shmctl((int)id, IPC_RMID, NULL);
    else if (which[1] == 's') msgctl((int)id, IPC_RMID, NULL);
    else semctl((int)id, 0, IPC_RMID);
  }
  fclose(list);
}

/**
 * What one run may leave behind that is not a process or a file in the scratch (which the harness
 * empties): SysV IPC objects, keys in the user keyrings, and the mode, extended attributes and
 * times of the three writable mount points themselves. All go back to a fresh sandbox's state.
 */
static void reset_between_runs(void) {
  remove_ipc("shm");
  remove_ipc("msg");
  remove_ipc("sem");
  syscall(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_USER_KEYRING);
  syscall(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_USER_SESSION_KEYRING);
  const char *dirs[] = {"/box", "/tmp", "/dev/shm"};
  for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    chmod(dirs[i], 0700);
    char names[4096];
    ssize_t size = listxattr(dirs[i], names, sizeof names);
    for (ssize_t at = 0; size > 0 && at < size; at += (ssize_t)strlen(names + at) + 1) removexattr(dirs[i], names + at);
    utimensat(AT_FDCWD, dirs[i], NULL, 0);
  }
}

/** Writes all of TEXT to FD, blocking (a program may have left the shared pipe non-blocking). */
static void write_all(int fd, const char *text) {
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  size_t left = strlen(text);
  while (left > 0) {
    ssize_t wrote = write(fd, text, left);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;
    text += wrote;
    left -= (size_t)wrote;
  }
}

/** Reads one NUL-terminated field of a command; NULL at end of file. */
static char *read_field(FILE *control) {
  static char *buffer = NULL;
  static size_t capacity = 0;
  ssize_t got = getdelim(&buffer, &capacity, '\0', control);
  if (got <= 0 || buffer[got - 1] != '\0') return NULL;
  return strdup(buffer);
}

/** One run of the session: fork, wait, clean up, report. Returns 0, or -1 when the session must end. */
static int session_run(char **base, int base_count, FILE *control, unsigned long long seq) {
  current_seq = seq;
  char *count_text = read_field(control);
  if (!count_text) return -1;
  char *end = NULL;
  unsigned long count = strtoul(count_text, &end, 10);
  if (end == count_text || *end != '\0' || count > MAX_ARGS) {
    report("setupfail %d", EINVAL);
    return -1;
  }
  free(count_text);
  char *argv_run[MAX_ARGS + 64];
  if (base_count > 63) return -1;
  for (int i = 0; i < base_count; i++) argv_run[i] = base[i];
  for (unsigned long i = 0; i < count; i++) {
    argv_run[base_count + i] = read_field(control);
    if (!argv_run[base_count + i]) return -1;
  }
  argv_run[base_count + count] = NULL;
  reset_between_runs();
  int input = open(STDIN_PATH, O_RDONLY | O_CLOEXEC);
  if (input < 0) {
    report("setupfail %d", errno);
    return -1;
  }
  pid_t child = fork();
  if (child < 0) {
    report("setupfail %d", errno);
    return -1;
  }
  if (child == 0) {
    dup2(input, 0);
    // A fresh anonymous session keyring: nothing a previous run stored there is reachable.
    syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL);
    // POSIX message queues live in the IPC namespace but cannot be listed without mounting mqueue:
    // with no byte allowance, none can be created.
    set_limit(RLIMIT_MSGQUEUE, 0, 0);
    exec_program(argv_run);
  }
  close(input);
  for (unsigned long i = 0; i < count; i++) free(argv_run[base_count + i]);
  int status = 0;
  struct rusage usage;
  if (reap_run(child, &status, &usage) != 0) {
    report("setupfail %d", errno);
    return -1;
  }
  long long utime = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
  long long stime = (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  if (WIFSIGNALED(status)) report("signal %d %lld %lld %ld", WTERMSIG(status), utime, stime, usage.ru_maxrss);
  else report("exit %d %lld %lld %ld", WEXITSTATUS(status), utime, stime, usage.ru_maxrss);
  char marker[TOKEN_LEN + 48];
  snprintf(marker, sizeof marker, "%s:%llu:end\n", token, seq);
  write_all(2, marker);
  write_all(1, marker);
  return 0;
}

/** Session mode: runs BASE once per command on fd 0 until end of file (see the top of this file). */
static int run_session(char **base) {
  int control_fd = fcntl(0, F_DUPFD_CLOEXEC, STATUS_FD + 1);
  FILE *control = control_fd >= 0 ? fdopen(control_fd, "r") : NULL;
  int null_fd = open("/dev/null", O_RDONLY);
  if (!control || null_fd < 0 || dup2(null_fd, 0) < 0) {
    report("setupfail %d", errno);
    return 126;
  }
  close(null_fd);
  int base_count = 0;
  while (base[base_count]) base_count++;
  for (unsigned long long seq = 1;; seq++) {
    char *verb = read_field(control);
    if (!verb) return 0;
    int known = strcmp(verb, "run") == 0;
    free(verb);
    if (!known || session_run(base, base_count, control, seq) != 0) return known ? 126 : 0;
  }
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
  cpu_soft = parse_number(argv[1]);
  cpu_hard = parse_number(argv[2]);
  as_bytes = parse_number(argv[3]);
  fsize = parse_number(argv[4]);
  stack = parse_number(argv[5]);
  nofile = parse_number(argv[6]);
  nproc = parse_number(argv[7]);
  char **program = argv + 9;
  int is_init = getpid() == 1;
  if (strcmp(program[0], SESSION_FLAG) == 0) {
    // Without a pid namespace kill(-1) cannot be confined to the run: sessions need to be pid 1.
    if (!is_init || program[1] == NULL) {
      report("setupfail %d", EINVAL);
      return 126;
    }
    fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC);
    return run_session(program + 1);
  }

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
  if (child == 0) exec_program(program);

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
