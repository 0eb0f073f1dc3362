/** The local launcher: the conformance suite, and pid reuse is not mistaken for the job. */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localLauncher } from "../../../trainers/launchers/local.ts";
import { readProcStat } from "../../../trainers/launchers/proc.ts";
import { describeLauncherConformance } from "./suite.ts";

describeLauncherConformance("local", async () => ({ launcher: localLauncher }));

describe("local launcher identity", () => {
  test("a live process with the job's pid but another start time is not taken for the job", async () => {
    const jobDir = mkdtempSync(join(tmpdir(), "local-reuse-"));
    // This test's own process is alive; pretend a job once had its pid with a different start time.
    const me = readProcStat(process.pid)!;
    const status = await localLauncher.status(`${process.pid}:${Number(me.startTime) + 1}`, jobDir);
    expect(status.state).toBe("failed");
    expect(status.detail).toContain("without recording an exit code");
  });

  test("a job whose process is gone keeps the exit code its wrapper recorded", async () => {
    const jobDir = mkdtempSync(join(tmpdir(), "local-gone-"));
    writeFileSync(join(jobDir, "exit_code"), "0\n");
    expect(await localLauncher.status("999999999:1", jobDir)).toEqual({ state: "completed", exitCode: 0 });
  });

  test("the job runs in its own process group, apart from the launcher's", async () => {
    const jobDir = mkdtempSync(join(tmpdir(), "local-pgid-"));
    const script = join(jobDir, "run.sh");
    writeFileSync(script, "ps -o pgid= -p $$ > pgid; sleep 0.2\n");
    const { launcherId } = await localLauncher.submit({ jobId: "pg", name: "pg", jobDir, script, env: {}, resources: { nodes: 1, gpusPerNode: 0 }, python: "python3" });
    const pid = Number(launcherId.split(":")[0]);
    for (;;) {
      if ((await localLauncher.status(launcherId, jobDir)).state !== "running") break;
      await Bun.sleep(50);
    }
    const pgid = Number(readFileSync(join(jobDir, "pgid"), "utf8").trim());
    expect(pgid).toBe(pid);
    expect(pgid).not.toBe(Number(process.pid));
  });
});
