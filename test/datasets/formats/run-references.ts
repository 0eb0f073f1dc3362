/**
 * Runs each problem's reference solution followed by its test_code in one /usr/bin/python3
 * process and returns the ids whose tests raised. The code is the dataset's own reference
 * code, never model output, so it runs outside the sandbox.
 */
import type { Problem } from "../../../datasets/types.ts";
import { IN_PROCESS_CANDIDATE } from "./python-run.ts";

const RUNNER = `
import json, sys
failed = []
for p in json.load(sys.stdin):
    try:
        exec(compile(p["code"], p["id"], "exec"), {"__name__": "__main__"})
    except BaseException:
        failed.append(p["id"])
print(json.dumps(failed))
`;

/** Ids of the function-mode problems whose first Python reference solution fails its own test_code. */
export async function findFailingReferences(problems: Problem[]): Promise<string[]> {
  const programs = problems.map((p) => {
    const reference = p.solutions?.find((s) => s.language === "python");
    if (!reference || p.test_code === undefined) throw new Error(`${p.id} has no Python reference or no test_code`);
    return { id: p.id, code: `${reference.code}\n${IN_PROCESS_CANDIDATE}\n${p.test_code}` };
  });
  const proc = Bun.spawn(["/usr/bin/python3", "-c", RUNNER], {
    stdin: new Blob([JSON.stringify(programs)]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`python3 runner failed (${code}): ${err}`);
  return JSON.parse(out) as string[];
}
