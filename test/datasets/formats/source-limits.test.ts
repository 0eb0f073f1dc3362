import { describe, expect, test } from "bun:test";
import { appsFormat } from "../../../datasets/formats/apps.ts";
import { readStatedLimits, resolveLimits, SOURCE_TIME_LIMIT_MS } from "../../../datasets/formats/source-limits.ts";
import { loadAll } from "../../../datasets/load.ts";

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const at = { file: "taco.jsonl", line: 3 };

describe("limits a statement states", () => {
  test("reads Codeforces' header lines, rllm's lines and CodeContests' proto durations and byte counts", () => {
    expect(readStatedLimits("time limit per test: 2 seconds\nmemory limit per test: 256 megabytes")).toEqual({ timeMs: 2000, memoryMb: 256 });
    expect(readStatedLimits("Time Limit: 1500 ms\nMemory Limit: 1024 MB")).toEqual({ timeMs: 1500, memoryMb: 1024 });
    expect(readStatedLimits("Time Limit: {'seconds': 0, 'nanos': 500000000}\nMemory Limit: 256000000 Bytes")).toEqual({ timeMs: 500, memoryMb: 256 });
    expect(readStatedLimits("time limit per test: 0.5 second")).toEqual({ timeMs: 500 });
  });

  test("prose about limits that states no value gives nothing", () => {
    expect(readStatedLimits("The versions differ in the time limit, and constraints on n.")).toEqual({});
    expect(readStatedLimits("Note the unusual memory limit.")).toEqual({});
  });

  test("a row's own field wins over its statement, which wins over the source's default", () => {
    const statement = "time limit per test: 3 seconds";
    expect(resolveLimits(statement, { timeMs: 1000 }, 6000).time_limit_ms).toBe(1000);
    expect(resolveLimits(statement, {}, 6000).time_limit_ms).toBe(3000);
    expect(resolveLimits("no limits here", {}, 6000)).toEqual({ time_limit_ms: 6000, memory_limit_mb: 256 });
    expect(resolveLimits("no limits here", {})).toEqual({ time_limit_ms: 2000, memory_limit_mb: 256 });
  });
});

describe("each source's default per-test time where rows carry none", () => {
  test("LiveCodeBench rows get LiveCodeBench's 6 s, APPS rows APPS's 4 s", async () => {
    expect(SOURCE_TIME_LIMIT_MS).toEqual({ livecodebench: 6000, rllm: 6000, apps: 4000 });
    const lcb = (await loadAll({ path: fixture("livecodebench.jsonl") })).problems;
    expect(new Set(lcb.map((p) => p.time_limit_ms))).toEqual(new Set([6000]));
    const apps = (await loadAll({ path: fixture("apps.jsonl") })).problems;
    expect(new Set(apps.map((p) => p.time_limit_ms))).toEqual(new Set([4000]));
  });

  test("TACO rows' time_limit and memory_limit text fields are read, 'None' gives the default", () => {
    const row = {
      question: "Echo.",
      input_output: JSON.stringify({ inputs: ["a\n"], outputs: ["a\n"] }),
      time_limit: "2.0 seconds",
      memory_limit: "512.0 megabytes",
      source: "codeforces",
      tags: "['Sorting', 'Greedy algorithms']",
    };
    const p = appsFormat.convert(row, at);
    expect([p.time_limit_ms, p.memory_limit_mb, p.source, p.tags]).toEqual([2000, 512, "codeforces", ["Sorting", "Greedy algorithms"]]);
    const none = appsFormat.convert({ ...row, time_limit: "None", memory_limit: null }, at);
    expect([none.time_limit_ms, none.memory_limit_mb]).toEqual([4000, 256]);
  });
});
