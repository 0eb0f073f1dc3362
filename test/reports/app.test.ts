import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReportApp, createReportApp } from "../../reports/app.ts";
import { ReportDbError } from "../../reports/errors.ts";
import { textsOf } from "./support/html.ts";
import { interruptSlowEval, type InterruptedEval } from "./support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "./support/real-viewer.ts";

let v: RealViewer;
let running: InterruptedEval;
beforeAll(async () => {
  v = await openRealViewer();
  running = await interruptSlowEval(v.dbPath);
}, 600_000);
afterAll(() => {
  v.close();
  running?.cleanup();
});

describe("report app", () => {
  test("sends a Content-Security-Policy that allows only the viewer's own script and styles", async () => {
    const { headers } = await v.page("/");
    const csp = headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("serves its script, stylesheet and icon with their content types", async () => {
    for (const [name, type] of [
      ["app.js", "text/javascript"],
      ["app.css", "text/css"],
      ["favicon.svg", "image/svg+xml"],
    ] as const) {
      const res = await v.app.request(`/static/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect((await res.text()).length).toBeGreaterThan(50);
    }
    expect((await v.app.request("/static/secret.db")).status).toBe(404);
    expect((await v.app.request("/static/..%2Fapp.ts")).status).toBe(404);
  });

  test("answers unknown pages with an HTML 404 and unknown API paths with a JSON 404", async () => {
    const page = await v.page("/no/such/page");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(textsOf(page.html, "h1")).toEqual(["404 · Not found"]);
    const api = await v.api("/api/nothing");
    expect(api.status).toBe(404);
    expect(api.body.error.status).toBe(404);
  });

  test("lists its JSON endpoints under /api", async () => {
    const { body } = await v.api("/api");
    expect(body.routes).toContain("/api/runs/:id");
    expect(body.routes.length).toBeGreaterThan(8);
  });

  test("keeps answering from the last committed state while an eval holds a write transaction", async () => {
    const writer = new Database(v.dbPath);
    try {
      writer.exec("BEGIN IMMEDIATE");
      // The write is a copy of the last sample the killed eval judged, under the next index: what the
      // resumed eval would store, written inside a transaction this test holds open.
      const cols = "run_id, problem_id, model, language, completion, code, extraction, truncated, verdict, error, passed, total, score, compile_ok, compile_log, compile_ms, time_ms, memory_kb, judged_at";
      writer
        .query(`INSERT INTO samples (sample_index, ${cols}) SELECT ?, ${cols} FROM samples WHERE run_id = ? ORDER BY sample_index DESC LIMIT 1`)
        .run(running.stored, running.runId);
      const during = await v.api(`/api/runs/${running.runId}/samples`);
      expect(during.status).toBe(200);
      expect(during.body.total).toBe(running.stored);
      writer.exec("COMMIT");
      expect((await v.api(`/api/runs/${running.runId}/samples`)).body.total).toBe(running.stored + 1);
    } finally {
      writer.close();
    }
  });
});

describe("a harness failure while answering", () => {
  test("is a 500 that names no internals, as JSON under /api and as a page elsewhere", async () => {
    const { app, close } = buildReportApp({ dbPath: v.dbPath });
    close(); // every query now fails inside the app
    const logged = spyOn(console, "error").mockImplementation(() => {});
    try {
      const api = await app.request("/api/leaderboard");
      expect(api.status).toBe(500);
      expect(await api.json()).toEqual({ error: { status: 500, message: "internal error (see the server log)" } });
      const page = await app.request("/");
      expect(page.status).toBe(500);
      expect(textsOf(await page.text(), "h1")).toEqual(["500 · Server error"]);
      expect(logged).toHaveBeenCalledTimes(2);
    } finally {
      logged.mockRestore();
    }
  });
});

describe("opening the database", () => {
  const dir = mkdtempSync(join(tmpdir(), "reports-app-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("refuses a path with no database, saying how to make one", () => {
    expect(() => createReportApp({ dbPath: join(dir, "missing.db") })).toThrow(ReportDbError);
    expect(() => createReportApp({ dbPath: join(dir, "missing.db") })).toThrow("run `bun run eval` first");
  });

  test("refuses a SQLite file that is not a harness database", () => {
    const path = join(dir, "other.db");
    const db = new Database(path, { create: true });
    db.exec("CREATE TABLE t (x)");
    db.close();
    expect(() => createReportApp({ dbPath: path })).toThrow("not a harness database");
  });
});
