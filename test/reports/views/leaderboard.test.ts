/**
 * The leaderboard over runs the harness wrote: the built-in eval's three runs, a second version of the
 * built-in problems judged through a Piston server on loopback, and a run a killed eval left running.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { attrsOf, tableRecords, tableRows, textsOf } from "../support/html.ts";
import { interruptSlowEval, type InterruptedEval } from "../support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";
import { evalSecondVersion } from "../support/second-version.ts";

let v: RealViewer;
let running: InterruptedEval;
let v2Run: number;
/** Each run as stored: name, dataset sha, creation time (ms), pass@1 (null while running). */
let stored: { id: number; name: string; sha: string; createdAt: number; pass1: number | null }[];
let mainSha: string;

beforeAll(async () => {
  v = await openRealViewer();
  const piston = await startTestPistonServer({ limits: { outputCapBytes: 16 << 20 } });
  try {
    v2Run = (await evalSecondVersion(v.dbPath, { args: ["--judge", "piston", "--judge-opt", `piston=${piston.url}`] })).runId;
  } finally {
    await piston.stop();
  }
  running = await interruptSlowEval(v.dbPath);
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT id, name, dataset_sha256 AS sha, created_at AS createdAt, metrics FROM runs ORDER BY id").all() as {
    id: number;
    name: string;
    sha: string;
    createdAt: number;
    metrics: string | null;
  }[];
  db.close();
  stored = rows.map((r) => ({ ...r, pass1: r.metrics ? (JSON.parse(r.metrics).pass_at_k["1"] as number) : null }));
  mainSha = stored.find((r) => r.id === v.runId("strong-coder"))!.sha;
}, 600_000);
afterAll(() => {
  v.close();
  running?.cleanup();
});

const board = (sha: string) => `table.leaderboard[data-sha="${sha}"]`;
const boardRows = (html: string, sha: string) => tableRows(html, board(sha));
const runNames = (rows: string[][]) => rows.map((r) => (r[1] ?? "").replace(/running$/, "").trim());
const builtinNames = () => v.runs.map((r) => r.name);
const pass1 = (name: string) => stored.find((r) => r.name === name)?.pass1 ?? null;
const day = (ms: number, plusDays = 0) => new Date(ms + plusDays * 86_400_000).toISOString().slice(0, 10);

