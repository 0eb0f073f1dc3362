/**
 * The layering rules in .dependency-cruiser.cjs, run on a small tree written for the purpose: each
 * forbidden import must be reported under its rule's name, and each allowed one not at all. This
 * tests the rules themselves; CI checks the real tree with `bun run depcruise`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const REPO = join(import.meta.dir, "..");

/** Each file imports the files listed; `type` imports are type-only. */
const TREE: Record<string, { imports?: string[]; typeImports?: string[] }> = {
  "judges/types.ts": {},
  "judges/a.ts": { typeImports: ["./b.ts"] },
  "judges/b.ts": { typeImports: ["./a.ts"] },
  "judges/up.ts": { imports: ["../datasets/load.ts"] },
  "judges/local/index.ts": { imports: ["./run.ts", "../types.ts"] },
  "judges/local/run.ts": {},
  "judges/piston/index.ts": { imports: ["../local/run.ts"] },
  "judges/tool-runner.ts": {},
  "judges/local/tool-runner.ts": { imports: ["../tool-runner.ts"] },
  "judges/wasm/index.ts": { imports: ["../tool-runner.ts", "../local/tool-runner.ts"] },
  "datasets/load.ts": { imports: ["../judges/types.ts"] },
  "datasets/up.ts": { imports: ["../harness/eval/run-eval.ts"] },
  "harness/cli/backends.ts": { imports: ["../../judges/local/index.ts"] },
  "harness/cli/serve-command.ts": { imports: ["../../reports/serve-command.ts"] },
  "harness/cli/peek.ts": { imports: ["../../reports/views/page.ts"] },
  "harness/cli/train-command.ts": { imports: ["../../trainers/grpo.ts"] },
  "harness/eval/run-eval.ts": { imports: ["../../datasets/load.ts", "../cli/backends.ts"] },
  "harness/eval/sneaky.ts": { imports: ["../../judges/local/index.ts"] },
  "harness/eval/train-hook.ts": { imports: ["../../trainers/grpo.ts"] },
  "harness/store/db.ts": {},
  "reports/serve-command.ts": { imports: ["./views/page.ts"] },
  "reports/views/page.ts": { imports: ["../../harness/store/db.ts", "../../judges/types.ts"] },
  "reports/views/rerun.ts": { imports: ["../../harness/eval/run-eval.ts"] },
  "trainers/grpo.ts": { imports: ["../harness/eval/run-eval.ts", "../datasets/load.ts"] },
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

let root = "";
let violations: Violation[] = [];

/** The violations reported for imports from `from`, as "rule: to". */
function reportedFor(from: string): string[] {
  return violations.filter((v) => v.from === from).map((v) => `${v.rule.name}: ${v.to}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "dependency-rules-"));
  for (const [path, { imports = [], typeImports = [] }] of Object.entries(TREE)) {
    const lines = [
      ...typeImports.map((t, i) => `import type { T${i} } from "${t}";`),
      ...imports.map((m, i) => `import * as m${i} from "${m}";`),
      `export type T0 = number;`,
      `export const used = [${imports.map((_, i) => `m${i}`).join(", ")}];`,
    ];
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${lines.join("\n")}\n`);
  }
  const proc = Bun.spawn({
    cmd: [join(REPO, "node_modules/.bin/depcruise"), "--config", join(REPO, ".dependency-cruiser.cjs"), "--output-type", "json", "harness", "judges", "datasets", "reports", "trainers"],
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (!out.trim()) throw new Error(`depcruise printed nothing (exit ${proc.exitCode}): ${err}`);
  violations = (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("dependency rules", () => {
  test("an import from a lower layer into a higher one is reported under the lower layer's rule", () => {
    expect(reportedFor("judges/up.ts")).toEqual(["judges-imports-nothing-above: datasets/load.ts"]);
    expect(reportedFor("datasets/up.ts")).toEqual(["datasets-imports-only-judges: harness/eval/run-eval.ts"]);
    expect(reportedFor("harness/cli/peek.ts")).toEqual(["harness-imports-nothing-above: reports/views/page.ts"]);
  });

  test("a cycle made only of type imports is reported as no-circular", () => {
    // A cycle is reported once, from whichever of its files the cruise met first.
    const cycles = violations.filter((v) => v.rule.name === "no-circular");
    expect(cycles.length).toBe(1);
    expect([cycles[0]?.from, ...(cycles[0]?.cycle ?? []).map((c) => c.name)].sort()).toEqual(["judges/a.ts", "judges/a.ts", "judges/b.ts"]);
  });

  test("only the backend registry imports a concrete backend, and backends do not import each other", () => {
    expect(reportedFor("harness/cli/backends.ts")).toEqual([]);
    expect(reportedFor("judges/local/index.ts")).toEqual([]);
    expect(reportedFor("harness/eval/sneaky.ts")).toEqual(["only-backend-registry-wires-backends: judges/local/index.ts"]);
    expect(reportedFor("judges/piston/index.ts")).toEqual(["backends-stay-apart: judges/local/run.ts"]);
  });

  test("a backend uses another's machinery only through a contract in judges/ that the registry fills in", () => {
    expect(reportedFor("judges/local/tool-runner.ts")).toEqual([]);
    expect(reportedFor("judges/wasm/index.ts")).toEqual(["backends-stay-apart: judges/local/tool-runner.ts"]);
  });

  test("reports reads the store and judges' types but not the eval runner", () => {
    expect(reportedFor("reports/views/page.ts")).toEqual([]);
    expect(reportedFor("reports/views/rerun.ts")).toEqual(["reports-reads-storage-only: harness/eval/run-eval.ts"]);
  });

  test("trainers may use harness and datasets, and only the CLI imports them", () => {
    expect(reportedFor("trainers/grpo.ts")).toEqual([]);
    expect(reportedFor("harness/cli/train-command.ts")).toEqual([]);
    expect(reportedFor("harness/eval/train-hook.ts")).toEqual(["nothing-imports-trainers: trainers/grpo.ts"]);
  });

  test("the CLI starts the viewer through its entry point and that import alone", () => {
    expect(reportedFor("harness/cli/serve-command.ts")).toEqual([]);
    expect(reportedFor("harness/eval/run-eval.ts")).toEqual([]);
    expect(reportedFor("datasets/load.ts")).toEqual([]);
  });
});
