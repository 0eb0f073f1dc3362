/**
 * The workload of `bench --rewards`: 32 small stdio problems and, per batch, a GRPO group of 8
 * completions per problem with a realistic verdict mix (right, wrong, overfit to the public
 * tests, crashing, spinning, not compiling, no code) and duplicates within groups, as sampled
 * rollouts repeat themselves. Every completion is real code the real judge runs.
 */
import type { Problem } from "../../datasets/types.ts";
import { createRng } from "../metrics/confidence.ts";

/** What a completion was written to do; the bench tallies verdicts against it. */
export type Intent = "AC" | "WA" | "OVERFIT" | "RE" | "TLE" | "CE" | "CPP_AC" | "CPP_CE" | "NO_CODE";

/** Share of each intent among distinct completions (sums to 1). */
export const INTENT_MIX: readonly [Intent, number][] = [
  ["AC", 0.33],
  ["WA", 0.2],
  ["OVERFIT", 0.1],
  ["RE", 0.08],
  ["TLE", 0.03],
  ["CE", 0.07],
  ["CPP_AC", 0.06],
  ["CPP_CE", 0.03],
  ["NO_CODE", 0.1],
];

/** Chance that a completion repeats an earlier one of its group verbatim. */
export const DUPLICATE_RATE = 0.25;

const INPUTS = [1, 2, 3, 10, 1000];

/** The bench problems: problem k prints n·k + (k mod 5); the first two tests are public. */
export function createBenchProblems(count = 32): Problem[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + 1;
    return {
      id: `bench-${k}`,
      statement: `Read n and print n*${k}+${k % 5}.`,
      mode: "stdio",
      tests: INPUTS.map((n, t) => ({ input: `${n}\n`, output: `${n * k + (k % 5)}\n`, kind: t < 2 ? "public" : "private" })),
      time_limit_ms: 500,
      memory_limit_mb: 256,
      checker: { type: "tokens" },
      languages: ["python", "cpp"],
      source: "bench",
      difficulty: "A",
      tags: [],
    };
  });
}

function pickIntent(r: number): Intent {
  let acc = 0;
  for (const [intent, share] of INTENT_MIX) {
    acc += share;
    if (r < acc) return intent;
  }
  return "AC";
}

/** The source a completion of this intent carries for problem k; `tag` makes it distinct. */
export function writeCompletion(intent: Intent, k: number, tag: string): string {
  const c = k % 5;
  const py = (body: string) => `Here is my solution.\n\`\`\`python\n# intent: ${intent} ${tag}\n${body}\`\`\`\n`;
  const cpp = (body: string) => `Solution:\n\`\`\`cpp\n// intent: ${intent} ${tag}\n${body}\`\`\`\n`;
  switch (intent) {
    case "AC":
      return py(`n = int(input())\nprint(n * ${k} + ${c})\n`);
    case "WA":
      return py(`n = int(input())\nprint(n * ${k} + ${c + 1})\n`);
    case "OVERFIT":
      return py(`n = int(input())\nprint({1: ${k + c}, 2: ${2 * k + c}}.get(n, 0))\n`);
    case "RE":
      return py(`n = int(input())\nprint(n * ${k} // (n - n))\n`);
    case "TLE":
      return py(`n = int(input())\nwhile True:\n    n += 1\n`);
    case "CE":
      return py(`def main(:\n    print(${k})\n`);
    case "CPP_AC":
      return cpp(`#include <cstdio>\nint main() { long long n; if (scanf("%lld", &n) != 1) return 1; printf("%lld\\n", n * ${k} + ${c}); }\n`);
    case "CPP_CE":
      return cpp(`int main() { return ${k} }\n`);
    case "NO_CODE":
      return `I would multiply n by ${k} and add ${c}. (${tag})`;
  }
}

export interface BenchItem {
  id: string;
  problem_id: string;
  completion: string;
  intent: Intent;
}

/** One batch: `groupSize` completions for each problem, fresh per batch index (no cross-batch cache hits). */
export function createBenchBatch(problems: readonly Problem[], batchIndex: number, groupSize = 8): BenchItem[] {
  // Seeded (the bootstrap's mulberry32), so every bench run sends the same workload.
  const rand = createRng(0x5eed + batchIndex * 7919);
  const items: BenchItem[] = [];
  problems.forEach((p, pi) => {
    const k = pi + 1;
    const group: BenchItem[] = [];
    for (let g = 0; g < groupSize; g++) {
      const id = `${batchIndex}-${pi}-${g}`;
      const prev = group[Math.floor(rand() * group.length)];
      if (prev && rand() < DUPLICATE_RATE) {
        group.push({ ...prev, id });
        continue;
      }
      const intent = pickIntent(rand());
      group.push({ id, problem_id: p.id, intent, completion: writeCompletion(intent, k, `b${batchIndex}g${g}`) });
    }
    items.push(...group);
  });
  return items;
}
