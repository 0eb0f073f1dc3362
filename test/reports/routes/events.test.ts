/** The run event stream over real runs: a finished built-in eval run, and a killed eval's run while the resumed eval writes it. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { interruptSlowEval, SLOW_SAMPLES, type InterruptedEval } from "../support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";
import { readSse } from "../support/sse.ts";

let v: RealViewer;
let running: InterruptedEval;
beforeAll(async () => {
  v = await openRealViewer({ pollMs: 50 });
  running = await interruptSlowEval(v.dbPath);
}, 600_000);
afterAll(() => {
  v.close();
  running.cleanup();
});

describe("run event stream", () => {
  test("sends the progress of a finished run once, then done, then closes", async () => {
    const strong = v.runs.find((r) => r.name.endsWith("/strong-coder"))!;
    const judged = Object.values(strong.verdicts).reduce((a, b) => a + b, 0);
    const res = await v.app.request(`/api/runs/${strong.run_id}/events`);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = readSse(res);
    const first = await events.next();
    expect(first?.event).toBe("progress");
    expect(JSON.parse(first?.data ?? "{}")).toMatchObject({ runId: strong.run_id, status: "done", judged });
    expect((await events.next())?.event).toBe("done");
    expect(await events.next()).toBeNull();
  });

  test("pushes new counts while an eval writes samples, and closes when the run finishes", async () => {
    const events = readSse(await v.app.request(`/api/runs/${running.runId}/events`));
    const initial = JSON.parse((await events.next())?.data ?? "{}");
    expect(initial).toMatchObject({ status: "running", judged: running.stored, expected: SLOW_SAMPLES });

    // The same eval started again resumes the run and writes the remaining samples.
    const resumed = running.resume();
    const seen: { judged: number; status: string; verdicts: Record<string, number> }[] = [];
    for (;;) {
      const e = await events.next();
      expect(e).not.toBeNull();
      if (e!.event === "done") break;
      expect(e!.event).toBe("progress");
      seen.push(JSON.parse(e!.data));
    }
    expect(await events.next()).toBeNull();
    const final = await resumed;
    // Counts only grow, at least one update arrived while the run was still running, and the last is the finished run.
    const judged = seen.map((s) => s.judged);
    expect(judged).toEqual([...judged].sort((a, b) => a - b));
    expect(seen.some((s) => s.status === "running" && s.judged > running.stored)).toBe(true);
    // The eval's summary lists every verdict, zeros included; the stream only those that occurred.
    const occurred = Object.fromEntries(Object.entries(final.verdicts).filter(([, n]) => n > 0));
    expect(seen.at(-1)).toMatchObject({ status: "done", judged: SLOW_SAMPLES, verdicts: occurred });
  }, 120_000);

  test("answers 404 for an unknown run before streaming", async () => {
    const res = await v.app.request("/api/runs/999/events");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { status: 404, message: "run 999 not found" } });
  });
});
