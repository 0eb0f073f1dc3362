/**
 * Hack catalogue entries: the sandbox itself. Programs that try to forge the status report of the
 * sandbox's init process (through pidfd_getfd, /proc/1/fd or ptrace), hide the CPU time of their
 * children, pick their own failure verdict with a signal, or exhaust the scratch space, its inodes
 * and the compile cache. The figures a judge reports must cover what the program really used.
 */
import { expect } from "bun:test";
import type { Judgement, RunLimits } from "../../../judges/types.ts";
import { makeSumTask, SUM_LIMITS } from "./sum-task.ts";
import type { HackEntry } from "./types.ts";

const cpp = (code: string) => ({ language: "cpp" as const, code });
const python = (code: string) => ({ language: "python" as const, code });

/** CPU each unreaped child burns in the accounting entry, ms (two children). */
const CHILD_BURN_MS = 450;
/** No judge lets one run create more files than this (the local sandbox caps inodes lower). */
const MAX_FILES_PER_RUN = 16_384;

/** Ways a program may try to get a writable copy of init's fd 3 (the status channel). */
const GRAB_STATUS_FD = `#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>
static int grab_by_pidfd() {
  int pidfd = (int)syscall(SYS_pidfd_open, 1, 0);
  if (pidfd < 0) return -1;
  return (int)syscall(SYS_pidfd_getfd, pidfd, 3, 0);
}
static int grab_by_proc() { return open("/proc/1/fd/3", O_WRONLY | O_APPEND); }
static void forge(int fd, const char *line) {
  if (fd < 0) { std::fprintf(stderr, "no status fd: %s\\n", std::strerror(errno)); return; }
  if (write(fd, line, std::strlen(line)) > 0) std::fprintf(stderr, "forged a status line\\n");
}
static long long read_sum() {
  long long a = 0, b = 0;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  return a + b;
}
`;

/**
 * Stops the program's parent (same uid: SIGSTOP cannot be refused; under the Piston backend the
 * parent is the batch runner that watches the test) and forks a child that lets it go on once the
 * program has exited, so the parent finds a test that ended on its own while it was not looking.
 * A parent that is a pid namespace's init ignores the signal.
 */
const STOP_PARENT_UNTIL_EXIT = `#include <csignal>
#include <cstdio>
#include <unistd.h>
static void stop_parent_until_exit() {
  pid_t parent = getppid(), self = getpid();
  if (fork() == 0) {
    while (getppid() == self) usleep(1000);
    kill(parent, SIGCONT);
    _exit(0);
  }
  kill(parent, SIGSTOP);
}`;

function firstTest(judgement: Judgement) {
  const test = judgement.tests[0];
  if (!test) throw new Error(`no test ran (verdict ${judgement.verdict}${judgement.error ? `: ${judgement.error}` : ""})`);
  return test;
}

/** The forged line never reached the judge's status channel. */
function expectNoForgery(judgement: Judgement): void {
  expect(firstTest(judgement).stderr).not.toContain("forged a status line");
}

const FILL_LIMITS: RunLimits = { ...SUM_LIMITS, cpuMs: 10_000, wallMs: 60_000, memoryMb: 256 };

export const SANDBOX_HACKS: readonly HackEntry[] = [
  {
    id: "status-forge-exit-zero-pidfd",
    hackClass: "status-forgery",
    title: "prints the right answer, writes 'exit 0 0 0 0' to init's fd 3 taken with pidfd_getfd, then aborts",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  std::printf("%lld\\n", read_sum());
  std::fflush(stdout);
  forge(grab_by_pidfd(), "exit 0 0 0 0\\n");
  std::abort();
}
`),
    allowed: ["RE"],
    verify: expectNoForgery,
  },
  {
    id: "status-forge-exit-zero-proc-fd",
    hackClass: "status-forgery",
    title: "prints the right answer, writes 'exit 0 0 0 0' to /proc/1/fd/3, then aborts",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  std::printf("%lld\\n", read_sum());
  std::fflush(stdout);
  forge(grab_by_proc(), "exit 0 0 0 0\\n");
  std::abort();
}
`),
    allowed: ["RE"],
    verify: expectNoForgery,
  },
  {
    id: "status-ptrace-init",
    hackClass: "status-forgery",
    title: "attaches to the sandbox's init with ptrace (to rewrite its report), then aborts",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  std::printf("%lld\\n", read_sum());
  std::fflush(stdout);
  if (ptrace(PTRACE_SEIZE, 1, 0, 0) == 0) std::fprintf(stderr, "attached to init\\n");
  else std::fprintf(stderr, "ptrace: %s\\n", std::strerror(errno));
  std::abort();
}
`),
    allowed: ["RE"],
    verify: (judgement) => expect(firstTest(judgement).stderr).not.toContain("attached to init"),
  },
  {
    id: "status-forge-setupfail",
    hackClass: "status-forgery",
    title: "prints a wrong answer and forges 'setupfail 1' to turn its WA into a harness failure",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  std::printf("%lld\\n", read_sum() + 1);
  std::fflush(stdout);
  forge(grab_by_pidfd(), "setupfail 1\\n");
  return 0;
}
`),
    allowed: ["WA"],
    verify: expectNoForgery,
  },
  {
    id: "status-forge-execfail-loop",
    hackClass: "status-forgery",
    title: "forges 'execfail 1' and then loops forever, to turn a TLE into a harness failure",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  forge(grab_by_pidfd(), "execfail 1\\n");
  volatile unsigned long long spin = 0;
  for (;;) spin = spin + 1;
}
`),
    allowed: ["TLE"],
    verify: expectNoForgery,
  },
  {
    id: "status-forge-nan-time",
    hackClass: "status-forgery",
    title: "prints the right answer, forges 'exit 0 NaN 0 0' (a time the store cannot keep), then aborts",
    task: makeSumTask(),
    source: cpp(`${GRAB_STATUS_FD}
