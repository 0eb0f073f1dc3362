/** Paged sample lists of a run (LIMIT/OFFSET on the run's indexes) and one sample in full. */
import { and, asc, desc, eq, gt, lt, lte, sql, type SQL } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { problems, samples, testResults } from "../../harness/store/schema.ts";
import { makeBadRequest, makeNotFound } from "../errors.ts";
import { parseJson } from "./json.ts";
import { readProblemBody, type ProblemView } from "./problem-body.ts";
import { loadRunRow, formatIso, pickRunRef, type RunRef } from "./runs.ts";
import { countVerdicts } from "../../harness/store/runs.ts";

/** Which of a run's samples a list shows; a sample page keeps it so prev/next stay inside the list. */
export interface SampleFilter {
  verdict?: string;
  problem?: string;
  language?: string;
  /** Full-text search in the completion and the extracted code (every word must occur). */
  q?: string;
}

export const SAMPLE_SORTS = ["index", "time", "score", "passed"] as const;
export type SampleSort = (typeof SAMPLE_SORTS)[number];

export interface SampleQuery extends SampleFilter {
  page: number;
  limit: number;
  /** Default: sample index, ascending. */
  sort?: SampleSort;
  dir?: "asc" | "desc";
}

/** The filter's fields alone (for links), dropping paging and sort. */
export function pickFilter(q: SampleFilter): SampleFilter {
  return { verdict: q.verdict, problem: q.problem, language: q.language, q: q.q };
}

/**
 * Turns free text into an FTS5 query that cannot be a syntax error: each whitespace-separated word
 * becomes a quoted phrase (quotes doubled), and all must match. "sys.stdin" stays one phrase.
 */
export function buildFtsQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replaceAll('"', '""')}"`)
    .join(" AND ");
}

/** SQL conditions selecting the run's samples that pass `f`. */
function buildFilterConds(db: HarnessDb, runId: number, f: SampleFilter): SQL[] {
  const where: SQL[] = [eq(samples.runId, runId)];
  if (f.verdict) where.push(eq(samples.verdict, f.verdict));
  if (f.problem) where.push(eq(samples.problemId, f.problem));
  if (f.language) where.push(eq(samples.language, f.language));
  if (f.q) {
    requireSearchIndex(db);
    where.push(sql`${samples.id} IN (SELECT rowid FROM samples_fts WHERE samples_fts MATCH ${buildFtsQuery(f.q)})`);
  }
  return where;
}

/** The viewer opens databases read-only, so one made before migration 0002 has no index to search. */
function requireSearchIndex(db: HarnessDb): void {
  const row = db.$client.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'samples_fts'").get();
  if (!row) {
    throw makeBadRequest("q", "this database has no search index (it predates migration 0002); open it once with a command that writes, such as `bun run eval`, to add it");
  }
}

const SORT_COLUMNS = { index: samples.sampleIndex, time: samples.timeMs, score: samples.score, passed: samples.passed } as const;

export interface SampleListItem {
  id: number;
  sampleIndex: number;
  problemId: string;
  language: string | null;
  verdict: string;
  passed: number;
  total: number;
  score: number;
  timeMs: number;
  memoryKb: number;
}

export interface SamplePage {
  run: RunRef;
  query: SampleQuery;
  total: number;
  pages: number;
  /** Verdict counts of the whole run, for the filter links. */
  verdicts: Record<string, number>;
  /** Languages the run's samples are in, for the language filter. */
  languages: string[];
  items: SampleListItem[];
}

/** Loads one page of a run's samples, filtered by verdict and/or problem id. */
export function loadSamplePage(db: HarnessDb, runId: number, q: SampleQuery): SamplePage {
  const row = loadRunRow(db, runId);
  const cond = and(...buildFilterConds(db, runId, q));
  const column = SORT_COLUMNS[q.sort ?? "index"];
  const order = q.dir === "desc" ? [desc(column), desc(samples.sampleIndex)] : [asc(column), asc(samples.sampleIndex)];
  const total = db.select({ n: sql<number>`count(*)` }).from(samples).where(cond).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / q.limit));
  if (q.page > pages) throw makeNotFound(`page ${q.page} (there are ${pages})`);
  const items = db
    .select({
      id: samples.id,
      sampleIndex: samples.sampleIndex,
      problemId: samples.problemId,
      language: samples.language,
      verdict: samples.verdict,
      passed: samples.passed,
      total: samples.total,
      score: samples.score,
      timeMs: samples.timeMs,
      memoryKb: samples.memoryKb,
    })
    .from(samples)
    .where(cond)
    .orderBy(...order)
    .limit(q.limit)
    .offset((q.page - 1) * q.limit)
    .all();
  return {
    run: pickRunRef(row),
    query: q,
    total,
    pages,
    verdicts: countVerdicts(db, runId),
    languages: listLanguages(db, runId),
    items,
  };
}

