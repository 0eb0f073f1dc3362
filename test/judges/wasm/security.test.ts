/**
 * What a WebAssembly guest of the WASM judge cannot do: read the host's files or environment, reach
 * the network, write outside its in-memory folder, pass its memory ceiling, keep computing past its
 * CPU limit, or leave a process behind. Each program is real C++ built by the real clang and run by
 * the real @wasmer/sdk in the pool's worker processes.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunInput, RunLimits } from "../../../judges/types.ts";
import type { WasmSandbox } from "../../../judges/wasm/index.ts";
import { CONFORMANCE_COMPILE_LIMITS, CONFORMANCE_LIMITS } from "../conformance/fixture-runner.ts";
import { startLoopbackListener } from "../../support/loopback-listener.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

setDefaultTimeout(90_000);

const FIXTURES = join(import.meta.dir, "fixtures");
let sandbox: WasmSandbox;

beforeAll(() => {
  // One worker, so the test knows which process ran each guest.
  sandbox = makeWasmSandbox(1);
});
afterAll(async () => {
  await sandbox?.close();
});

async function runFixture(file: string, input: RunInput = {}, limits: RunLimits = CONFORMANCE_LIMITS) {
  const code = await Bun.file(join(FIXTURES, file)).text();
  const prepared = await sandbox.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(`${file} did not compile (${prepared.cause}):\n${prepared.log}`);
  return sandbox.run(prepared.program, input, limits);
}

const isAlive = (pid: number) => existsSync(`/proc/${pid}`);

describe("the WASM judge's guest", () => {
  test("cannot read host files: /etc/passwd, /etc/shadow, /root, /work, /proc and a world-readable harness file are all denied, and the folders it sees are the runtime's, not the host's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cj-wasm-secret-"));
    chmodSync(dir, 0o755);
    const secret = `secret-${crypto.randomUUID()}`;
    const secretPath = join(dir, "harness.db");
    writeFileSync(secretPath, secret, { mode: 0o644 });
    const paths = ["/etc/passwd", "/etc/shadow", "/root", "/work", "/proc/self/environ", "/proc/1/root/etc/shadow", "/usr/bin/bun", secretPath, dir];
    try {
      const outcome = await runFixture("read-host.cpp", { args: paths, files: { "given.txt": "mine\n" } });
      expect(outcome.termination).toBe("exited");
      expect(outcome.stdout).not.toContain(secret);
      for (const path of paths) expect(outcome.stdout).toContain(`DENIED ${path} `);
      // Its folders are the runtime's virtual tree: its own files, nothing of the host's.
      const entries = outcome.stdout.split("\n").filter((line) => line.startsWith("ENTRY "));
      expect(entries).toContain("ENTRY /workspace/given.txt");
      const hostNames = ["/etc/passwd", "/etc/hostname", "/usr/bin/bun", "/usr/bin/clang++", "/usr/lib", "/root", "/work", "/proc", "/home", "/tmp/cj-wasm-secret"];
      const isHost = (line: string) => hostNames.some((name) => line === `ENTRY ${name}` || line.startsWith(`ENTRY ${name}/`));
      expect(entries.filter(isHost)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("cannot open a socket: WASIX sock_open/sock_connect and accept() reach no listener on the host's loopback", async () => {
    const listener = startLoopbackListener();
    try {
      const outcome = await runFixture("socket.cpp", { stdin: `${listener.port}\n` });
      expect(outcome.termination).toBe("exited");
      expect(outcome.stdout).toContain("blocked 127.0.0.1");
      expect(outcome.stdout).not.toContain("connected");
      expect(outcome.stdout).not.toContain("accepted");
      expect(outcome.stdout).toContain("done");
      expect(listener.connections()).toBe(0);
    } finally {
      listener.stop();
    }
  });

  test("sees none of the harness's environment, only its own arguments", async () => {
    const key = "CJ_WASM_SECRET";
    process.env[key] = `token-${crypto.randomUUID()}`;
    try {
      const outcome = await runFixture("env-args.cpp", { args: ["one", "two"] });
      expect(outcome.termination).toBe("exited");
      expect(outcome.stdout).not.toContain("ENV ");
      expect(outcome.stdout).toContain("ARG one\nARG two\n");
    } finally {
      delete process.env[key];
    }
  });

  test("writes only into its own in-memory folder: host paths stay untouched, the file-IO output is read back", async () => {
    const marker = `cj-wasm-escape-${crypto.randomUUID()}`;
    const hostPaths = ["/tmp", "/etc", "/usr", "/"].map((dir) => join(dir, marker));
    try {
      const outcome = await runFixture("write-files.cpp", { args: [...hostPaths, `../${marker}`], files: { "input.txt": "2 3\n" }, collect: ["output.txt"] });
      expect(outcome.termination).toBe("exited");
      expect(outcome.files).toEqual({ "output.txt": "5\n" });
      expect(hostPaths.filter((p) => existsSync(p))).toEqual([]);
    } finally {
      for (const path of hostPaths) rmSync(path, { force: true });
    }
  });

  test("cannot pass its memory ceiling: a growing heap and oversized static data both end as memory", async () => {
    const small = { ...CONFORMANCE_LIMITS, memoryMb: 64 };
    const heap = await runFixture("../../conformance/fixtures/mle-alloc.cpp", {}, small);
    expect(heap.termination).toBe("memory");
    const statics = await runFixture("huge-static.cpp", {}, { ...CONFORMANCE_LIMITS, memoryMb: 32 });
    expect(statics.termination).toBe("memory");
    // The same program under a ceiling it fits runs normally.
    const fits = await runFixture("huge-static.cpp", {}, { ...CONFORMANCE_LIMITS, memoryMb: 256 });
    expect(fits).toMatchObject({ termination: "exited", stdout: "1\n" });
  });

  test("stops burning CPU at its limit: the worker that ran it is killed and a fresh one serves the next run", async () => {
    await runFixture("env-args.cpp");
    const [before] = sandbox.inspect().workers;
    expect(before).toBeGreaterThan(0);
    const outcome = await runFixture("../../conformance/fixtures/tle-spin.cpp");
    expect(outcome.termination).toBe("cpu_time");
    expect(outcome.timeMs).toBeGreaterThanOrEqual(CONFORMANCE_LIMITS.cpuMs);
    expect(isAlive(before as number)).toBe(false);
    const next = await runFixture("env-args.cpp", { args: ["again"] });
    expect(next.stdout).toContain("ARG again");
    expect(sandbox.inspect().workers).not.toContain(before);
  });

  test("is stopped at the wall limit while sleeping, having used little CPU", async () => {
    const limits = { ...CONFORMANCE_LIMITS, wallMs: 2000 };
    const outcome = await runFixture("sleep-forever.cpp", {}, limits);
    expect(outcome.termination).toBe("wall_time");
    expect(outcome.timeMs).toBeLessThan(500);
    expect(outcome.wallMs).toBeGreaterThanOrEqual(limits.wallMs * 0.95);
  });

  test("is cut at the output limit when it floods stdout", async () => {
    const outcome = await runFixture("stdout-flood.cpp");
    expect(outcome.termination).toBe("output");
    expect(outcome.stdout.length).toBeLessThanOrEqual(CONFORMANCE_LIMITS.outputBytes);
  });

  test("runs concurrently with other guests, each with its own input and output", async () => {
    const two = makeWasmSandbox(2);
    try {
      const code = await Bun.file(join(import.meta.dir, "../conformance/fixtures/ac-echo.cpp")).text();
      const prepared = await two.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
      if (!prepared.ok) throw new Error(prepared.log);
      const inputs = Array.from({ length: 4 }, (_, i) => `run ${i}\n`.repeat(i + 1));
      const outcomes = await Promise.all(inputs.map((stdin) => two.run(prepared.program, { stdin }, CONFORMANCE_LIMITS)));
      expect(outcomes.map((o) => o.stdout)).toEqual(inputs);
    } finally {
      await two.close();
    }
  });

  test("leaves no process behind: closing the sandbox ends every worker", async () => {
    const other = makeWasmSandbox(1);
    const code = await Bun.file(join(FIXTURES, "env-args.cpp")).text();
    const prepared = await other.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
    if (!prepared.ok) throw new Error(prepared.log);
    await other.run(prepared.program, {}, CONFORMANCE_LIMITS);
    const workers = other.inspect().workers;
    expect(workers.length).toBe(1);
    await other.close();
    expect(workers.filter(isAlive)).toEqual([]);
  });

  test("cannot use C++ exceptions or threads: a compile error that says so", async () => {
    const limits = CONFORMANCE_COMPILE_LIMITS;
    const thrown = await sandbox.prepare({ language: "cpp", code: "#include <bits/stdc++.h>\nint main() { try { throw 1; } catch (int) {} }\n" }, limits);
    expect(thrown).toMatchObject({ ok: false, cause: "compile_error" });
    expect(thrown.log).toContain("C++ exceptions (throw/try) are not supported");
    const threaded = await sandbox.prepare({ language: "cpp", code: "#include <thread>\nint main() { std::thread t([] {}); t.join(); }\n" }, limits);
    expect(threaded).toMatchObject({ ok: false, cause: "compile_error" });
    expect(threaded.log).toContain("threads (<thread>, <future>, std::async, pthreads) are not supported");
  });

  test("compiles competitive-programming C++ unchanged against the WASI sysroot alone (no host glibc header)", async () => {
    const code = "#include <bits/stdc++.h>\n#ifdef __GLIBC__\n#error host glibc header\n#endif\nusing namespace std;\nint main() { long long a, b; cin >> a >> b; vector<long long> v{a, b}; sort(v.begin(), v.end()); cout << v[0] + v[1] << '\\n'; }\n";
    const prepared = await sandbox.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
    if (!prepared.ok) throw new Error(prepared.log);
    const outcome = await sandbox.run(prepared.program, { stdin: "40 2\n" }, CONFORMANCE_LIMITS);
    expect(outcome).toMatchObject({ termination: "exited", stdout: "42\n" });
  });
});
