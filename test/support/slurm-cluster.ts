/**
 * A real single-node Slurm cluster on loopback for tests: munged with its own key and socket,
 * slurmctld and slurmd with a generated slurm.conf, everything in a temporary folder. Slurm's
 * client commands find it through SLURM_CONF, which start() sets in this process's environment.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SlurmCluster {
  dir: string;
  conf: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

async function run(cmd: string[], env: Record<string, string> = {}): Promise<string> {
  const proc = Bun.spawn({ cmd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`${cmd.join(" ")} failed (exit ${code}): ${err}${out}`);
  return out;
}

function readPid(path: string): number | null {
  try {
    return Number(readFileSync(path, "utf8").trim()) || null;
  } catch {
    return null;
  }
}

/** Starts munged, slurmctld and slurmd; resolves once the node accepts jobs. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), "slurm-test-"));
  for (const d of ["state", "spool", "log"]) mkdirSync(join(dir, d));
  const key = join(dir, "munge.key");
  const socket = join(dir, "munge.sock");
  await run(["mungekey", "--create", `--keyfile=${key}`, "--bits=1024"]);
  await run(["munged", "--force", `--key-file=${key}`, `--socket=${socket}`, `--log-file=${join(dir, "log", "munged.log")}`, `--pid-file=${join(dir, "munged.pid")}`, `--seed-file=${join(dir, "munged.seed")}`]);
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, "slurm.conf");
  writeFileSync(
    conf,
    [
      "ClusterName=codejudge-test",
      "SlurmctldHost=localhost",
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      // The daemons run as whoever runs the tests (root in CI).
      `SlurmUser=${Bun.spawnSync(["id", "-un"]).stdout.toString().trim()}`,
      "AuthType=auth/munge",
      // Requeued jobs wait cred_expire+1 s before they may start again (120 s by default; 5 is the minimum).
      `AuthInfo=socket=${socket},cred_expire=5`,
      "CredType=cred/munge",
      `StateSaveLocation=${join(dir, "state")}`,
      `SlurmdSpoolDir=${join(dir, "spool")}`,
      `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
      `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
      `SlurmctldLogFile=${join(dir, "log", "slurmctld.log")}`,
      `SlurmdLogFile=${join(dir, "log", "slurmd.log")}`,
      // No cgroups needed: plain process tracking, no task binding.
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "MpiDefault=none",
      "SchedulerType=sched/builtin",
      // A requeued job becomes eligible after its BeginTime; only the periodic pass starts it (60 s by default).
      "SchedulerParameters=sched_interval=1",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_Core",
      "ReturnToService=2",
      "JobRequeue=1",
      "AccountingStorageType=accounting_storage/none",
      "JobAcctGatherType=jobacct_gather/none",
      "MinJobAge=300",
      "KillWait=2",
      "NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN",
      "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
      "",
    ].join("\n"),
  );
  process.env.SLURM_CONF = conf;
  await run(["slurmctld", "-f", conf, "-i"]);
  await run(["slurmd", "-f", conf]);
  // The node registers within a moment; poll sinfo until it is idle.
  for (let i = 0; i < 300; i++) {
    const state = (await run(["sinfo", "-h", "-o", "%t"])).trim();
    if (state === "idle") break;
    await Bun.sleep(100);
  }
  return {
    dir,
    conf,
    async stop() {
      // Jobs first: slurmstepd outlives slurmd, so a job left running would outlive the cluster.
      const jobs = (await run(["squeue", "-h", "-o", "%i"]).catch(() => "")).split("\n").filter(Boolean);
      if (jobs.length > 0) await run(["scancel", ...jobs]).catch(() => "");
      for (let i = 0; i < 100 && (await run(["squeue", "-h", "-o", "%i"]).catch(() => "")).trim() !== ""; i++) await Bun.sleep(100);
      for (const pidFile of ["slurmd.pid", "slurmctld.pid", "munged.pid"]) {
        const pid = readPid(join(dir, pidFile));
        if (!pid) continue;
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          continue;
        }
        for (let i = 0; i < 100; i++) {
          try {
            process.kill(pid, 0);
          } catch {
            break;
          }
          await Bun.sleep(50);
        }
      }
      delete process.env.SLURM_CONF;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
