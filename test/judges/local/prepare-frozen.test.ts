/** Frozen sources (the function-mode kits' driver and tester) have their cache keys remembered: same keys, same cache. */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { functionKitFor } from "../../../judges/function/index.ts";
import type { GradeTask, SourceFile } from "../../../judges/types.ts";
import { compileLimits, useLocalSandbox } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

const { sandbox } = useLocalSandbox({ freshCache: true });

async function keyOf(source: SourceFile): Promise<{ key: string; cached: boolean }> {
  const result = await sandbox().prepare(source, compileLimits);
  if (!result.ok) throw new Error(result.log);
  return { key: result.program.key, cached: result.cached === true };
}

describe("prepare with frozen sources", () => {
  test("a frozen source is keyed and cached exactly like an equal unfrozen one", async () => {
    const code = `print(${JSON.stringify(crypto.randomUUID())})\n`;
    const frozen = Object.freeze({ language: "python" as const, code, extraFiles: Object.freeze({ "helper.py": "X = 1\n" }) });
    const first = await keyOf(frozen);
    expect(first.cached).toBe(false);
    expect(await keyOf(frozen)).toEqual({ key: first.key, cached: true });
    expect(await keyOf({ language: "python", code, extraFiles: { "helper.py": "X = 1\n" } })).toEqual({ key: first.key, cached: true });
    expect((await keyOf({ language: "python", code, extraFiles: { "helper.py": "X = 2\n" } })).key).not.toBe(first.key);
  });

  test("the Python function-mode kit hands out its driver and tester frozen, the same objects for every task", () => {
    const kit = functionKitFor("python");
    if (!kit) throw new Error("no python function kit");
    const task = (entryPoint: string): GradeTask => ({ mode: "function", tests: [], testCode: "pass\n", entryPoint, limits: { cpuMs: 1000, wallMs: 2000, memoryMb: 256, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 16 } });
    const a = kit.plan(task("f"), { language: "python", code: "def f(): pass\n" });
    const b = kit.plan(task("g"), { language: "python", code: "def g(): pass\n" });
    expect(a.program).toBe(b.program);
    expect(a.peer).toBe(b.peer);
    expect(Object.isFrozen(a.program) && Object.isFrozen(a.program.extraFiles)).toBe(true);
  });
});
