/**
 * The Slurm launcher against a real single-node Slurm (slurmctld + slurmd + munged on loopback):
 * the conformance suite, the rendered batch script, and a requeued job resuming from its checkpoint.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScontrol, renderSbatchScript, slurmLauncher, statusFromScontrol } from "../../../trainers/launchers/slurm.ts";
import { startSlurmCluster, type SlurmCluster } from "../../support/slurm-cluster.ts";
import { describeLauncherConformance, makeJob, waitForFile, waitForState } from "./suite.ts";

let cluster: SlurmCluster | null = null;
async function ensureCluster(): Promise<SlurmCluster> {
  cluster ??= await startSlurmCluster();
  return cluster;
}

describeLauncherConformance("slurm", async () => {
  await ensureCluster();
  return { launcher: slurmLauncher };
});

describe("slurm launcher", () => {
  let root = "";
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "slurm-launcher-"));
    await ensureCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
    cluster = null;
    rmSync(root, { recursive: true, force: true });
  });

  test("a requeued job starts again and resumes from its last checkpoint", async () => {
    // A toy trainer: one step per 0.2 s, the step saved as its checkpoint, resumed from it on start.
    const spec = makeJob(
      root,
      "requeue",
      [
        "step=$(cat checkpoint 2>/dev/null || echo 0)",
        'echo "attempt ${SLURM_RESTART_COUNT:-0} resumed from step $step"',
        "while [ ! -f release ] || [ \"${SLURM_RESTART_COUNT:-0}\" = 0 ]; do step=$((step + 1)); echo $step > checkpoint; sleep 0.2; done",
        'echo "finished at step $step"',
      ].join("\n"),
    );
    const { launcherId, logs } = await slurmLauncher.submit(spec);
    await waitForFile(join(spec.jobDir, "checkpoint"), /^([3-9]|\d\d+)\n/);
    const requeue = Bun.spawnSync(["scontrol", "requeue", launcherId], { env: process.env });
    expect(requeue.exitCode).toBe(0);
    const out = await waitForFile(logs.stdout, /attempt 1 resumed from step (\d+)/);
    const resumedAt = Number(/attempt 1 resumed from step (\d+)/.exec(out)![1]);
    expect(resumedAt).toBeGreaterThanOrEqual(3);
    writeFileSync(join(spec.jobDir, "release"), "");
    const done = await waitForState(slurmLauncher, launcherId, spec.jobDir, ["completed", "failed", "cancelled"]);
    expect(done).toMatchObject({ state: "completed", exitCode: 0 });
    const finishedAt = Number(/finished at step (\d+)/.exec(readFileSync(logs.stdout, "utf8"))![1]);
    expect(finishedAt).toBeGreaterThan(resumedAt);
  });

  test("the batch script asks for the resources, requeue and USR1 before the time limit, and runs torchrun through srun on several GPUs", () => {
    const script = renderSbatchScript({
      jobId: "j1",
      name: "grpo-7b",
      jobDir: "/jobs/j1",
      script: "/jobs/j1/run.sh",
      env: { PYTHONPATH: "/repo/trainers/python" },
      python: "/venv/bin/python",
      resources: { nodes: 2, gpusPerNode: 8, cpusPerTask: 32, mem: "512G", time: "12:00:00", partition: "gpu", account: "research" },
    });
    for (const line of ["--nodes=2", "--gpus-per-node=8", "--cpus-per-task=32", "--mem=512G", "--time=12:00:00", "--partition=gpu", "--account=research", "--requeue", "--signal=B:USR1@120"]) {
      expect(script).toContain(`#SBATCH ${line}\n`);
    }
    expect(script).toContain("scontrol requeue");
    expect(script).toMatch(/CODEJUDGE_LAUNCH='srun .* \/venv\/bin\/python -m torch\.distributed\.run --nnodes=2 --nproc_per_node=8 /);
  });

  test("scontrol's job line maps to the job's state and exit code", () => {
    const line = "JobId=7 JobName=x JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 ExitCode=3:0";
    expect(statusFromScontrol(parseScontrol(line))).toEqual({ state: "failed", exitCode: 3, detail: "FAILED NonZeroExitCode" });
    expect(statusFromScontrol(parseScontrol("JobId=8 JobState=PENDING Reason=BeginTime ExitCode=0:0"))?.state).toBe("pending");
    expect(statusFromScontrol(parseScontrol("JobId=9 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15"))).toMatchObject({ state: "failed", exitCode: 143 });
  });
});
