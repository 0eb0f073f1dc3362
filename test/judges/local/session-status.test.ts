/** The status lines of a session: one per run, behind the token and the run's number. */
import { describe, expect, test } from "bun:test";
import type { ProgramRlimits } from "../../../judges/local/launch.ts";
import { parseSessionReport, sessionMarker } from "../../../judges/local/session-status.ts";
import { SandboxError } from "../../../judges/types.ts";

const TOKEN = "0123456789abcdef0123456789abcdef";
const RLIMITS: ProgramRlimits = { cpuSoftS: 2, cpuHardS: 3, asBytes: 0, fsizeBytes: 1 << 20, stackBytes: 8 << 20, nofile: 128, nproc: 9 };

describe("session status", () => {
  test("a run's line with its number is believed", () => {
    expect(parseSessionReport(`${TOKEN} 3 exit 0 1500 500 2048\n`, TOKEN, 3, RLIMITS)).toEqual({
      status: { kind: "exit", code: 0, cpuUs: 2000, maxRssKb: 2048 },
      forged: false,
      execNoMemory: false,
    });
    expect(parseSessionReport(`${TOKEN} 1 signal 9 10 0 100\n`, TOKEN, 1, RLIMITS).status).toEqual({ kind: "signal", signal: 9, cpuUs: 10, maxRssKb: 100 });
  });

  test("another run's number, a second line or a missing token is a forgery", () => {
    expect(parseSessionReport(`${TOKEN} 2 exit 0 0 0 0\n`, TOKEN, 3, RLIMITS).forged).toBe(true);
    expect(parseSessionReport(`${TOKEN} 3 exit 0 0 0 0\n${TOKEN} 3 exit 0 0 0 0\n`, TOKEN, 3, RLIMITS).forged).toBe(true);
    expect(parseSessionReport("3 exit 0 0 0 0\n", TOKEN, 3, RLIMITS).forged).toBe(true);
    expect(parseSessionReport(`${TOKEN} 3 exit NaN 0 0 0\n`, TOKEN, 3, RLIMITS).forged).toBe(true);
  });

  test("nothing written is no report; init's set-up failures and the shell's cgroup failure are harness failures", () => {
    expect(parseSessionReport("", TOKEN, 1, RLIMITS)).toEqual({ status: null, forged: false, execNoMemory: false });
    expect(() => parseSessionReport(`${TOKEN} 2 setupfail 11\n`, TOKEN, 2, RLIMITS)).toThrow(SandboxError);
    expect(() => parseSessionReport(`${TOKEN} setupfail 22\n`, TOKEN, 1, RLIMITS)).toThrow(SandboxError);
    expect(() => parseSessionReport(`${TOKEN} cgroupfail\n`, TOKEN, 1, RLIMITS)).toThrow(SandboxError);
  });

  test("the end marker holds the token and the run's number", () => {
    expect(sessionMarker(TOKEN, 7)).toBe(`${TOKEN}:7:end\n`);
  });
});
