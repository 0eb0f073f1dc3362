import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ReportDbError } from "../../reports/errors.ts";
import { startReportServer } from "../../reports/server.ts";
import { openRealViewer, type RealViewer } from "./support/real-viewer.ts";

// The built-in eval's database (a real `bun run eval`), served over HTTP.
let v: RealViewer;
beforeAll(async () => {
  v = await openRealViewer();
}, 600_000);
afterAll(() => v.close());

describe("startReportServer", () => {
  test("serves the leaderboard over HTTP on loopback by default", async () => {
    const server = startReportServer({ dbPath: v.dbPath, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("builtin/strong-coder");
    } finally {
      server.stop();
    }
  });

  test("stops listening when stopped", async () => {
    const server = startReportServer({ dbPath: v.dbPath, port: 0 });
    server.stop();
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });

  test("fails to start on a port already taken", () => {
    const first = startReportServer({ dbPath: v.dbPath, port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      expect(() => startReportServer({ dbPath: v.dbPath, port })).toThrow();
    } finally {
      first.stop();
    }
  });

  test("fails with a ReportDbError when the database is missing", () => {
    expect(() => startReportServer({ dbPath: `${v.dbPath}.missing`, port: 0 })).toThrow(ReportDbError);
  });
});
