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

  test("an unknown judge name is a UsageError listing the known judges", async () => {
    const err = await createJudgeBackend("nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("unknown judge 'nope'; known judges: local, piston, wasm");
  });
});
