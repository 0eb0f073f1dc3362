/**
 * The sandbox conformance suite: every Sandbox implementation (local now, Piston and WASM later)
 * calls runSandboxConformance from its own test file. Each check runs a fixture program named by
 * its behaviour (fixtures/) and asserts both the outcome and the containment: nothing survives the
 * run, nothing is written or read outside, the network is closed and the harness stays healthy.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { PrepareResult, Sandbox } from "../../../judges/types.ts";
import { describeProcesses, findProcessesNamed } from "../../support/processes.ts";
import { registerIsolationChecks, registerProcessChecks } from "./checks-containment.ts";
import { registerCompileChecks, registerRunChecks } from "./checks-outcomes.ts";
import { registerSessionChecks } from "./checks-sessions.ts";
import {
  CONFORMANCE_CHECKS,
  CONFORMANCE_COMPILE_LIMITS,
  CONFORMANCE_LIMITS,
  type ConformanceCheck,
  type ConformanceContext,
  readFixture,
} from "./fixture-runner.ts";

export { CONFORMANCE_CHECKS, CONFORMANCE_COMPILE_LIMITS, CONFORMANCE_LIMITS, type ConformanceCheck };

/** Backend-specific containment probes. */
export interface ConformanceProbes {
  /** Processes that still belong to the sandbox after a run (e.g. members of its cgroups), one line each. */
  leftoverProcesses?: () => Promise<string[]> | string[];
}

/** A check may compile its fixture first (the very first C++ one also builds the backend's caches). */
const CHECK_TIMEOUT_MS = 60_000;

/** Names fixture processes give themselves (prctl) so survivors can be found on the host. */
const FIXTURE_PROCESS_NAMES = ["cjdaemon", "cjbomb"];

function assertKnownSkips(name: string, skips: Partial<Record<ConformanceCheck, string>>): void {
  for (const id of Object.keys(skips)) {
    if (!(CONFORMANCE_CHECKS as readonly string[]).includes(id)) {
      throw new Error(`runSandboxConformance(${name}): unknown check "${id}" in skips; known: ${CONFORMANCE_CHECKS.join(", ")}`);
    }
  }
}

/**
 * Registers the conformance suite for one sandbox. `skips` maps a check id to the reason it does not
 * apply to this backend (an unknown id is an error, so a typo cannot silently skip nothing).
 */
export function runSandboxConformance(
  name: string,
  makeSandbox: () => Promise<Sandbox> | Sandbox,
  skips: Partial<Record<ConformanceCheck, string>> = {},
  probes: ConformanceProbes = {},
): void {
  assertKnownSkips(name, skips);
  describe(`sandbox conformance: ${name}`, () => {
    let sandbox: Sandbox | null = null;
    const prepared = new Map<string, Promise<PrepareResult>>();
    const ctx: ConformanceContext = {
      sandbox() {
        if (!sandbox) throw new Error("the sandbox was not created");
        return sandbox;
      },
      check(id, title, body) {
        const reason = skips[id];
        if (reason) test.skip(`${title} [${id}; skipped: ${reason}]`, body);
        else test(`${title} [${id}]`, body, CHECK_TIMEOUT_MS);
      },
      prepare(file, limits = CONFORMANCE_COMPILE_LIMITS) {
        const key = `${file} ${JSON.stringify(limits)}`;
        let pending = prepared.get(key);
        if (!pending) {
          const language = file.endsWith(".py") ? "python" : "cpp";
          pending = readFixture(file).then((code) => ctx.sandbox().prepare({ language, code }, limits));
          prepared.set(key, pending);
        }
        return pending;
      },
      async run(file, input = {}, limits = CONFORMANCE_LIMITS) {
        const result = await ctx.prepare(file);
        if (!result.ok) throw new Error(`fixture ${file} did not prepare (${result.cause}):\n${result.log}`);
        return ctx.sandbox().run(result.program, input, limits);
      },
      async expectContained() {
        expect(describeProcesses(findProcessesNamed(FIXTURE_PROCESS_NAMES))).toEqual([]);
        if (probes.leftoverProcesses) expect(await probes.leftoverProcesses()).toEqual([]);
      },
      async expectStillServing() {
        const outcome = await ctx.run("ac-echo.py", { stdin: "still here\n" });
        expect(outcome).toMatchObject({ termination: "exited", stdout: "still here\n" });
      },
    };

    beforeAll(async () => {
      sandbox = await makeSandbox();
    });
    afterAll(async () => {
      await sandbox?.close?.();
    });

    ctx.check("self-test", "selfTest() passes on a healthy backend", async () => {
      await ctx.sandbox().selfTest();
    });
    registerRunChecks(ctx);
    registerCompileChecks(ctx);
    registerProcessChecks(ctx);
    registerIsolationChecks(ctx);
    registerSessionChecks(ctx);
  });
}
