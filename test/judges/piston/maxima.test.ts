/**
 * Against a server that enforces stock Piston's configured maxima (compile 10 s, run 3 s wall and
 * CPU) with Piston's 400 messages, over real HTTP: compile limits and the run's wall limit are lowered
 * to what it grants, the run's CPU limit never is.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import type { PistonExecuteRequest } from "../../../judges/piston-wire.ts";
import { DEFAULT_COMPILE_LIMITS } from "../../../judges/compile-limits.ts";
import { SandboxError, type RunLimits } from "../../../judges/types.ts";

const MAXIMA: Record<string, number> = { compile_timeout: 10_000, compile_cpu_time: 10_000, run_timeout: 3000, run_cpu_time: 3000 };
const accepted: PistonExecuteRequest[] = [];
const stage = (stdout: string) => ({ stdout, stderr: "", output: stdout, code: 0, signal: null, message: null, status: null, memory: 1_000_000, cpu_time: 5, wall_time: 9 });

// Validates limits in stock Piston's order and words; answers like stock Piston otherwise.
const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  async fetch(req) {
    if (new URL(req.url).pathname === "/api/v2/runtimes") return Response.json([{ language: "c++", version: "10.2.0", aliases: ["cpp", "g++"], runtime: "gcc" }, { language: "python", version: "3.10.0", aliases: ["py", "py3", "python3"] }]);
    const body = (await req.json()) as PistonExecuteRequest & Record<string, number>;
    for (const [field, max] of Object.entries(MAXIMA)) {
      if (body[field] && body[field] > max) return Response.json({ message: `${field} cannot exceed the configured limit of ${max}` }, { status: 400 });
    }
    accepted.push(body);
    return Response.json({ language: body.language, version: body.version, ...(body.language === "c++" ? { compile: stage("") } : {}), run: stage("42\n") });
  },
});
afterAll(() => server.stop(true));

const sandbox = createPistonSandbox({ endpoints: [{ url: `http://127.0.0.1:${server.port}`, concurrency: 2 }] });
const RUN: RunLimits = { cpuMs: 2000, wallMs: 6000, memoryMb: 256, outputBytes: 1024, processes: 8, fileBytes: 1 << 20 };

describe("servers with stock Piston's maxima", () => {
  test("the default compile limits (60 s) are lowered to the server's 10 s, and the program prepares", async () => {
    const prepared = await sandbox.prepare({ language: "cpp", code: "int main() {}" }, DEFAULT_COMPILE_LIMITS);
    expect(prepared.ok).toBe(true);
    expect(accepted.at(-1)).toMatchObject({ compile_timeout: 10_000, compile_cpu_time: 10_000 });
  });

  test("a run's wall limit is lowered to the server's 3 s, never below the CPU limit, and the run is judged", async () => {
    const prepared = await sandbox.prepare({ language: "cpp", code: "int main() {}" }, DEFAULT_COMPILE_LIMITS);
    if (!prepared.ok) throw new Error("did not prepare");
    expect(await sandbox.run(prepared.program, { stdin: "41\n" }, RUN)).toMatchObject({ termination: "exited", stdout: "42\n" });
    expect(accepted.at(-1)).toMatchObject({ run_timeout: 3000, run_cpu_time: 2000 });
  });

  test("a CPU limit above the server's is a SandboxError, never a silently shorter limit", async () => {
    const prepared = await sandbox.prepare({ language: "cpp", code: "int main() {}" }, DEFAULT_COMPILE_LIMITS);
    if (!prepared.ok) throw new Error("did not prepare");
    const err = await sandbox.run(prepared.program, {}, { ...RUN, cpuMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    // Whichever limit the server was found to cap first (wall or CPU) is named; both stop the run.
    expect((err as Error).message).toMatch(/grants run_(timeout|cpu_time) up to 3000/);
  });
});
