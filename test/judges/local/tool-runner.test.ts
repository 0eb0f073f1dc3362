/**
 * The local OS sandbox lent as a ToolRunner: `spawn` keeps a tool running with its stdin fed while it
 * runs and its stdout handed over as it arrives (the WASM judge's Pyodide workers use it).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createLocalToolRunner } from "../../../judges/local/tool-runner.ts";
import type { ToolSpawnSpec } from "../../../judges/tool-runner.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

const tools = createLocalToolRunner({ cacheDir: sharedTestCacheDir() });
afterAll(() => tools.close());

const LIMITS = { cpuMs: 10_000, wallMs: 30_000, memoryMb: 256, logBytes: 4096 };

function spawnShell(script: string, onStdout: ToolSpawnSpec["onStdout"], extra: Partial<ToolSpawnSpec> = {}) {
  const spawn = tools.spawn;
  if (!spawn) throw new Error("the local tool runner has no spawn");
  return spawn.call(tools, { command: ["/bin/sh", "-c", script], files: {}, collect: [], limits: LIMITS, fileBytes: 1 << 20, stdoutBytes: 1 << 20, onStdout, ...extra });
}

describe("a piped tool in the local sandbox", () => {
  test("answers each line it is fed before its stdin is closed, and its result comes when it exits", async () => {
    const seen: string[] = [];
    let answered: () => void = () => {};
    const firstAnswer = new Promise<void>((resolve) => (answered = resolve));
    const tool = spawnShell("while read line; do echo \"got $line\"; done; echo bye >&2; exit 7", (chunk) => {
      seen.push(Buffer.from(chunk).toString());
      answered();
    });
    tool.write("one\n");
    await firstAnswer;
    // The tool answered while its stdin is still open: it is a live conversation, not one batch.
    expect(seen.join("")).toBe("got one\n");
    tool.write(new TextEncoder().encode("two\n"));
    tool.end();
    const done = await tool.done;
    expect(seen.join("")).toBe("got one\ngot two\n");
    expect(done.exitCode).toBe(7);
    expect(done.log.trim()).toBe("bye");
  });

  test("collects the files it leaves in /out and sees none of the host beyond its mounts", async () => {
    const tool = spawnShell("cat > /out/copy.txt; ls /work 2>/dev/null || echo no-work >&2", () => {}, { collect: ["copy.txt"] });
    tool.write("kept\n");
    tool.end();
    const done = await tool.done;
    expect(Buffer.from(done.files["copy.txt"] ?? new Uint8Array()).toString()).toBe("kept\n");
    expect(done.log).toContain("no-work");
  });

  test("is stopped at its stdout cap with limit output", async () => {
    const tool = spawnShell("yes", () => {}, { stdoutBytes: 4096 });
    tool.end();
    const done = await tool.done;
    expect(done.limit).toBe("output");
    expect(done.exitCode).toBeNull();
  });
});
