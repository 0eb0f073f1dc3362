/** Metrics JSONL ingestion: complete lines only, resumed from the stored offset. */
import { expect, test } from "bun:test";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMetricsFrom } from "../../trainers/metrics.ts";

test("a line still being written is left for the next read, which starts where the last one stopped", () => {
  const path = join(mkdtempSync(join(tmpdir(), "metrics-")), "metrics.jsonl");
  writeFileSync(path, '{"step": 1, "loss": 2.5}\n{"step": 2, "lo');
  const first = readMetricsFrom(path, 0);
  expect(first.rows).toEqual([{ step: 1, values: { step: 1, loss: 2.5 } }]);
  appendFileSync(path, 'ss": 2.0}\nnot json\n');
  const second = readMetricsFrom(path, first.offset);
  expect(second.rows).toEqual([{ step: 2, values: { step: 2, loss: 2.0 } }]);
  expect(second.bad).toEqual(["not json"]);
  expect(readMetricsFrom(path, second.offset).rows).toEqual([]);
});

test("a job that has not written metrics yet has none", () => {
  expect(readMetricsFrom(join(tmpdir(), "no-such-job", "metrics.jsonl"), 0)).toEqual({ rows: [], offset: 0, bad: [] });
});
