/** Page routes and their JSON twins: each loader feeds both the HTML view and /api/… */
import type { Context, Hono } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { asc } from "drizzle-orm";
import { VERDICTS } from "../../judges/types.ts";
import type { HarnessDb } from "../../harness/store/db.ts";
import { runs } from "../../harness/store/schema.ts";
import { makeBadRequest } from "../errors.ts";
import { parseDay, parseEnum, parseId, parseIntParam, parseSha, parseText } from "../params.ts";
import { loadComparison, loadComparisons } from "../data/compare.ts";
import { loadDataset, loadDatasets, loadProblem } from "../data/datasets.ts";
import { LEADERBOARD_SORTS, loadLeaderboard, SORT_DIRS, type LeaderboardQuery } from "../data/leaderboard.ts";
import { loadLive } from "../data/live.ts";
import { loadRewards } from "../data/rewards.ts";
import { loadRunDetail } from "../data/run-detail.ts";
import { pickRunRef } from "../data/runs.ts";
import { loadSample, loadSamplePage, SAMPLE_SORTS, type SampleFilter } from "../data/samples.ts";
import { ComparePage, ComparePickerPage } from "../views/compare.tsx";
import { DatasetPageView, DatasetsPage } from "../views/datasets.tsx";
import { LeaderboardPage } from "../views/leaderboard.tsx";
import { LiveRunsPage } from "../views/live.tsx";
import { ProblemPageView } from "../views/problem.tsx";
import { RewardsPageView } from "../views/rewards.tsx";
import { RunPage } from "../views/run.tsx";
import { SamplePageView } from "../views/sample.tsx";
import { SamplesPage } from "../views/samples.tsx";
import { sendPage } from "./render.tsx";

/** Registers `path` (HTML) and `/api` + `apiPath` (JSON) over one loader. */
function registerTwin<T>(app: Hono, path: string, apiPath: string, load: (c: Context) => T, view: (data: T, c: Context) => JSX.Element): void {
  app.get(path, (c) => sendPage(c, view(load(c), c)));
  app.get(`/api${apiPath}`, (c) => c.json(load(c) as object));
}

function parseLeaderboardQuery(c: Context): LeaderboardQuery {
  const q = (k: string) => c.req.query(k);
  return {
    model: parseText("model", q("model")),
    judge: parseText("judge", q("judge")),
    from: parseDay("from", q("from")),
    to: parseDay("to", q("to")),
    sort: parseEnum("sort", q("sort"), LEADERBOARD_SORTS) ?? "pass1",
    dir: parseEnum("dir", q("dir"), SORT_DIRS) ?? "desc",
  };
}

/** The sample-list filter, read the same way by the list and by a sample opened from it. */
function parseSampleFilter(c: Context): SampleFilter {
  return {
    verdict: parseEnum("verdict", c.req.query("verdict"), VERDICTS),
    problem: parseText("problem", c.req.query("problem"), 500),
    language: parseText("language", c.req.query("language"), 50),
    q: parseText("q", c.req.query("q"), 200),
  };
}

/** Registers every page route of the viewer on `app`. */
export function registerPages(app: Hono, db: HarnessDb): void {
  registerTwin(
    app,
    "/",
    "/leaderboard",
    (c) => {
      const query = parseLeaderboardQuery(c);
      return { query, ...loadLeaderboard(db, query) };
    },
    (data, c) => {
      const { query, ...board } = data;
      const f = (k: string) => c.req.query(k) || undefined;
      return <LeaderboardPage data={board} query={query} filters={{ model: f("model"), judge: f("judge"), from: f("from"), to: f("to") }} />;
    },
  );
  registerTwin(app, "/runs/:id", "/runs/:id", (c) => loadRunDetail(db, parseId("id", c.req.param("id"), "path")), (d) => <RunPage data={d} />);
  registerTwin(
    app,
    "/runs/:id/samples",
    "/runs/:id/samples",
    (c) =>
      loadSamplePage(db, parseId("id", c.req.param("id"), "path"), {
        page: parseIntParam("page", c.req.query("page"), 1, 1_000_000),
        limit: parseIntParam("limit", c.req.query("limit"), 50, 500),
        ...parseSampleFilter(c),
        sort: parseEnum("sort", c.req.query("sort"), SAMPLE_SORTS),
        dir: parseEnum("dir", c.req.query("dir"), SORT_DIRS),
      }),
    (d) => <SamplesPage data={d} />,
  );
  registerTwin(app, "/samples/:id", "/samples/:id", (c) => loadSample(db, parseId("id", c.req.param("id"), "path"), parseSampleFilter(c)), (d) => <SamplePageView data={d} />);
  registerTwin(app, "/runs/:id/rewards", "/runs/:id/rewards", (c) => loadRewards(db, parseId("id", c.req.param("id"), "path")), (d) => <RewardsPageView data={d} />);
  registerTwin(app, "/live", "/live", () => loadLive(db), (d) => <LiveRunsPage data={d} />);
  registerTwin(app, "/datasets", "/datasets", () => loadDatasets(db), (d) => <DatasetsPage data={d} />);
  registerTwin(
    app,
    "/datasets/:sha",
    "/datasets/:sha",
    (c) =>
      loadDataset(
        db,
        parseSha(c.req.param("sha") ?? ""),
        parseIntParam("page", c.req.query("page"), 1, 1_000_000),
        parseIntParam("limit", c.req.query("limit"), 100, 1000),
      ),
    (d) => <DatasetPageView data={d} />,
  );
  registerTwin(
    app,
    "/datasets/:sha/problems/:id",
    "/datasets/:sha/problems/:id",
    (c) => loadProblem(db, parseSha(c.req.param("sha") ?? ""), c.req.param("id") ?? "", parseEnum("tests", c.req.query("tests"), ["all"]) === "all"),
    (d, c) => <ProblemPageView data={d} all={c.req.query("tests") === "all"} />,
  );
  registerCompare(app, db);
}

function registerCompare(app: Hono, db: HarnessDb): void {
  // ?a=BASELINE&b=X&b=Y: one baseline against one or several runs.
  const parsePair = (c: Context) => {
    const bs = (c.req.queries("b") ?? []).filter((x) => x !== "");
    if (!c.req.query("a") || bs.length === 0) return null;
    if (bs.length > MAX_COMPARED) throw makeBadRequest("b", `at most ${MAX_COMPARED} runs against one baseline, got ${bs.length}`);
    return { a: parseId("a", c.req.query("a")), bs: bs.map((x) => parseId("b", x)) };
  };
  const runRefs = () => db.select().from(runs).orderBy(asc(runs.id)).all().map(pickRunRef);
  app.get("/compare", (c) => {
    const pair = parsePair(c);
    const a = c.req.query("a");
    if (!pair) return sendPage(c, <ComparePickerPage runs={runRefs()} a={a ? parseId("a", a) : undefined} />);
    return sendPage(c, <ComparePage data={loadComparisons(db, pair.a, pair.bs)} runs={runRefs()} />);
  });
  app.get("/api/compare", (c) => {
    const pair = parsePair(c);
    if (!pair) throw makeBadRequest("a", "a baseline 'a' and at least one 'b' run id are required");
    // One b: the comparison itself (as before); several: the baseline and one comparison per b.
    return c.json(pair.bs.length === 1 ? loadComparison(db, pair.a, pair.bs[0] as number) : loadComparisons(db, pair.a, pair.bs));
  });
}

/** Runs one comparison page sets against a baseline. */
const MAX_COMPARED = 8;