int main() {
  std::printf("%lld\\n", read_sum());
  std::fflush(stdout);
  forge(grab_by_pidfd(), "exit 0 NaN 0 0\\n");
  std::abort();
}
`),
    allowed: ["RE"],
    verify: expectNoForgery,
  },
  {
    id: "accounting-unreaped-children-cpu",
    hackClass: "accounting",
    title: `hides ${2 * CHILD_BURN_MS} ms of CPU in two children it never reaps (one exits, one still spins), then prints a wrong answer`,
    task: makeSumTask({ ...SUM_LIMITS, cpuMs: 10_000, wallMs: 60_000 }),
    source: cpp(`#include <cstdio>
#include <ctime>
#include <unistd.h>
static double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static void burn() { volatile unsigned long long x = 0; while (cpu_ms() < ${CHILD_BURN_MS}) x = x + 1; }
int main() {
  int done[2];
  if (pipe(done) != 0) return 1;
  if (fork() == 0) { burn(); (void)!write(done[1], "a", 1); _exit(0); }
  if (fork() == 0) { burn(); (void)!write(done[1], "b", 1); volatile unsigned long long y = 0; for (;;) y = y + 1; }
  char got[2];
  for (int n = 0; n < 2;) { long r = read(done[0], got, 2 - n); if (r <= 0) break; n += (int)r; }
  std::printf("-1\\n");
  std::fflush(stdout);
  _exit(0);
}
`),
    allowed: ["WA"],
    verify: (judgement) => expect(firstTest(judgement).timeMs).toBeGreaterThanOrEqual(2 * CHILD_BURN_MS),
  },
  {
    id: "accounting-stops-parent-sleeps-past-wall",
    hackClass: "accounting",
    title: "stops its parent with SIGSTOP, sleeps past the wall limit, prints the right answer and has a child let the parent go on once it has exited",
    task: makeSumTask({ ...SUM_LIMITS, wallMs: 2000 }),
    source: cpp(`${STOP_PARENT_UNTIL_EXIT}
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  stop_parent_until_exit();
  // Past this task's 2 s and past the 3 s a judge derives from a 1 s time limit (the reward server).
  usleep(3500 * 1000);
  std::printf("%lld\\n", a + b);
}
`),
    allowed: ["TLE"],
  },
  {
    id: "accounting-stops-parent-hides-memory",
    hackClass: "accounting",
    title: "stops its parent with SIGSTOP, touches 300 MB under a 128 MB limit, spends 1.2 s of CPU, prints the right answer and has a child let the parent go on",
    task: makeSumTask({ ...SUM_LIMITS, memoryMb: 128 }),
    source: cpp(`${STOP_PARENT_UNTIL_EXIT}
#include <ctime>
#include <vector>
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  stop_parent_until_exit();
  std::vector<char> v(300 << 20, 1);
  while (clock() < 1.2 * CLOCKS_PER_SEC) {}
  std::printf("%lld\\n", a + b + v[12345] - 1);
}
`),
    // The memory limit was crossed first: the local judge's OOM kill says so, and so must a judge
    // whose monitor the program stopped (it finds CPU and memory both over when it looks again).
    allowed: ["MLE"],
  },
  {
    id: "accounting-raise-sigxcpu",
    hackClass: "accounting",
    title: "prints the right answer and raises SIGXCPU itself, to pick TLE instead of RE",
    task: makeSumTask(),
    source: cpp(`#include <csignal>
