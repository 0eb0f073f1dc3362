import { describe, expect, test } from "bun:test";
import { createJudgeBackend, JUDGE_BACKENDS, readBackendSettings } from "../../../harness/cli/backends.ts";
import { UsageError } from "../../../judges/errors.ts";

const local = JUDGE_BACKENDS.local!;

describe("backend settings", () => {
  test("the local backend reads its tool paths from HARNESS_* variables", () => {
    expect(readBackendSettings("local", local, [], { HARNESS_PYTHON3: "/usr/bin/python3.11", HARNESS_GXX: "/usr/bin/g++-12" })).toEqual({
      python3: "/usr/bin/python3.11",
      gxx: "/usr/bin/g++-12",
    });
  });

  test("--judge-opt key=value wins over the environment, and a value may contain '='", () => {
    const raw = readBackendSettings("local", local, ["python3=/usr/bin/python3", "cache-dir=/tmp/a=b"], { HARNESS_PYTHON3: "/usr/bin/false" });
    expect(raw).toEqual({ python3: "/usr/bin/python3", "cache-dir": "/tmp/a=b" });
  });

  test("an unknown key or a missing '=' is a UsageError naming the judge and its keys", () => {
    for (const bad of ["pool=4", "python3"]) {
      expect(() => readBackendSettings("local", local, [bad], {})).toThrow(UsageError);
      expect(() => readBackendSettings("local", local, [bad], {})).toThrow("judge 'local' takes key=value with key one of: gxx, python3, bwrap, cache-dir");
    }
  });

  test("the wasm backend takes a pool size of 1 to 256 from --judge-opt or HARNESS_WASM_POOL_SIZE, and refuses anything else", async () => {
    const wasm = JUDGE_BACKENDS.wasm!;
    expect(readBackendSettings("wasm", wasm, [], { HARNESS_WASM_POOL_SIZE: "3" })).toEqual({ "pool-size": "3" });
    expect(readBackendSettings("wasm", wasm, ["pool-size=5", "clang=/usr/bin/clang++-14"], { HARNESS_WASM_POOL_SIZE: "3" })).toEqual({ "pool-size": "5", clang: "/usr/bin/clang++-14" });
    for (const bad of ["0", "2.5", "many", "257"]) {
      const err = await createJudgeBackend("wasm", { judgeOpt: [`pool-size=${bad}`] }, {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(`judge 'wasm': pool-size must be an integer from 1 to 256, got '${bad}'`);
    }
  });

  test("an unknown judge name is a UsageError listing the known judges", async () => {
    const err = await createJudgeBackend("nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("unknown judge 'nope'; known judges: local, piston, wasm");
  });
});
