/**
 * Sessions of the local sandbox (judges/local/session.ts): one bubblewrap sandbox for a sample's
 * tests, each test still as strict as a one-shot run. The shared conformance suite covers files,
 * daemons, shared memory and per-test limits; these are the local sandbox's own leftovers (keys,
 * extended attributes, modes and times of /box, message queues, a non-blocking stdout, a forged end
 * marker) and how many sandboxes a series of tests starts.
 */
import { afterEach, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { readProfile, setProfiling } from "../../../judges/profile.ts";
import { type PreparedProgram, type RunInput, type RunOutcome, SandboxError } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { compileLimits, limits, useLocalSandbox } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

// Python would fork from warm zygotes (judges/local/warm/): off, so Python tests exercise sessions too.
const { sandbox, preparePython } = useLocalSandbox({ warmPython: false });

const SESSION_STARTS = "session start (run folder, cgroup, spawn)";

async function prepareCpp(code: string): Promise<PreparedProgram> {
  const result = await sandbox().prepare({ language: "cpp", code }, compileLimits);
  if (!result.ok) throw new Error(result.log);
  return result.program;
}

/** Runs `inputs` in one session and counts the sandboxes it started. */
async function runSeries(program: PreparedProgram, inputs: RunInput[], runLimits = limits): Promise<{ outcomes: RunOutcome[]; starts: number }> {
  setProfiling(true);
  const session = await sandbox().openSession?.(program, runLimits);
  if (!session) throw new Error("the local sandbox offers no sessions");
  const outcomes: RunOutcome[] = [];
  try {
    for (const input of inputs) outcomes.push(await session.run(input));
  } finally {
    await session.close();
  }
  const starts = readProfile()[SESSION_STARTS]?.count ?? 0;
  return { outcomes, starts };
}

afterEach(() => setProfiling(false));

const LEFTOVERS_CPP = String.raw`
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <mqueue.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/keyctl.h>

int main() {
  std::string mode;
  std::cin >> mode;
  if (mode == "plant") {
    long key = syscall(SYS_add_key, "user", "cjkey", "secret", 6, KEY_SPEC_USER_KEYRING);
    if (key < 0) std::printf("no key: %s\n", std::strerror(errno));
    if (setxattr("/box", "user.cj", "secret", 6, 0) != 0) std::printf("no xattr: %s\n", std::strerror(errno));
    struct timespec epoch[2] = {{1, 0}, {1, 0}};
    utimensat(AT_FDCWD, "/box", epoch, 0);
    mqd_t queue = mq_open("/cjqueue", O_CREAT | O_RDWR, 0600, nullptr);
    if (queue != (mqd_t)-1) std::puts("made a message queue");
    chmod("/box", 0500);
    std::puts("planted");
    return 0;
  }
  struct stat box;
  stat("/box", &box);
  char value[16];
  if (syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", "cjkey", 0) >= 0) std::puts("key");
  if (getxattr("/box", "user.cj", value, sizeof value) >= 0) std::puts("xattr");
  if (box.st_mtime < 1000000) std::puts("time");
  if ((box.st_mode & 0777) != 0700) std::printf("mode %o\n", box.st_mode & 0777);
  if (mq_open("/cjqueue", O_RDWR) != (mqd_t)-1) std::puts("queue");
  std::puts("looked");
}
`;

describe("local sessions", () => {
  test("a sample's passing tests share one sandbox, each with its own stdin, stdout and stderr", async () => {
    const program = await preparePython("import sys\nline = sys.stdin.read()\nprint(line.upper(), end='')\nprint('err', len(line), file=sys.stderr)\n");
    const inputs = ["first\n", "second test\n", "", "x".repeat(100_000)];
    const { outcomes, starts } = await runSeries(program, inputs.map((stdin) => ({ stdin })));
    expect(outcomes.map((o) => o.stdout)).toEqual(inputs.map((s) => s.toUpperCase()));
    expect(outcomes.map((o) => o.stderr)).toEqual(inputs.map((s) => `err ${s.length}\n`));
    expect(outcomes.every((o) => o.termination === "exited")).toBe(true);
    expect(starts).toBe(1);
  });

  test("a later test finds no key, extended attribute, message queue, time or mode an earlier one left", async () => {
    const program = await prepareCpp(LEFTOVERS_CPP);
    const { outcomes } = await runSeries(program, [{ stdin: "plant" }, { stdin: "look" }]);
    expect(outcomes[0]?.stdout).toBe("planted\n");
    expect(outcomes[1]?.stdout).toBe("looked\n");
  });

  test("printing end markers of its own and leaving stdout non-blocking change no test's output", async () => {
    const program = await preparePython(
      [
        "import fcntl, os, sys",
        "mode = sys.stdin.read().strip()",
        "if mode == 'fake':",
        "    for seq in range(1, 4):",
        "        print(f'{\"0\" * 32}:{seq}:end')",
        "        print(f'{\"f\" * 32}:{seq}:end', file=sys.stderr)",
        "    for fd in (1, 2):",
        "        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)",
        "else:",
        "    sys.stdout.write('y' * 300_000)",
      ].join("\n"),
    );
    const { outcomes, starts } = await runSeries(program, [{ stdin: "fake" }, { stdin: "big" }, { stdin: "fake" }]);
    expect(outcomes[0]?.stdout).toBe(`${"0".repeat(32)}:1:end\n${"0".repeat(32)}:2:end\n${"0".repeat(32)}:3:end\n`);
    expect(outcomes[1]?.stdout).toBe("y".repeat(300_000));
    expect(outcomes[2]?.stdout).toBe(outcomes[0]?.stdout ?? "");
    expect(starts).toBe(1);
  });

  test("each test's peak memory is its own", async () => {
    const program = await prepareCpp(
      "#include <cstdio>\n#include <cstdlib>\n#include <cstring>\nint main(){int mb=0; if(scanf(\"%d\",&mb)!=1) return 1; char*p=(char*)malloc((size_t)mb<<20); memset(p,1,(size_t)mb<<20); printf(\"%d\\n\",p[mb]); }\n",
    );
    const { outcomes } = await runSeries(program, [{ stdin: "150" }, { stdin: "1" }]);
    expect(outcomes.map((o) => o.termination)).toEqual(["exited", "exited"]);
    expect(outcomes[0]?.memoryKb ?? 0).toBeGreaterThan(150 * 1024);
    expect(outcomes[1]?.memoryKb ?? Infinity).toBeLessThan(50 * 1024);
  });

  test("a test that floods its scratch with files gets the next test a fresh sandbox, and the flood is gone", async () => {
    const program = await preparePython(
      "import os, sys\nif sys.stdin.read() == 'flood':\n    for i in range(500):\n        open(f'/tmp/f{i}', 'w').close()\nprint(len(os.listdir('/tmp')))\n",
    );
    const { outcomes, starts } = await runSeries(program, [{ stdin: "flood" }, { stdin: "look" }, { stdin: "look" }]);
    expect(outcomes.map((o) => o.stdout)).toEqual(["500\n", "0\n", "0\n"]);
    expect(starts).toBe(2);
  });

  test("a test past a limit ends its sandbox, and the next test runs in a fresh one", async () => {
    const program = await preparePython("import sys\nif sys.stdin.read() == 'spin':\n    while True: pass\nprint('ok')\n");
    const { outcomes, starts } = await runSeries(program, [{ stdin: "ok" }, { stdin: "spin" }, { stdin: "ok" }], { ...limits, cpuMs: 500 });
    expect(outcomes.map((o) => o.termination)).toEqual(["exited", "cpu_time", "exited"]);
    expect(starts).toBe(2);
  });

  test("file-IO tests read their own input file and have their output file collected", async () => {
    const program = await preparePython("data = open('in.txt').read()\nopen('out.txt', 'w').write(data[::-1])\n");
    const { outcomes } = await runSeries(program, [
      { files: { "in.txt": "abc" }, collect: ["out.txt"] },
      { files: { "in.txt": "hello" }, collect: ["out.txt"] },
    ]);
    expect(outcomes.map((o) => o.files)).toEqual([{ "out.txt": "cba" }, { "out.txt": "olleh" }]);
  });

  test("limits that are not positive numbers are refused when the session opens, naming the field", async () => {
    const program = await preparePython("print('x')\n");
    await expect(sandbox().openSession?.(program, { ...limits, wallMs: 0 }) ?? Promise.resolve()).rejects.toThrow("RunLimits.wallMs");
  });

  test("a run on a closed session is an internal error", async () => {
    const program = await preparePython("print('x')\n");
    const session = await sandbox().openSession?.(program, limits);
    if (!session) throw new Error("the local sandbox offers no sessions");
    await session.close();
    await expect(session.run({})).rejects.toBeInstanceOf(SandboxError);
  });

  test("a sandbox made with sessions: false offers none, so tests run one by one", () => {
    const plain = createLocalSandbox({ cacheDir: sharedTestCacheDir(), sessions: false });
    expect(plain.openSession).toBeUndefined();
  });
});
