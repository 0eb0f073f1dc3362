import { describe, expect, test } from "bun:test";
import { isDataFile, selectDataFiles } from "../../../datasets/hub/select.ts";

describe("selectDataFiles", () => {
  const pushedWithConfigs = [
    ".gitattributes",
    "README.md",
    "codecontests/train-00000-of-00002.parquet",
    "codecontests/train-00001-of-00002.parquet",
    "codecontests/test-00000-of-00001.parquet",
    "apps/train-00000-of-00001.parquet",
  ];

  test("picks a config's split shards in the push_to_hub layout", () => {
    expect(selectDataFiles(pushedWithConfigs, { config: "codecontests", split: "train" })).toEqual([
      "codecontests/train-00000-of-00002.parquet",
      "codecontests/train-00001-of-00002.parquet",
    ]);
    expect(selectDataFiles(pushedWithConfigs, { split: "train" })).toHaveLength(3);
    expect(selectDataFiles(pushedWithConfigs, { config: "apps" })).toEqual(["apps/train-00000-of-00001.parquet"]);
  });

  test("the default config owns data/ and top-level files when no folder is named default", () => {
    const paths = ["data/train-00000-of-00001.parquet", "data/test-00000-of-00001.parquet", "extra/train.jsonl"];
    expect(selectDataFiles(paths, { config: "default", split: "test" })).toEqual(["data/test-00000-of-00001.parquet"]);
    expect(selectDataFiles(["train.jsonl", "test.jsonl.gz"], { config: "default", split: "test" })).toEqual(["test.jsonl.gz"]);
  });

  test("reads the converted-parquet layout {config}/{split}/NNNN.parquet", () => {
    const paths = ["default/train/0000.parquet", "default/train/0001.parquet", "default/test/0000.parquet"];
    expect(selectDataFiles(paths, { config: "default", split: "train" })).toEqual(["default/train/0000.parquet", "default/train/0001.parquet"]);
  });

  test("finds the partial-{split} folders of a dataset the Hub converted to parquet in part", () => {
    const paths = ["default/partial-train/0000.parquet", "default/partial-train/0001.parquet", "default/test/0000.parquet"];
    expect(selectDataFiles(paths, { split: "train" })).toEqual(["default/partial-train/0000.parquet", "default/partial-train/0001.parquet"]);
    expect(selectDataFiles(paths, { config: "default", split: "test" })).toEqual(["default/test/0000.parquet"]);
  });

  test("metadata JSON the datasets library writes is never data", () => {
    const savedToDisk = ["train/data-00000-of-00001.arrow", "train/dataset_info.json", "train/state.json", "dataset_dict.json", "dataset_infos.json"];
    expect(selectDataFiles(savedToDisk, {})).toEqual(["train/data-00000-of-00001.arrow"]);
    expect(isDataFile("data/problems.json")).toBe(true);
  });

  test("matches the split as a whole word of the file name, not a substring", () => {
    const paths = ["data/mbpp-test.jsonl", "data/contest-train.jsonl", "data/latest_dump.jsonl"];
    expect(selectDataFiles(paths, { split: "test" })).toEqual(["data/mbpp-test.jsonl"]);
  });

  test("cards, scripts and hidden files are never data", () => {
    expect(isDataFile("README.md")).toBe(false);
    expect(isDataFile("loader.py")).toBe(false);
    expect(isDataFile(".cache/train.jsonl")).toBe(false);
    expect(isDataFile("data/train.jsonl.gz")).toBe(true);
    expect(isDataFile("data/train.arrow")).toBe(true);
  });
});
