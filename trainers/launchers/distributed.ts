/**
 * How the package is started: plain `python`, or torchrun (`python -m torch.distributed.run`, so the
 * job's own interpreter is used) when the job has several GPUs; on Slurm, one torchrun per node
 * through `srun`, meeting at the first node of the allocation. The job script runs
 * `$CODEJUDGE_LAUNCH -m codejudge_train ...`.
 */
import type { Resources } from "../types.ts";
import { shellQuote } from "./wrapper.ts";

/** Port torchrun's rendezvous listens on (on the first node). */
export const RDZV_PORT = 29500;

export function launchPrefix(python: string, r: Resources, launcher: "local" | "slurm"): string {
  const py = shellQuote(python);
  const procs = r.gpusPerNode;
  if (r.nodes * procs <= 1) return py;
  if (launcher === "local") return `${py} -m torch.distributed.run --standalone --nnodes=1 --nproc_per_node=${procs}`;
  return [
    "srun --ntasks-per-node=1 --kill-on-bad-exit=1",
    `${py} -m torch.distributed.run --nnodes=${r.nodes} --nproc_per_node=${procs}`,
    `--rdzv_id=$SLURM_JOB_ID --rdzv_backend=c10d --rdzv_endpoint=$CODEJUDGE_MASTER:${RDZV_PORT}`,
  ].join(" ");
}