#include <cstdio>
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  std::printf("%lld\\n", a + b);
  std::fflush(stdout);
  std::raise(SIGXCPU);
}
`),
    allowed: ["RE"],
  },
  {
    id: "accounting-raise-sigxfsz",
    hackClass: "accounting",
    title: "prints the right answer and raises SIGXFSZ itself, to pick OLE instead of RE",
    task: makeSumTask(),
    source: cpp(`#include <csignal>
#include <cstdio>
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  std::printf("%lld\\n", a + b);
  std::fflush(stdout);
  std::raise(SIGXFSZ);
}
`),
    allowed: ["RE"],
  },
  {
    id: "accounting-fake-file-too-large",
    hackClass: "accounting",
    title: "prints the right answer, then Python's 'File too large' error on stderr and exits 1, to pick OLE instead of RE",
    task: makeSumTask(),
    source: python(
      'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\nsys.stderr.write("OSError: [Errno 27] File too large\\n")\nsys.exit(1)\n',
    ),
    allowed: ["RE"],
  },
  {
    id: "resources-deep-directory-tree",
    hackClass: "resources",
    title: "builds a 3000-level directory tree in its scratch folder (slow to delete by path), then prints a wrong answer",
    task: makeSumTask(),
    source: cpp(`#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>
int main() {
  int depth = 0;
  while (depth < 3000 && mkdir("d", 0700) == 0 && chdir("d") == 0) depth++;
  std::fprintf(stderr, "depth %d\\n", depth);
  std::printf("-1\\n");
}
`),
    allowed: ["WA"],
  },
  {
    id: "resources-fill-scratch",
    hackClass: "resources",
    title: "writes 1 MiB files into its scratch folder until something stops it (1 GiB under a 256 MiB memory limit)",
    task: makeSumTask(FILL_LIMITS),
    source: cpp(`#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
static char chunk[1 << 20];
int main() {
  std::memset(chunk, 'x', sizeof chunk);
  int mib = 0;
  for (; mib < 1024; mib++) {
    char name[32];
    std::snprintf(name, sizeof name, "f%d", mib);
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) break;
    long w = write(fd, chunk, sizeof chunk);
    close(fd);
    if (w != (long)sizeof chunk) break;
    if (mib % 16 == 0) std::fprintf(stderr, "wrote %d MiB\\n", mib + 1);
  }
  std::fprintf(stderr, "wrote %d MiB\\n", mib);
  std::printf("-1\\n");
}
`),
    allowed: ["WA", "MLE", "RE", "OLE"],
    verify: (judgement) => {
      const written = [...firstTest(judgement).stderr.matchAll(/wrote (\d+) MiB/g)].map((m) => Number(m[1]));
      expect(Math.max(0, ...written)).toBeLessThanOrEqual(FILL_LIMITS.memoryMb);
    },
    timeoutMs: 120_000,
  },
  {
    id: "resources-inode-flood",
    hackClass: "resources",
    title: "creates empty files in its scratch folder until something stops it (100 000 attempted), then prints a wrong answer",
    task: makeSumTask({ ...SUM_LIMITS, cpuMs: 10_000, wallMs: 60_000 }),
    source: cpp(`#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
int main() {
  int made = 0;
  for (; made < 100000; made++) {
    char name[32];
    std::snprintf(name, sizeof name, "f%d", made);
    int fd = open(name, O_WRONLY | O_CREAT, 0600);
    if (fd < 0) break;
    close(fd);
  }
  std::fprintf(stderr, "made %d files\\n", made);
  std::printf("-1\\n");
}
`),
    allowed: ["WA", "RE", "MLE", "TLE"],
    verify: (judgement) => {
      const made = /made (\d+) files/.exec(firstTest(judgement).stderr);
      if (made) expect(Number(made[1])).toBeLessThanOrEqual(MAX_FILES_PER_RUN);
    },
    timeoutMs: 120_000,
  },
  {
    id: "resources-huge-binary",
    hackClass: "resources",
    title: "declares a 250 MiB initialised array, so its binary is 250 MiB (kept in the compile cache and copied into every run)",
    task: makeSumTask(),
    source: cpp(`#include <cstdio>
char big[250 << 20] = {1};
int main() { std::printf("%d\\n", big[12345]); }
`),
    allowed: ["CE"],
    verify: (judgement) => expect(judgement.compile?.log ?? "").toMatch(/limit/i),
    timeoutMs: 180_000,
  },
];