describe("leaderboard page", () => {
  test("shows one board per dataset version with the dataset name", async () => {
    const { status, html } = await v.page("/");
    expect(status).toBe(200);
    const v2Sha = stored.find((r) => r.id === v2Run)!.sha;
    const slowSha = stored.find((r) => r.id === running.runId)!.sha;
    expect(new Set([mainSha, v2Sha, slowSha]).size).toBe(3);
    expect(attrsOf(html, "table.leaderboard", "data-sha")).toEqual([mainSha, v2Sha, slowSha]);
    expect(textsOf(html, "section.board h2").map((t) => t.split(" ")[0])).toEqual(["builtin", "builtin", "slow"]);
  });

  test("ranks finished runs by their stored pass@1, best first", async () => {
    const { html } = await v.page("/");
    const finished = runNames(boardRows(html, mainSha)).filter((n) => pass1(n) !== null);
    const expected = [...finished].sort((a, b) => (pass1(b) ?? 0) - (pass1(a) ?? 0));
    expect(finished).toEqual(expected);
    expect([...finished].sort()).toEqual([...builtinNames()].sort());
    expect(pass1(finished[0]!)).toBeGreaterThan(pass1(finished.at(-1)!)!);
  });

  test("shows pass@1, pass@k, compile rate, sample count and verdict counts of each run", async () => {
    const { body } = await v.api("/api/leaderboard");
    const strongName = stored.find((r) => r.id === v.runId("strong-coder"))!.name;
    const strong = body.boards[0].runs.find((r: { name: string }) => r.name === strongName);
    const { html } = await v.page("/");
    const row = tableRecords(html, board(mainSha)).find((r) => r.Run === strongName) ?? {};
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const withCi = (k: string) => {
      const ci = strong.metrics.passAtKInterval[k];
      expect(ci.estimate).toBeCloseTo(strong.metrics.passAtK[k], 12);
      return `${pct(strong.metrics.passAtK[k])} [${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`;
    };
    expect(row["pass@1"]).toBe(withCi("1"));
    expect(row["pass@2"]).toBe(withCi("2"));
    expect(row.Compile).toBe(pct(strong.metrics.compileRate));
    expect(row.Samples).toBe(String(strong.metrics.samples));
    const counts = Object.entries(strong.metrics.verdicts as Record<string, number>);
    expect(counts.filter(([, n]) => n > 0).length).toBeGreaterThan(1);
    for (const [k, n] of counts) {
      if (n > 0) expect(row.Verdicts).toContain(`${k} ${n}`);
      else expect(row.Verdicts).not.toContain(`${k} 0`);
    }
  });

  test("shows a running run with metrics computed from the samples judged so far", async () => {
    const slowSha = stored.find((r) => r.id === running.runId)!.sha;
    const db = new Database(v.dbPath, { readonly: true });
    const counts = db.query("SELECT verdict, count(*) AS n FROM samples WHERE run_id = ? GROUP BY verdict ORDER BY verdict").all(running.runId) as { verdict: string; n: number }[];
    db.close();
    const { html } = await v.page("/");
    const row = tableRecords(html, board(slowSha))[0] ?? {};
    expect(row.Run).toContain("running");
    expect(row.Samples).toBe(String(running.stored));
    expect(counts.length).toBeGreaterThan(1);
    expect(row.Verdicts).toContain(counts.map((c) => `${c.verdict} ${c.n}`).join(" · "));
  });

  test("sorts by the column named in the query, in either direction", async () => {
    const asc = runNames(boardRows((await v.page("/?sort=name&dir=asc")).html, mainSha));
    const desc = runNames(boardRows((await v.page("/?sort=name&dir=desc")).html, mainSha));
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
    const byDate = runNames(boardRows((await v.page("/?sort=created&dir=asc")).html, mainSha));
    const inOrder = stored.filter((r) => r.sha === mainSha).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id).map((r) => r.name);
    expect(byDate).toEqual(inOrder);
  });

  test("keeps the rank by pass@1 whatever the sort order", async () => {
    const rows = boardRows((await v.page("/?sort=name&dir=asc")).html, mainSha);
    const rankOf = (name: string) => rows.find((r) => r[1]?.startsWith(name))?.[0];
    const byPass1 = [...builtinNames()].sort((a, b) => (pass1(b) ?? 0) - (pass1(a) ?? 0));
    expect(rankOf(byPass1[0]!)).toBe("1");
    expect(rankOf(byPass1[2]!)).toBe("3");
  });

  test("filters by model substring, judge and creation date", async () => {
    const byModel = await v.api("/api/leaderboard?model=STRONG");
    expect(byModel.body.boards.flatMap((b: { runs: { name: string }[] }) => b.runs.map((r) => r.name))).toEqual(["builtin/strong-coder", "builtin-v2/strong-coder"]);
    const byJudge = await v.api("/api/leaderboard?judge=piston");
    expect(byJudge.body.boards.map((b: { datasetSha256: string }) => b.datasetSha256)).toEqual([stored.find((r) => r.id === v2Run)!.sha]);
    // Every run here was created today (real evals): a range holding today keeps them, ranges before or after it keep none.
    const created = stored.find((r) => r.sha === mainSha)!.createdAt;
    const today = await v.page(`/?from=${day(created)}&to=${day(created)}`);
    expect(runNames(boardRows(today.html, mainSha)).sort()).toEqual([...builtinNames()].sort());
    expect(textsOf((await v.page(`/?to=${day(created, -1)}`)).html, "p.empty")[0]).toContain("No runs match");
    expect(textsOf((await v.page(`/?from=${day(created, 1)}`)).html, "p.empty")[0]).toContain("No runs match");
    const none = await v.page("/?model=nobody");
    expect(textsOf(none.html, "p.empty")[0]).toContain("No runs match");
  });

  test("offers the known models and judges in the filter form", async () => {
    const { html } = await v.page("/");
    expect(textsOf(html, 'select[name="judge"] option')).toEqual(["any", "local", "piston"]);
  });

  test("answers 400 naming the parameter for an unknown sort key or a bad date", async () => {
    const bad = await v.page("/?sort=bogus");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("query parameter &#39;sort&#39;");
    const api = await v.api("/api/leaderboard?from=2024-13-01");
    expect(api.status).toBe(400);
    expect(api.body.error.message).toContain("'from'");
  });

  test("links each run to its run page", async () => {
    const { body } = await v.api("/api/leaderboard");
    const { html } = await v.page("/");
    const ids = body.boards.flatMap((b: { runs: { id: number }[] }) => b.runs.map((r) => `/runs/${r.id}`));
    const links = [...html.matchAll(/class="run-link" href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(ids);
    expect(ids).toHaveLength(stored.length);
  });
});
