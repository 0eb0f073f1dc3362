/**
 * Starts a judging fleet on Slurm and waits until it answers:
 *
 *   bun harness/piston-server/fleet/up.ts --servers 4 --endpoints /shared/fleet.endpoints \
 *     [--sbatch-arg=--exclusive --sbatch-arg=--partition=cpu] [--timeout-s 600] [--json]
 *
 * It empties the endpoints file (a stale one would list dead servers), submits piston-fleet.sbatch
 * as an array of --servers tasks, and returns once that many listed endpoints answer /health,
 * printing the job id to scancel later. Exit 1 if the job ends first or the timeout passes.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { healthyEndpoints } from "./endpoints-health.ts";

const TEMPLATE = join(import.meta.dir, "piston-fleet.sbatch");
const REPO = resolve(import.meta.dir, "..", "..", "..");

function fail(message: string): never {
  process.stderr.write(`fleet up: ${message}\n`);
  process.exit(1);
}

function runSlurm(cmd: string[], env: Record<string, string | undefined> = process.env): string {
  const r = Bun.spawnSync(cmd, { env, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) fail(`${cmd.join(" ")} failed (exit ${r.exitCode}): ${r.stderr.toString().trim()}`);
  return r.stdout.toString().trim();
}

const { values } = parseArgs({
  options: {
    servers: { type: "string" },
    endpoints: { type: "string" },
    "timeout-s": { type: "string", default: "600" },
    "sbatch-arg": { type: "string", multiple: true, default: [] },
    json: { type: "boolean", default: false },
  },
});
const servers = Number(values.servers);
if (!Number.isInteger(servers) || servers <= 0) fail(`--servers: expected a positive integer, got '${values.servers ?? ""}'`);
if (!values.endpoints) fail("--endpoints FILE is required (a path every node can reach)");
const timeoutS = Number(values["timeout-s"]);
if (!(timeoutS > 0)) fail(`--timeout-s: expected a positive number, got '${values["timeout-s"]}'`);
const endpoints = resolve(values.endpoints);

writeFileSync(endpoints, "");
const env = { ...process.env, PISTON_FLEET_ENDPOINTS: endpoints, HARNESS_REPO: process.env.HARNESS_REPO ?? REPO };
const jobId = runSlurm(["sbatch", "--parsable", `--array=0-${servers - 1}`, ...values["sbatch-arg"], TEMPLATE], env).split(";")[0]!;
process.stderr.write(`fleet up: job ${jobId} submitted, waiting for ${servers} endpoints in ${endpoints}\n`);

const deadline = Date.now() + timeoutS * 1000;
let healthy: string[] = [];
for (;;) {
  healthy = await healthyEndpoints(endpoints);
  if (healthy.length >= servers) break;
  // squeue lists the array's tasks until they end; none left means the fleet died while starting.
  if (runSlurm(["squeue", "-h", "-j", jobId, "-o", "%i"]) === "") fail(`job ${jobId} ended with ${healthy.length} of ${servers} endpoints healthy; see its piston-fleet-${jobId}_*.log`);
  if (Date.now() > deadline) fail(`${healthy.length} of ${servers} endpoints healthy after ${timeoutS} s; job ${jobId} left running (scancel ${jobId})`);
  await Bun.sleep(1000);
}

if (values.json) process.stdout.write(`${JSON.stringify({ jobId, endpointsFile: endpoints, endpoints: healthy })}\n`);
else {
  process.stdout.write(`job ${jobId}: ${healthy.length} endpoints healthy\n${healthy.map((u) => `  ${u}\n`).join("")}`);
  process.stdout.write(`judge with: --judge piston --judge-opt endpoints-file=${endpoints} --judge-opt token=…\nstop with:  scancel ${jobId}\n`);
}
