/**
 * The fleet's endpoints file as the waiting side reads it (the format `--judge-opt endpoints-file=`
 * takes), and /health probes against a real HTTP server on loopback.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthyEndpoints, readEndpointUrls } from "../../../../harness/piston-server/fleet/endpoints-health.ts";

const dir = mkdtempSync(join(tmpdir(), "endpoints-health-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readEndpointUrls", () => {
  test("lists each line's URL, skipping comments, blank lines and the concurrency column", () => {
    const file = join(dir, "list");
    writeFileSync(file, "# fleet 7\nhttp://10.0.0.1:2000 16 # 7_0 on n1\n\n  http://10.0.0.2:2000\n");
    expect(readEndpointUrls(file)).toEqual(["http://10.0.0.1:2000", "http://10.0.0.2:2000"]);
  });

  test("an endpoints file not written yet lists no endpoint", () => {
    expect(readEndpointUrls(join(dir, "absent"))).toEqual([]);
  });
});

describe("healthyEndpoints", () => {
  test("keeps the endpoints whose /health answers 200 and drops one that refuses connections or answers 503", async () => {
    const up = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => new Response("{}", { status: new URL(req.url).pathname === "/health" ? 200 : 404 }) });
    const sick = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("{}", { status: 503 }) });
    const gone = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const goneUrl = `http://127.0.0.1:${gone.port}`;
    await gone.stop(true);
    try {
      const file = join(dir, "mixed");
      writeFileSync(file, [`http://127.0.0.1:${up.port} 4`, `http://127.0.0.1:${sick.port} 4`, `${goneUrl} 4`, ""].join("\n"));
      expect(await healthyEndpoints(file)).toEqual([`http://127.0.0.1:${up.port}`]);
    } finally {
      await up.stop(true);
      await sick.stop(true);
    }
  });
});
