/**
 * The launcher conformance suite: every launcher runs real shell jobs through submit, status, cancel
 * and logs, and a job submitted by one process (a CLI that then exits) is followed by another.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobSpec, JobState, JobStatus, Launcher } from "../../../trainers/types.ts";

export interface Fixture {
  root: string;
}

/** A job folder with `body` as its script. */
export function makeJob(root: string, name: string, body: string): JobSpec {
  const jobDir = mkdtempSync(join(root, `${name}-`));
  const script = join(jobDir, "run.sh");
  writeFileSync(script, `set -e\n${body}\n`);
  return { jobId: name, name, jobDir, script, env: { CODEJUDGE_TEST_JOB: name }, resources: { nodes: 1, gpusPerNode: 0 }, python: "python3" };
}

/** Polls until the job reaches one of `states` (a hung job fails the test at its timeout). */
export async function waitForState(launcher: Launcher, id: string, jobDir: string, states: JobState[]): Promise<JobStatus> {
  for (;;) {
    const s = await launcher.status(id, jobDir);
    if (states.includes(s.state)) return s;
    await Bun.sleep(100);
  }
}

export async function waitForFile(path: string, pattern?: RegExp): Promise<string> {
  for (;;) {
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      if (!pattern || pattern.test(text)) return text;
    }
    await Bun.sleep(100);
  }
}

/** A job that waits until the test creates `release` in its folder. */
const GATED = `echo started; while [ ! -f release ]; do sleep 0.1; done; echo "finished $CODEJUDGE_TEST_JOB"`;

export function describeLauncherConformance(name: string, setup: () => Promise<{ launcher: Launcher; stop?: () => Promise<void> }>): void {
  describe(`${name} launcher conformance`, () => {
    let launcher: Launcher;
    let stop: (() => Promise<void>) | undefined;
    let root = "";

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), `launcher-${name}-`));
      ({ launcher, stop } = await setup());
    });
    afterAll(async () => {
      await stop?.();
      rmSync(root, { recursive: true, force: true });
    });

    test("a job is running while it works, then completed with exit code 0 and its output in the logs", async () => {
      const spec = makeJob(root, "ok", GATED);
      const { launcherId, logs } = await launcher.submit(spec);
      await waitForState(launcher, launcherId, spec.jobDir, ["running"]);
      await waitForFile(logs.stdout, /started/);
      writeFileSync(join(spec.jobDir, "release"), "");
      const done = await waitForState(launcher, launcherId, spec.jobDir, ["completed", "failed", "cancelled"]);
      expect(done).toMatchObject({ state: "completed", exitCode: 0 });
      expect(readFileSync(launcher.logs(launcherId, spec.jobDir).stdout, "utf8")).toContain("finished ok");
    });

    test("a job that exits non-zero is failed with its exit code and its stderr in the logs", async () => {
      const spec = makeJob(root, "bad", `echo "something broke" >&2; exit 3`);
      const { launcherId } = await launcher.submit(spec);
      const done = await waitForState(launcher, launcherId, spec.jobDir, ["completed", "failed", "cancelled"]);
      expect(done).toMatchObject({ state: "failed", exitCode: 3 });
      expect(readFileSync(launcher.logs(launcherId, spec.jobDir).stderr, "utf8")).toContain("something broke");
    });

    test("a cancelled job stops and is reported cancelled", async () => {
      const spec = makeJob(root, "cancel", `echo started; while true; do date +%s > alive; sleep 0.2; done`);
      const { launcherId, logs } = await launcher.submit(spec);
      await waitForFile(logs.stdout, /started/);
      await launcher.cancel(launcherId, spec.jobDir);
      const done = await waitForState(launcher, launcherId, spec.jobDir, ["completed", "failed", "cancelled"]);
      expect(done.state).toBe("cancelled");
      // Stopped for good: the heartbeat file no longer changes once the job is gone.
      const beat = readFileSync(join(spec.jobDir, "alive"), "utf8");
      await Bun.sleep(1000);
      expect(readFileSync(join(spec.jobDir, "alive"), "utf8")).toBe(beat);
    });

    test("a job submitted by a process that has since exited is followed to completion by another", async () => {
      const spec = makeJob(root, "restart", GATED);
      const submitter = `
        import { getLauncher } from ${JSON.stringify(join(import.meta.dir, "../../../trainers/launchers/index.ts"))};
        const r = await getLauncher(${JSON.stringify(name)}).submit(${JSON.stringify(spec)});
        console.log(r.launcherId);
        process.exit(0);`;
      const file = join(root, "submit.ts");
      writeFileSync(file, submitter);
      const proc = Bun.spawn(["bun", file], { stdout: "pipe", stderr: "inherit", env: process.env });
      const launcherId = (await new Response(proc.stdout).text()).trim();
      expect(await proc.exited).toBe(0);
      // The submitting CLI is gone; the job lives on and this process recovers it from its id and folder.
      await waitForState(launcher, launcherId, spec.jobDir, ["running"]);
      writeFileSync(join(spec.jobDir, "release"), "");
      const done = await waitForState(launcher, launcherId, spec.jobDir, ["completed", "failed", "cancelled"]);
      expect(done).toMatchObject({ state: "completed", exitCode: 0 });
    });
  });
}
