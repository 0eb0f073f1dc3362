/**
 * Paths of the real published datasets that ship with the repository (unmodified; sources and
 * licences in test/datasets/fixtures/real/README.md), so tests never depend on a folder beside it.
 */
import { join } from "node:path";

export const REAL_DATA_DIR = join(import.meta.dir, "..", "datasets", "fixtures", "real");
export const HUMANEVAL_GZ = join(REAL_DATA_DIR, "HumanEval.jsonl.gz");
export const MBPPPLUS_GZ = join(REAL_DATA_DIR, "MbppPlus.jsonl.gz");
export const GSM8K_TEST_JSONL = join(REAL_DATA_DIR, "gsm8k-test.jsonl");
