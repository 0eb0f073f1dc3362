import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { buildPrompt } from "../../../datasets/prompt.ts";
import { loadAll } from "../../../datasets/load.ts";
import { toTrlRecords } from "../../../datasets/prepare/export-trl.ts";
import { toVerlRows, type VerlRow, writeVerlParquet } from "../../../datasets/prepare/export-verl.ts";
import { useTempDir } from "../temp-files.ts";
import { makeProblem } from "./problems.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const { dir } = useTempDir();
const HUMANEVAL = HUMANEVAL_GZ;

const stdio = makeProblem("sum", {
  statement: "Read two integers and print their sum.",
  tests: [
    { input: "1 2\n", output: "3\n" },
    { input: "5 5\n", output: "10\n" },
  ],
  source: "codeforces",
  solutions: [{ language: "cpp", code: "#include <cstdio>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);}" }],
});
const cppOnly = makeProblem("cpp-only", { languages: ["cpp"] });

describe("TRL export", () => {
  test("prompt-completion pairs the eval prompt with the reference solution in a fenced block", () => {
    const r = toTrlRecords([stdio, cppOnly], "prompt-completion", { language: "cpp" });
    const spec = buildPrompt(stdio, "cpp");
    expect(r.records[0]).toEqual({
      prompt: [
        { role: "system", content: spec.system },
        { role: "user", content: spec.prompt },
      ],
      completion: [{ role: "assistant", content: `\`\`\`cpp\n${stdio.solutions![0]!.code}\n\`\`\`` }],
    });
    // cpp-only has no reference solution.
    expect(r.skipped).toEqual({ no_solution: 1, language: 0 });
  });

  test("messages puts the three turns in one list; prompt style needs no solution and keeps the problem id", () => {
    const m = toTrlRecords([stdio], "messages", { language: "cpp" }).records[0] as { messages: { role: string }[] };
    expect(m.messages.map((x) => x.role)).toEqual(["system", "user", "assistant"]);
    const p = toTrlRecords([stdio, cppOnly], "prompt");
    expect(p.records.map((x) => x.problem_id)).toEqual(["sum", "cpp-only"]);
    // Python is asked for where a problem accepts it; otherwise its first language.
    expect(JSON.stringify(p.records[0])).toContain("Python 3");
    expect(JSON.stringify(p.records[1])).toContain("C++17");
    expect(toTrlRecords([cppOnly], "prompt", { language: "python" }).skipped.language).toBe(1);
  });
});

describe("verl export", () => {
  test("writes Parquet with verl's columns; tests travel as a JSON ground truth", async () => {
    const he = (await loadAll({ path: HUMANEVAL })).problems.slice(0, 3);
    const r = toVerlRows([stdio, ...he], { dataSource: "mixed", split: "test" });
    const path = join(dir, "verl.parquet");
    await writeVerlParquet(path, r.records);
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const schema = parquetSchema(parquetMetadata(file));
    expect(schema.children.map((c) => c.element.name)).toEqual(["data_source", "prompt", "ability", "reward_model", "extra_info"]);
    const rows = (await parquetReadObjects({ file })) as unknown as VerlRow[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      data_source: "codeforces",
      ability: "code",
      reward_model: { style: "rule" },
      extra_info: { split: "test", problem_id: "sum", language: "python", mode: "stdio" },
    });
    expect(rows.map((x) => Number(x.extra_info.index))).toEqual([0, 1, 2, 3]);
    expect(rows[0]!.prompt).toEqual([{ role: "user", content: buildPrompt(stdio, "python").prompt }]);
    expect(JSON.parse(rows[0]!.reward_model.ground_truth)).toMatchObject({
      problem_id: "sum",
      mode: "stdio",
      inputs: ["1 2\n", "5 5\n"],
      outputs: ["3\n", "10\n"],
      time_limit_ms: stdio.time_limit_ms,
      memory_limit_mb: stdio.memory_limit_mb,
      checker: stdio.checker,
    });
    const fn = JSON.parse(rows[1]!.reward_model.ground_truth);
    expect(fn.entry_point).toBe(he[0]!.entry_point);
    expect(fn.test_code).toContain("def check(candidate)");
    expect(fn).toMatchObject({ problem_id: he[0]!.id, mode: "function" });
    expect(rows[1]!.data_source).toBe("humaneval");
  });

  test("groundTruth ref writes the problem id only, for a reward server started with the dataset", () => {
    const [row] = toVerlRows([stdio], { dataSource: "x", groundTruth: "ref" }).records;
    expect(JSON.parse(row!.reward_model.ground_truth)).toEqual({ problem_id: "sum" });
  });

  test("an answer-mode problem (GSM8K) is exported with its statement as prompt and its answer as ground truth", () => {
    const gsm = makeProblem("gsm-1", { mode: "answer", tests: [], answer: "18", languages: [], statement: "Janet has 3 ducks..." });
    const [row] = toVerlRows([gsm], { dataSource: "gsm8k" }).records;
    expect(row).toMatchObject({ ability: "math", prompt: [{ role: "user", content: "Janet has 3 ducks..." }], reward_model: { style: "rule", ground_truth: "18" } });
    expect(toTrlRecords([gsm], "prompt").records).toEqual([{ prompt: [{ role: "user", content: "Janet has 3 ducks..." }], problem_id: "gsm-1" }]);
    expect(toTrlRecords([gsm], "messages").skipped).toEqual({ no_solution: 1, language: 0 });
  });

  test("an empty export still writes a readable file with the columns", async () => {
    const path = join(dir, "empty.parquet");
    await writeVerlParquet(path, []);
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(await parquetReadObjects({ file })).toEqual([]);
    expect(parquetSchema(parquetMetadata(file)).children).toHaveLength(5);
  });
});
