/**
 * `bun run eval --judge piston` against a fleet sizes its run slots, and its default number of
 * samples in flight, from the endpoints' total concurrency, not from this machine's cores: two
 * counting gateways on loopback (in front of one real `serve --piston`) hold each of the eval's
 * executes until as many as the fleet takes are in flight at once, and record the most they saw.
 * A gateway also lets a held execute go after a while, so an eval that never fills the fleet still
 * ends, and the count shows how far it got.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";

const dir = mkdtempSync(join(tmpdir(), "eval-piston-fleet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Marks the eval's programs, so the self-test's executes pass the gateways unheld. */
const MARK = "fleet-sample";

/** Counts executes carrying MARK in flight through every gateway together; holds each until `target` are. */
function createGate(target: number) {
  let inFlight = 0;
  let most = 0;
  let waiters: (() => void)[] = [];
  return {
    most: () => most,
    async hold<T>(work: () => Promise<T>): Promise<T> {
      inFlight++;
      most = Math.max(most, inFlight);
      if (inFlight >= target) {
        for (const w of waiters) w();
        waiters = [];
      } else {
        // Liveness only: the assertion is on the count, never on this delay.
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 1500);
        });
      }
      try {
        return await work();
      } finally {
        inFlight--;
      }
    },
  };
}

function startGateway(upstream: string, gate: ReturnType<typeof createGate>) {
  return Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body = req.method === "POST" ? await req.text() : undefined;
      const forward = async () => {
        const r = await fetch(`${upstream}${url.pathname}`, { method: req.method, headers: req.headers, body });
        return new Response(await r.arrayBuffer(), { status: r.status, headers: r.headers });
      };
      return url.pathname === "/api/v2/execute" && body?.includes(MARK) ? gate.hold(forward) : forward();
    },
  });
}

describe("bun run eval --judge piston against a fleet", () => {
  test("keeps as many executes in flight as the endpoints' concurrency adds up to, more than this machine's cores", async () => {
    const perEndpoint = availableParallelism() + 1;
    const fleet = 2 * perEndpoint;
    const server = await startTestPistonServer();
    const gate = createGate(fleet);
    const gateways = [startGateway(server.url, gate), startGateway(server.url, gate)];
    try {
      const problem = { id: "fleet/echo", source: "fleet", mode: "stdio", languages: ["python"], time_limit_ms: 2000, memory_limit_mb: 256, checker: { type: "tokens" }, statement: "Print the number.", tests: [{ input: "7\n", output: "7\n", kind: "public" }] };
      const dataset = join(dir, "problems.jsonl");
      const samples = join(dir, "samples.jsonl");
      writeFileSync(dataset, `${JSON.stringify(problem)}\n`);
      // Distinct programs: identical samples would wait on one another instead of running.
      const count = 3 * fleet;
      const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ problem_id: problem.id, completion: `\`\`\`python\n# ${MARK} ${i}\nprint(input())\n\`\`\`\n`, model: "m" }));
      writeFileSync(samples, `${lines.join("\n")}\n`);
      const urls = gateways.map((g) => `http://127.0.0.1:${g.port}*${perEndpoint}`).join(",");
      const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--name", "fleet", "--db", join(dir, "f.db"), "--json", "--quiet", "--judge", "piston", "--judge-opt", `piston=${urls}`]);
      expect(r.code).toBe(0);
      const out = parseOneJson<{ samples: number; verdicts: Record<string, number> }>(r);
      expect(out.samples).toBe(count);
      expect(out.verdicts.AC).toBe(count);
      expect(gate.most()).toBe(fleet);
      expect(gate.most()).toBeGreaterThan(availableParallelism());
    } finally {
      for (const g of gateways) g.stop(true);
      await server.stop();
    }
  }, 300_000);
});
