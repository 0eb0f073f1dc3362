/** The real SampleJudge (extraction + grader + local bubblewrap sandbox) for end-to-end tests. */
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { Sandbox } from "../../../judges/types.ts";
import { createSampleJudge } from "../../../harness/eval/judge-sample.ts";
import type { SampleJudge } from "../../../harness/types.ts";

/** Creates the judge; the compile cache (and C++ precompiled header) is shared under .harness/cache. */
export function createRealJudge(opts: { allTests?: boolean } = {}): { judge: SampleJudge; sandbox: Sandbox } {
  const sandbox = createLocalSandbox(process.env.REWARDS_TEST_CACHE ? { cacheDir: process.env.REWARDS_TEST_CACHE } : {});
  const judge = createSampleJudge({ sandbox, makeChecker: (spec) => createChecker(spec, { sandbox }), allTests: opts.allTests ?? false });
  return { judge, sandbox };
}
