import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openRealViewer, type RealViewer } from "./support/real-viewer.ts";

// The built-in eval's database (a real `bun run eval`), served by the command.
let v: RealViewer;
beforeAll(async () => {
  v = await openRealViewer();
}, 600_000);
afterAll(() => v.close());

const MODULE = join(import.meta.dir, "..", "..", "reports", "serve-command.ts");

describe("runServeCommand", () => {
  test("prints its URL, serves until SIGINT, then exits 0", async () => {
    const script = `import { runServeCommand } from ${JSON.stringify(MODULE)}; process.exit(await runServeCommand({ db: ${JSON.stringify(v.dbPath)}, port: 0 }));`;
    const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    const reader = proc.stderr.getReader();
    let text = "";
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`exited early: ${text}`);
      text += new TextDecoder().decode(value);
    }
    const url = (/http:\/\/127\.0\.0\.1:\d+/.exec(text) as RegExpExecArray)[0];
    const res = await fetch(`${url}/api/leaderboard`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("builtin/strong-coder");
    proc.kill("SIGINT");
    expect(await proc.exited).toBe(0);
  });

  test("exits with an error naming the path when there is no database", async () => {
    const script = `import { runServeCommand } from ${JSON.stringify(MODULE)}; await runServeCommand({ db: "/nonexistent/harness.db", port: 0 });`;
    const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    expect(await proc.exited).not.toBe(0);
    expect(await new Response(proc.stderr).text()).toContain("/nonexistent/harness.db: no database here");
  });
});
