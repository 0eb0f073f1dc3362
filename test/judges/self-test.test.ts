import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createLocalSandbox } from "../../judges/local/index.ts";
import { selfTestSandbox } from "../../judges/self-test.ts";
import { type Sandbox, SandboxError } from "../../judges/types.ts";
import { sharedTestCacheDir } from "../support/test-cache.ts";

// Sandboxed compiles take seconds on a busy 2-core machine.
setDefaultTimeout(120_000);

const opened: Sandbox[] = [];
afterAll(async () => {
  for (const s of opened) await s.close?.();
});
const open = (python3?: string) => {
  const s = createLocalSandbox({ cacheDir: sharedTestCacheDir(), tools: python3 ? { python3 } : {} });
  opened.push(s);
  return s;
};

/** The error a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (err: unknown) => err,
  );
}

describe("the local sandbox's self-test", () => {
  test("passes on a healthy machine, for C++ and Python", async () => {
    await open().selfTest();
  });

  test("fails with a SandboxError naming the language, the cause and HARNESS_PYTHON3 when python3 is a broken binary", async () => {
    const err = await rejection(open("/usr/bin/false").selfTest());
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).code).toBe("sandbox_unavailable");
    expect((err as SandboxError).category).toBe("sandbox");
    const message = (err as Error).message;
    expect(message).toContain("self-test for python");
    expect(message).toContain("compile_error");
    expect(message).toContain("/usr/bin/false; HARNESS_PYTHON3");
    expect(message).not.toContain("\n");
  });
});

describe("selfTestSandbox", () => {
  test("reports a backend whose programs print the wrong answer, quoting what they printed", async () => {
    const real = open();
    // Every run's output is off by one, as a backend that mixes up stdin would be.
    const skewed: Pick<Sandbox, "name" | "prepare" | "run"> = {
      name: "skewed",
      prepare: (source, limits) => real.prepare(source, limits),
      run: async (program, input, limits) => ({ ...(await real.run(program, input, limits)), stdout: "41\n" }),
    };
    const err = await rejection(selfTestSandbox(skewed, ["python"]));
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as Error).message).toBe(`judge 'skewed' failed its self-test for python: a known-good program printed "41\\n" instead of "42"`);
  });
});
