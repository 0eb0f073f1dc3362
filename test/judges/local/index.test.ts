import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { SandboxError } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

// Sandboxed compiles and runs take seconds on a busy 2-core machine; the first C++ compile also builds the PCH.
setDefaultTimeout(60_000);

const compileLimits = { cpuMs: 20_000, wallMs: 40_000, memoryMb: 1024, logBytes: 16 << 10 };
const limits = { cpuMs: 1000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 16 };
const isRoot = process.getuid?.() === 0;

function expectMissingTool(action: () => unknown, hint: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe("missing_tool");
    expect((error as SandboxError).message).toContain(hint);
    return;
  }
  throw new Error("expected a missing_tool SandboxError");
}

describe("createLocalSandbox", () => {
  test("versions() names g++, python3, bwrap and the sandbox mode", async () => {
    const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
    try {
      const versions = await sandbox.versions();
      expect(versions["g++"]).toMatch(/^g\+\+ .*\d+\.\d+/);
      expect(versions["g++ flags"]).toContain("-std=c++17");
      expect(versions.python3).toMatch(/^Python 3\.\d+/);
      expect(versions.bwrap).toMatch(/^bubblewrap \d+\.\d+/);
      expect(versions.sandbox).toMatch(isRoot ? /^bwrap, uid 65534, / : /^bwrap, uid \d+ \(not root\)/);
    } finally {
      await sandbox.close?.();
    }
  });

  test("a missing bwrap is a missing_tool error that says how to install it", () => {
    expectMissingTool(() => createLocalSandbox({ tools: { bwrap: "/nonexistent/bwrap" } }), "apt-get install bubblewrap");
  });

  test.skipIf(!isRoot)("a missing setpriv is a missing_tool error when running as root", () => {
    expectMissingTool(() => createLocalSandbox({ tools: { setpriv: "/nonexistent/setpriv" } }), "util-linux");
  });

  test("a missing g++ fails C++ preparation with missing_tool", async () => {
    const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir(), tools: { gxx: "/nonexistent/g++" } });
    const result = sandbox.prepare({ language: "cpp", code: "int main() {}" }, compileLimits);
    await expect(result).rejects.toThrow(SandboxError);
    await expect(result).rejects.toThrow("apt-get install g++");
    await sandbox.close?.();
  });

  test("a missing python3 fails Python preparation with missing_tool", async () => {
    const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir(), tools: { python3: "/nonexistent/python3" } });
    const result = sandbox.prepare({ language: "python", code: "print(1)" }, compileLimits);
    await expect(result).rejects.toThrow("apt-get install python3");
    await expect(result).rejects.toMatchObject({ code: "missing_tool" });
    await sandbox.close?.();
  });
});

describe("unsafeNoSandbox", () => {
  test("runs without bwrap (the host's files are visible) but still drops root and enforces limits, after a loud warning", async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let sandbox: ReturnType<typeof createLocalSandbox>;
    try {
      sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir(), unsafeNoSandbox: true, tools: { bwrap: "/nonexistent/bwrap" } });
    } finally {
      process.stderr.write = original;
    }
    expect(written.join("")).toContain("WITHOUT bubblewrap");
    try {
      expect((await sandbox.versions()).sandbox).toStartWith("unsafe-no-sandbox");
      const probe = await sandbox.prepare({ language: "python", code: "import os\nprint(os.getuid(), os.path.exists('/work/main'))\n" }, compileLimits);
      const spin = await sandbox.prepare({ language: "cpp", code: "int main() { volatile long x = 0; for (;;) x++; }\n" }, compileLimits);
      if (!probe.ok || !spin.ok) throw new Error("fixtures did not prepare");
      const seen = await sandbox.run(probe.program, {}, limits);
      expect(seen.stdout).toBe(`${isRoot ? 65534 : process.getuid?.()} ${existsSync("/work/main") ? "True" : "False"}\n`);
      expect((await sandbox.run(spin.program, {}, limits)).termination).toBe("cpu_time");
    } finally {
      await sandbox.close?.();
    }
  });
});

describe.skipIf(!isRoot)("without root", () => {
  const base = mkdtempSync(join(tmpdir(), "cj-nonroot-"));
  chmodSync(base, 0o777);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test("bwrap runs as the calling user in its own user namespace, with rlimit fallbacks for memory and CPU", async () => {
    const probe = join(import.meta.dir, "../../support/non-root-probe.ts");
    const proc = Bun.spawn({
      cmd: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, probe, base],
      env: { PATH: "/usr/bin:/bin", HOME: base },
      cwd: base,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    expect(await proc.exited).toBe(0);
    expect(stderr).toContain("not root");
    expect(stderr).toContain("cgroups unavailable");
    const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(report.uid).toBe(65534);
    expect(report.info).toMatchObject({ mode: "bwrap", uid: 65534, cgroup: null });
    expect(report.versions.sandbox).toContain("not root");
    expect(report.whoami).toMatchObject({ termination: "exited", stdout: "65534 False\n" });
    expect(report.greedy.termination).toBe("memory");
    expect(report.spin.termination).toBe("cpu_time");
  });
});
