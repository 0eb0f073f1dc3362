/** runPair on the WASM judge: two guests in one worker, each in its own Wasmer sandbox, piped together. */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PairSide } from "../../../judges/types.ts";
import { CONFORMANCE_COMPILE_LIMITS, CONFORMANCE_LIMITS } from "../conformance/fixture-runner.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

setDefaultTimeout(90_000);

/** Answers each number it reads with that number plus one, flushing each answer. */
const ANSWERER = "#include <cstdio>\nint main() { long long x; while (std::scanf(\"%lld\", &x) == 1) { std::printf(\"%lld\\n\", x + 1); std::fflush(stdout); } }\n";
/** Asks 1..5, checks each answer, and reports on its stderr (which the other side cannot reach). */
const ASKER =
  "#include <cstdio>\nint main() { int ok = 0; for (int i = 1; i <= 5; i++) { std::printf(\"%d\\n\", i); std::fflush(stdout); long long r; if (std::scanf(\"%lld\", &r) != 1) break; if (r == i + 1) ok++; } std::fprintf(stderr, \"ok %d\\n\", ok); return ok == 5 ? 0 : 1; }\n";
const SPINNER = "int main() { volatile unsigned long long x = 0; for (;;) x++; }\n";

const sandbox = makeWasmSandbox(1);
afterAll(() => sandbox.close());

async function side(code: string, limits = CONFORMANCE_LIMITS): Promise<PairSide> {
  const prepared = await sandbox.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(prepared.log);
  return { program: prepared.program, limits };
}

describe("wasm runPair", () => {
  test("each side's stdout reaches the other's stdin, and the peer's stderr carries its report", async () => {
    const outcome = await sandbox.runPair(await side(ANSWERER), await side(ASKER));
    expect(outcome.peer).toMatchObject({ termination: "exited", exitCode: 0, stderr: "ok 5\n", stdout: "1\n2\n3\n4\n5\n" });
    // The asker ended, so the answerer read end of file and exited too.
    expect(outcome.program).toMatchObject({ termination: "exited", exitCode: 0, stdout: "2\n3\n4\n5\n6\n" });
  });

  test("a program that never answers is stopped at the CPU limit, and its worker with it", async () => {
    // A pair is stopped at the sum of both CPU limits (2 s); the wall limit stays 10x above that, as
    // in the conformance limits, so a busy machine cannot turn this CPU stop into a wall one.
    const limits = { ...CONFORMANCE_LIMITS, wallMs: 20 * CONFORMANCE_LIMITS.cpuMs };
    const outcome = await sandbox.runPair(await side(SPINNER, limits), await side(ASKER, limits));
    expect(outcome.program.termination).toBe("cpu_time");
    expect(outcome.peer.termination).not.toBe("exited");
  });
});