export interface TestResultView {
  index: number;
  kind: string | null;
  verdict: string;
  timeMs: number;
  wallMs: number;
  memoryKb: number;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  checkerMessage: string | null;
  score: number | null;
  input: string | null;
  /** Expected output from the problem's test of the same index (stdio problems). */
  expected: string | null;
}

export interface SampleDetail {
  run: RunRef;
  sample: Omit<typeof samples.$inferSelect, "extraction" | "judgedAt"> & { extraction: unknown; judgedAt: string };
  problem: ProblemView | null;
  tests: TestResultView[];
  /** The list this sample was opened from; prev/next move within it. */
  filter: SampleFilter;
  prevId: number | null;
  nextId: number | null;
  /** "sample k of n for this problem" (by sample index within the run). */
  ofProblem: { k: number; n: number };
}

/**
 * Loads a sample with its run, problem and per-test results; 404 for an unknown id. prev/next are the
 * neighbours by sample index among the samples that pass `filter` (the list the user came from).
 */
export function loadSample(db: HarnessDb, id: number, filter: SampleFilter = {}): SampleDetail {
  const s = db.select().from(samples).where(eq(samples.id, id)).get();
  if (!s) throw makeNotFound(`sample ${id}`);
  const runRow = loadRunRow(db, s.runId);
  const body = db
    .select({ body: problems.body })
    .from(problems)
    .where(and(eq(problems.datasetSha256, runRow.datasetSha256), eq(problems.id, s.problemId)))
    .get();
  const problem = body ? readProblemBody(body.body, s.problemId) : null;
  const rows = db.select().from(testResults).where(eq(testResults.sampleId, id)).orderBy(asc(testResults.testIndex)).all();
  const tests = rows.map((t): TestResultView => {
    const pt = problem?.mode === "stdio" ? problem.tests[t.testIndex] : undefined;
    return {
      index: t.testIndex,
      kind: t.kind,
      verdict: t.verdict,
      timeMs: t.timeMs,
      wallMs: t.wallMs,
      memoryKb: t.memoryKb,
      exitCode: t.exitCode,
      signal: t.signal,
      stdout: t.stdout,
      stderr: t.stderr,
      checkerMessage: t.checkerMessage,
      score: t.score,
      input: pt?.input ?? null,
      expected: pt?.output ?? null,
    };
  });
  const within = buildFilterConds(db, s.runId, filter);
  const neighbour = (cmp: SQL, order: SQL) =>
    db.select({ id: samples.id }).from(samples).where(and(...within, cmp)).orderBy(order).limit(1).get()?.id ?? null;
  const sameProblem = and(eq(samples.runId, s.runId), eq(samples.problemId, s.problemId));
  const count = (extra?: SQL) => db.select({ n: sql<number>`count(*)` }).from(samples).where(and(sameProblem, extra)).get()?.n ?? 0;
  return {
    run: pickRunRef(runRow),
    sample: { ...s, extraction: parseJson(s.extraction), judgedAt: formatIso(s.judgedAt) },
    problem,
    tests,
    filter: pickFilter(filter),
    prevId: neighbour(lt(samples.sampleIndex, s.sampleIndex), desc(samples.sampleIndex)),
    nextId: neighbour(gt(samples.sampleIndex, s.sampleIndex), asc(samples.sampleIndex)),
    ofProblem: { k: count(lte(samples.sampleIndex, s.sampleIndex)), n: count() },
  };
}

/** Distinct languages of a run's samples, sorted. */
function listLanguages(db: HarnessDb, runId: number): string[] {
  return db
    .selectDistinct({ language: samples.language })
    .from(samples)
    .where(eq(samples.runId, runId))
    .all()
    .map((r) => r.language)
    .filter((l): l is string => !!l)
    .sort();
}
