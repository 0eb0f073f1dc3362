/**
 * The shipped Slurm fleet on a real single-node Slurm (munged, slurmctld, slurmd on loopback):
 * fleet/up.ts submits piston-fleet.sbatch as an array of two tasks (two `serve --piston` on the one
 * node, free ports, a bearer token from the environment), `bun run eval --judge piston` reads the
 * endpoints file they fill and reproduces the local judge's per-sample verdicts, and scancel takes
 * both servers down and out of the endpoints file. A fleet whose server cannot start makes up.ts
 * fail with the job id, the task's log saying why.
 */
import { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_PROBLEMS_PATH, BUILTIN_SAMPLES_DIR } from "../../../../datasets/builtin/index.ts";
import { isHealthy, readEndpointUrls } from "../../../../harness/piston-server/fleet/endpoints-health.ts";
import { REPO_ROOT, parseOneJson, runCli } from "../../../support/cli.ts";
import { startSlurmCluster, type SlurmCluster } from "../../../support/slurm-cluster.ts";
import { sharedTestCacheDir } from "../../../support/test-cache.ts";

const TOKEN = "fleet-test-token-of-32-characters";
// Four stdio problems whose 12 sloppy-coder samples span AC, WA, TLE, MLE, RE, CE, OLE and no code.
const PROBLEMS = ["builtin/sum-of-array", "builtin/reverse-string", "builtin/gcd-lcm", "builtin/count-primes"];

let cluster: SlurmCluster;
let dir = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "piston-fleet-"));
  cluster = await startSlurmCluster();
});
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function writeSubset(): { dataset: string; samples: string } {
  const problems = readFileSync(BUILTIN_PROBLEMS_PATH, "utf8").split("\n").filter((l) => PROBLEMS.includes((JSON.parse(l || "{}") as { id?: string }).id ?? ""));
  const samples = readFileSync(join(BUILTIN_SAMPLES_DIR, "sloppy-coder.jsonl"), "utf8").split("\n").filter((l) => l && PROBLEMS.includes((JSON.parse(l) as { problem_id: string }).problem_id));
  writeFileSync(join(dir, "problems.jsonl"), `${problems.join("\n")}\n`);
  writeFileSync(join(dir, "samples.jsonl"), `${samples.join("\n")}\n`);
  return { dataset: join(dir, "problems.jsonl"), samples: join(dir, "samples.jsonl") };
}

/** Each sample's verdict and tests passed, in samples-file order, as the eval stored them. */
function storedVerdicts(db: string): { sample_index: number; verdict: string; passed: number }[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.query("SELECT sample_index, verdict, passed FROM samples ORDER BY sample_index").all() as { sample_index: number; verdict: string; passed: number }[];
  } finally {
    conn.close();
  }
}

async function squeueIds(): Promise<string> {
  const proc = Bun.spawn(["squeue", "-h", "-o", "%i"], { env: process.env, stdout: "pipe" });
  const out = await new Response(proc.stdout).text();
  await proc.exited;
  return out.trim();
}

describe("the Slurm judging fleet (piston-fleet.sbatch)", () => {
  test("two array tasks serve --piston, eval through their endpoints file matches the local judge, and scancel stops and unlists both", async () => {
    const { dataset, samples } = writeSubset();
    const endpointsFile = join(dir, "fleet.endpoints");
    // Both tasks on the one 2-CPU node: one CPU each, a free port each (PISTON_FLEET_PORT=0).
    const up = Bun.spawn(["bun", join(REPO_ROOT, "harness/piston-server/fleet/up.ts"), "--servers", "2", "--endpoints", endpointsFile, "--sbatch-arg=--cpus-per-task=1", "--timeout-s", "300", "--json"], {
      cwd: dir,
      env: { ...process.env, PISTON_FLEET_PORT: "0", HARNESS_PISTON_SERVER_TOKEN: TOKEN, HARNESS_JUDGE_CACHE: sharedTestCacheDir() },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [upOut, upErr, upCode] = await Promise.all([new Response(up.stdout).text(), new Response(up.stderr).text(), up.exited]);
    expect({ upCode, upErr }).toMatchObject({ upCode: 0 });
    const fleet = JSON.parse(upOut) as { jobId: string; endpoints: string[] };
    expect(fleet.endpoints).toHaveLength(2);
    expect(new Set(fleet.endpoints.map((u) => new URL(u).port)).size).toBe(2);
    for (const url of fleet.endpoints) expect(new URL(url).hostname).toBe("127.0.0.1");
    // The token came from the environment: the servers refuse a request without it.
    const refused = await fetch(`${fleet.endpoints[0]}/api/v2/runtimes`);
    expect(refused.status).toBe(401);

    const common = ["eval", "--dataset", dataset, "--samples", samples, "--json", "--quiet", "--concurrency", "4"];
    const viaFleet = await runCli([...common, "--name", "fleet", "--db", join(dir, "fleet.db"), "--judge", "piston", "--judge-opt", `endpoints-file=${endpointsFile}`, "--judge-opt", `token=${TOKEN}`]);
    expect(viaFleet.code).toBe(0);
    const local = await runCli([...common, "--name", "local", "--db", join(dir, "local.db")]);
    expect(local.code).toBe(0);
    const fleetSummary = parseOneJson<{ samples: number; verdicts: Record<string, number> }>(viaFleet);
    expect(fleetSummary.samples).toBe(readFileSync(samples, "utf8").trim().split("\n").length);
    expect(fleetSummary.verdicts.SE ?? 0).toBe(0);
    expect(storedVerdicts(join(dir, "fleet.db"))).toEqual(storedVerdicts(join(dir, "local.db")));

    const cancel = Bun.spawnSync(["scancel", fleet.jobId], { env: process.env });
    expect(cancel.exitCode).toBe(0);
    while ((await squeueIds()) !== "") await Bun.sleep(200);
    for (const url of fleet.endpoints) expect(await isHealthy(url, 1000)).toBe(false);
    // Each task took its own line out before stopping, so the file lists no dead server.
    expect(readEndpointUrls(endpointsFile)).toEqual([]);
  }, 600_000);

  test("up.ts fails naming the job when its server refuses to start (off loopback without a token)", async () => {
    const up = Bun.spawn(["bun", join(REPO_ROOT, "harness/piston-server/fleet/up.ts"), "--servers", "1", "--endpoints", join(dir, "refused.endpoints"), "--sbatch-arg=--cpus-per-task=1", "--timeout-s", "300"], {
      cwd: dir,
      env: { ...process.env, PISTON_FLEET_HOST: "0.0.0.0", PISTON_FLEET_PORT: "0", HARNESS_PISTON_SERVER_TOKEN: "" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stderr, code] = await Promise.all([new Response(up.stderr).text(), up.exited]);
    expect(code).toBe(1);
    const jobId = /job (\d+) ended with 0 of 1 endpoints healthy/.exec(stderr)?.[1];
    expect(jobId).toBeDefined();
    // The task's log says why: serve --piston's refusal, then the template's own line.
    const log = readFileSync(join(dir, `piston-fleet-${jobId}_0.log`), "utf8");
    expect(log).toContain("refusing to listen on 0.0.0.0 without an access token");
    expect(log).toContain("exited before it listened");
  }, 300_000);
});
