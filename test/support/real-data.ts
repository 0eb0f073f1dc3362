/**
 * Paths of the real published datasets that ship with the repository (unmodified; sources and
 * licences in test/datasets/fixtures/real/README.md), so tests never depend on a folder beside it.
 */
import { join } from "node:path";

export const REAL_DATA_DIR = join(import.meta.dir, "..", "datasets", "fixtures", "real");
export const HUMANEVAL_GZ = join(REAL_DATA_DIR, "HumanEval.jsonl.gz");
export const MBPPPLUS_GZ = join(REAL_DATA_DIR, "MbppPlus.jsonl.gz");
export const GSM8K_TEST_JSONL = join(REAL_DATA_DIR, "gsm8k-test.jsonl");
/** rllm (agentica-project/rllm) test sets: leetcode whole (gzip of the published bytes), rows cut from codeforces and code_contests. */
export const RLLM_LEETCODE_GZ = join(REAL_DATA_DIR, "rllm-leetcode-test.json.gz");
export const RLLM_CODEFORCES_ROWS = join(REAL_DATA_DIR, "rllm-codeforces-test-rows.json");
export const RLLM_CODE_CONTESTS_ROWS = join(REAL_DATA_DIR, "rllm-code_contests-test-rows.json");
