import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { PreparedProgram } from "../../../judges/types.ts";
import { SandboxError } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { compileLimits, limits, useLocalSandbox } from "./local-sandbox.ts";

// Sandboxed compiles and runs take seconds on a busy 2-core machine; the first C++ compile also builds the PCH.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useLocalSandbox();

describe("local run", () => {
  test("a Python source that asks for noSite runs without site, and is a program apart from the same code with it", async () => {
    const code = "import sys\nprint(sys.flags.no_site, 'exit' in dir(__builtins__))\n";
    const withSite = await sandbox().prepare({ language: "python", code }, compileLimits);
    const noSite = await sandbox().prepare({ language: "python", code, noSite: true }, compileLimits);
    if (!withSite.ok || !noSite.ok) throw new Error("an unchanged print program did not prepare");
    expect(noSite.program.key).not.toBe(withSite.program.key);
    expect((await sandbox().run(withSite.program, {}, limits)).stdout).toBe("0 True\n");
    expect((await sandbox().run(noSite.program, {}, limits)).stdout).toBe("1 False\n");
  });

  test("a 50 MB stdin arrives whole, from a regular file rather than a pipe", async () => {
    const program = await preparePython(
      "import hashlib, os, stat, sys\nkind = 'file' if stat.S_ISREG(os.fstat(0).st_mode) else 'pipe'\ndata = sys.stdin.buffer.read()\nprint(kind, len(data), hashlib.sha256(data).hexdigest())\n",
    );
    const line = "0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
    const stdin = line.repeat(Math.ceil((50 << 20) / line.length));
    const digest = new Bun.CryptoHasher("sha256").update(stdin).digest("hex");
    const outcome = await sandbox().run(program, { stdin }, limits);
    expect(outcome).toMatchObject({ termination: "exited", stdout: `file ${stdin.length} ${digest}\n` });
  });

  test("files land in the working folder, writable by the program, and args are passed in order", async () => {
    const program = await preparePython(
      "import sys\nfor name in sys.argv[1:]:\n    with open(name, 'a') as f:\n        f.write('+')\n    print(name, open(name).read())\n",
    );
    const outcome = await sandbox().run(program, { files: { "a.txt": "A", "deep/b.txt": "B" }, args: ["deep/b.txt", "a.txt"] }, limits);
    expect(outcome).toMatchObject({ termination: "exited", stdout: "deep/b.txt B+\na.txt A+\n" });
  });

  test("a file name that would leave the working folder is rejected naming the field", async () => {
    const program = await preparePython("print(1)\n");
    const run = sandbox().run(program, { files: { "/etc/passwd": "x" } }, limits);
    await expect(run).rejects.toThrow(SandboxError);
    await expect(run).rejects.toThrow('RunInput.files: file name "/etc/passwd"');
  });

  test("collected files come back as the program left them; links, absent names and other runs' files do not", async () => {
    const program = await preparePython("import os\nopen('out.txt', 'w').write('written\\n')\nos.symlink('/etc/passwd', 'link.txt')\nos.mkfifo('fifo.txt')\nprint('done')\n");
    const outcome = await sandbox().run(program, { collect: ["out.txt", "link.txt", "fifo.txt", "absent.txt"] }, limits);
    expect(outcome).toMatchObject({ termination: "exited", stdout: "done\n", files: { "out.txt": "written\n" } });
    expect(Object.keys(outcome.files ?? {})).toEqual(["out.txt"]);
    const plain = await sandbox().run(program, {}, limits);
    expect(plain.files).toBeUndefined();
  });

  test("a collected file larger than the output limit ends the run with output, like stdout would", async () => {
    const program = await preparePython("open('out.txt', 'w').write('x' * 5000)\n");
    const outcome = await sandbox().run(program, { collect: ["out.txt"] }, { ...limits, outputBytes: 4096 });
    expect(outcome.termination).toBe("output");
    expect(outcome.files).toEqual({});
  });

  test("a collect name with a folder is rejected as a harness bug", async () => {
    const program = await preparePython("print(1)\n");
    await expect(sandbox().run(program, { collect: ["sub/out.txt"] }, limits)).rejects.toThrow("must be a plain file name");
  });

  test("stderr is kept up to 64 KiB and the run is not stopped by it", async () => {
    const program = await preparePython("import sys\nsys.stderr.write('e' * (1 << 20))\nprint('finished')\n");
    const outcome = await sandbox().run(program, {}, limits);
    expect(outcome).toMatchObject({ termination: "exited", stdout: "finished\n" });
    expect(outcome.stderr.length).toBe(64 << 10);
  });

  test("stdout of exactly outputBytes is kept whole, one byte more is output", async () => {
    const program = await preparePython("import sys\nsys.stdout.write('x' * int(sys.argv[1]))\n");
    const small = { ...limits, outputBytes: 1000 };
    expect(await sandbox().run(program, { args: ["1000"] }, small)).toMatchObject({ termination: "exited", stdout: "x".repeat(1000) });
    expect((await sandbox().run(program, { args: ["1001"] }, small)).termination).toBe("output");
  });

  test("the process limit caps threads: 3 extra threads pass with processes=4 and fail with processes=2", async () => {
    const program = await preparePython(
      "import threading, time\nts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint('ok')\n",
    );
    expect(await sandbox().run(program, {}, { ...limits, processes: 4 })).toMatchObject({ termination: "exited", stdout: "ok\n" });
    const capped = await sandbox().run(program, {}, { ...limits, processes: 2 });
    expect(capped.termination).toBe("nonzero");
    expect(capped.stderr).toContain("can't start new thread");
  });

  test("a single-threaded program runs with processes=1", async () => {
    const program = await preparePython("print('alone')\n");
    expect(await sandbox().run(program, {}, { ...limits, processes: 1 })).toMatchObject({ termination: "exited", stdout: "alone\n" });
  });

  test("peak memory is measured: 100 MB touched shows at least 100 MB", async () => {
    const program = await preparePython("data = bytearray(100 * 1024 * 1024)\nfor i in range(0, len(data), 4096): data[i] = 1\nprint(len(data))\n");
    const outcome = await sandbox().run(program, {}, limits);
    expect(outcome.termination).toBe("exited");
    expect(outcome.memoryKb).toBeGreaterThanOrEqual(100 * 1024);
    expect(outcome.memoryKb).toBeLessThan(256 * 1024);
  });

  test("the program runs as the unprivileged sandbox user with a clean, minimal environment", async () => {
    const program = await preparePython("import os\nprint(os.getuid(), os.getgid(), sorted(os.environ), os.getcwd())\n");
    const outcome = await sandbox().run(program, {}, limits);
    expect(outcome.stdout).toBe("65534 65534 ['HOME', 'LANG', 'PATH', 'PWD'] /box\n");
  });

  test("run folders and run cgroups are gone after the runs", async () => {
    const program = await preparePython("print('x')\n");
    await Promise.all(Array.from({ length: 4 }, () => sandbox().run(program, {}, limits)));
    const info = await sandbox().inspect();
    expect(readdirSync(info.runsDir).filter((name) => name.startsWith("run-") || name.startsWith("compile-"))).toEqual([]);
    for (const dir of info.cgroup?.dirs ?? []) {
      expect(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([]);
    }
  });

  test("a program prepared by another backend is refused", async () => {
    const foreign: PreparedProgram = { language: "python", key: "k", handle: { payload: "piston" } };
    await expect(sandbox().run(foreign, {}, limits)).rejects.toThrow("not prepared by the local sandbox");
  });

  test("limits that are not positive numbers are refused naming the field", async () => {
    const program = await preparePython("print(1)\n");
    await expect(sandbox().run(program, {}, { ...limits, wallMs: 0 })).rejects.toThrow("RunLimits.wallMs");
  });

  test("close removes the instance's work folder", async () => {
    const other = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
    const program = await other.prepare({ language: "python", code: "print(2)\n" }, compileLimits);
    if (!program.ok) throw new Error(program.log);
    await other.run(program.program, {}, limits);
    const { workDir, cgroup } = await other.inspect();
    await other.close?.();
    expect(existsSync(workDir)).toBe(false);
    for (const dir of cgroup?.dirs ?? []) expect(existsSync(dir)).toBe(false);
    await expect(other.run(program.program, {}, limits)).rejects.toThrow("closed");
    expect(existsSync(join(workDir, "tools"))).toBe(false);
  });
});
