/**
 * The sft-reweight adapter's strict `sft` section must name exactly the keys the Python package
 * knows (codejudge_train.sft.SFT_DEFAULTS): the package refuses unknown keys too, so a key added on
 * one side only would pass one check and fail the other.
 */
import { expect, test } from "bun:test";
import { join } from "node:path";
import type { z } from "zod";
import { sftReweight } from "../../../trainers/adapters/sft-reweight.ts";

const PACKAGE_ROOT = join(import.meta.dir, "../../../trainers/python");
const PYTHON = process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3";

function schemaSftKeys(): string[] {
  const sft = (sftReweight.schema as unknown as z.ZodObject).shape.sft as z.ZodDefault<z.ZodObject>;
  return Object.keys(sft.unwrap().shape).sort();
}

test("the adapter's sft keys are the Python package's SFT_DEFAULTS keys", async () => {
  // sft.py imports only torch and the package, so this runs wherever the package's tests run.
  const proc = Bun.spawn([PYTHON, "-B", "-c", "import json; from codejudge_train.sft import SFT_DEFAULTS; print(json.dumps(sorted(SFT_DEFAULTS)))"], {
    cwd: PACKAGE_ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`python exited ${code}: ${err.slice(-2000)}`);
  expect(schemaSftKeys()).toEqual(JSON.parse(out));
}, 60_000);

test("sft.packing takes a boolean and nothing else", () => {
  const base = { model: { name: "tiny" }, data: { train: "sft.jsonl" } };
  expect(sftReweight.schema.safeParse({ ...base, sft: { packing: true } }).success).toBe(true);
  expect(sftReweight.schema.safeParse({ ...base, sft: { packing: "yes" } }).success).toBe(false);
  expect(sftReweight.schema.safeParse({ ...base, sft: { pack: true } }).success).toBe(false);
});
