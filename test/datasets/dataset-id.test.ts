import { describe, expect, test } from "bun:test";
import { datasetIdOf } from "../../datasets/dataset-id.ts";
import { HUMANEVAL_GZ } from "../support/real-data.ts";

describe("datasetIdOf", () => {
  test("strips directories and every data extension", () => {
    expect(datasetIdOf(HUMANEVAL_GZ)).toBe("HumanEval");
    expect(datasetIdOf("/data/MbppPlus.jsonl")).toBe("MbppPlus");
    expect(datasetIdOf("problems.json")).toBe("problems");
    expect(datasetIdOf("cc/test.JSONL.GZ")).toBe("test");
  });

  test("keeps dots that are part of the name", () => {
    expect(datasetIdOf("code_contests.v2.jsonl")).toBe("code_contests.v2");
  });

  test("keeps a name that is only an extension", () => {
    expect(datasetIdOf("dir/.json")).toBe(".json");
  });
});
