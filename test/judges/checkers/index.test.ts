import { describe, expect, test } from "bun:test";
import { CHECKER_TYPES, CheckerError, createChecker, PURE_CHECKERS } from "../../../judges/checkers/index.ts";
import type { CheckerSpec, Sandbox } from "../../../judges/types.ts";

/** Pure checkers never touch the sandbox; any call is a test failure. */
const untouchableSandbox: Sandbox = {
  name: "untouchable",
  prepare: () => Promise.reject(new Error("pure checkers must not prepare programs")),
  run: () => Promise.reject(new Error("pure checkers must not run programs")),
  versions: () => Promise.resolve({}),
  selfTest: () => Promise.resolve(),
};
const deps = { sandbox: untouchableSandbox };
const ctx = { input: "" };

describe("createChecker", () => {
  test("returns the registered pure checker for each simple type", async () => {
    for (const type of ["exact", "lines", "tokens", "yesno", "unordered"] as const) {
      expect(await createChecker({ type }, deps)).toBe(PURE_CHECKERS[type]);
    }
  });

  test("builds a float checker with the spec's tolerances", async () => {
    const checker = await createChecker({ type: "float", abs: 0.1, rel: 0 }, deps);
    expect((await checker("1.05", "1", ctx)).verdict).toBe("AC");
    expect((await checker("1.2", "1", ctx)).verdict).toBe("WA");
  });

  test("rejects a negative tolerance naming the field", async () => {
    const spec = { type: "float", rel: -1 } as CheckerSpec;
    await expect(createChecker(spec, deps)).rejects.toThrow('field "rel" must be a finite number >= 0');
  });

  test("rejects an unknown type listing the known ones", async () => {
    const spec = { type: "fuzzy" } as unknown as CheckerSpec;
    const error = await createChecker(spec, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckerError);
    expect((error as CheckerError).code).toBe("unknown_type");
    expect((error as Error).message).toContain('"fuzzy"');
    for (const type of CHECKER_TYPES) expect((error as Error).message).toContain(type);
  });

  test("rejects a program checker without source", async () => {
    const spec = { type: "cms", source: "  " } as CheckerSpec;
    await expect(createChecker(spec, deps)).rejects.toThrow('field "source"');
  });
});
