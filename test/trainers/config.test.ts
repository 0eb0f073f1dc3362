/** Training configs: validation errors name the file, line and key; the example configs validate. */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADAPTERS, getAdapter } from "../../trainers/adapters/index.ts";
import { loadTrainConfig } from "../../trainers/config.ts";
import { resourcesOf } from "../../trainers/train.ts";

const EXAMPLES = join(import.meta.dir, "..", "..", "trainers", "examples");

function writeConfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "train-config-")), "config.yaml");
  writeFileSync(path, text);
  return path;
}

const MINIMAL = "model: {name: tiny}\ndata: {train: prompts.jsonl}\n";

describe("training config", () => {
  test("a misspelt key is reported with the file, its line and its full key path", () => {
    const path = writeConfig(`${MINIMAL}grpo:\n  num_generations: 4\n  epsilonn: 0.2\n`);
    expect(() => loadTrainConfig(path, getAdapter("grpo-tinylora").schema)).toThrow(`${path}:5: grpo.epsilonn: unknown key`);
  });

  test("a value of the wrong type names its key and line", () => {
    const path = writeConfig(`${MINIMAL}max_steps: ten\n`);
    expect(() => loadTrainConfig(path, getAdapter("sft-reweight").schema)).toThrow(new RegExp(`${path}:3: max_steps: .*number`));
  });

  test("a config without data says which keys would do", () => {
    const path = writeConfig("model: {name: tiny}\ndata: {}\n");
    expect(() => loadTrainConfig(path, getAdapter("ppo").schema)).toThrow("give data.dataset (problems to export) or data.train (prepared records)");
  });

  test("relative data paths resolve against the config's folder, and defaults are filled in", () => {
    const path = writeConfig(MINIMAL);
    const config = loadTrainConfig(path, getAdapter("grpo-tinylora").schema);
    expect(config.data.train).toBe(join(path, "..", "prompts.jsonl"));
    expect(config).toMatchObject({ seed: 0, max_steps: 100, adapter: "tinylora", launcher: { type: "local" } });
  });

  test("an unknown algorithm is refused with the list of known ones", () => {
    expect(() => getAdapter("dpo")).toThrow('unknown algorithm "dpo"; known: sft-reweight, grpo-tinylora, ppo');
  });

  test("every example config validates against the adapter it is named after, and each algorithm has a CPU and a GPU example", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));
    for (const algo of Object.keys(ADAPTERS)) {
      expect(files).toContain(`${algo}.yaml`);
      expect(files).toContain(`${algo}-gpu.yaml`);
    }
    for (const f of files) {
      const algo = Object.keys(ADAPTERS).find((a) => f === `${a}.yaml` || f === `${a}-gpu.yaml`)!;
      const config = loadTrainConfig(join(EXAMPLES, f), getAdapter(algo).schema);
      const gpus = resourcesOf(config).gpusPerNode;
      if (f.includes("gpu")) {
        expect(config.model.name).toMatch(/(1\.5|3|7)B/);
        expect(gpus).toBeGreaterThan(0);
      } else {
        expect(config.model.name).toBe("tiny");
        expect(gpus).toBe(0);
      }
    }
  });
});
