import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readHubSettings } from "../../../datasets/hub/settings.ts";
import { readHubToken, tokenFilePath } from "../../../datasets/hub/token.ts";
import { startHubServer } from "../../support/hub-server.ts";
import { useTempDir } from "../temp-files.ts";
import { FILES, REPO } from "./hub-fixtures.ts";
import { pullDataset } from "../../../datasets/hub/pull.ts";

const { dir } = useTempDir();

/** Writes a token file as `hf auth login` does (the token and a newline) and returns its path. */
function saveLogin(path: string, token: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${token}\n`);
  return path;
}

describe("readHubToken", () => {
  test("prefers HF_TOKEN, then HUGGING_FACE_HUB_TOKEN, then the saved login", () => {
    const file = saveLogin(join(dir, "order", "token"), "hf_file");
    expect(readHubToken({ HF_TOKEN: "hf_a", HUGGING_FACE_HUB_TOKEN: "hf_b", HF_TOKEN_PATH: file })).toEqual({ token: "hf_a", source: "HF_TOKEN" });
    expect(readHubToken({ HUGGING_FACE_HUB_TOKEN: "hf_b", HF_TOKEN_PATH: file })).toEqual({ token: "hf_b", source: "HUGGING_FACE_HUB_TOKEN" });
    expect(readHubToken({ HF_TOKEN: "  ", HF_TOKEN_PATH: file })).toEqual({ token: "hf_file", source: file });
  });

  test("finds the file hf auth login writes: HF_TOKEN_PATH, else $HF_HOME/token, else the XDG cache, else ~/.cache/huggingface/token", () => {
    expect(tokenFilePath({ HF_TOKEN_PATH: "/t/tok", HF_HOME: "/h", HOME: "/home/u" })).toBe("/t/tok");
    expect(tokenFilePath({ HF_HOME: "/h", XDG_CACHE_HOME: "/x", HOME: "/home/u" })).toBe("/h/token");
    expect(tokenFilePath({ XDG_CACHE_HOME: "/x", HOME: "/home/u" })).toBe("/x/huggingface/token");
    expect(tokenFilePath({ HOME: "/home/u" })).toBe("/home/u/.cache/huggingface/token");
    expect(tokenFilePath({})).toBeNull();
    const home = join(dir, "home");
    saveLogin(join(home, ".cache", "huggingface", "token"), "hf_home\r\n");
    expect(readHubToken({ HOME: home })).toEqual({ token: "hf_home", source: join(home, ".cache", "huggingface", "token") });
  });

  test("is undefined when nobody logged in or the saved file is empty", () => {
    expect(readHubToken({ HOME: join(dir, "nobody") })).toBeUndefined();
    expect(readHubToken({ HF_TOKEN_PATH: saveLogin(join(dir, "empty", "token"), "") })).toBeUndefined();
  });
});

describe("a saved login", () => {
  const hub = startHubServer({ token: "hf_saved" });
  afterAll(() => hub.stop());

  test("is sent as the bearer token when HF_TOKEN is not set", async () => {
    hub.commit(REPO, FILES);
    const hfHome = join(dir, "hf-home");
    saveLogin(join(hfHome, "token"), "hf_saved");
    const settings = readHubSettings({ HF_ENDPOINT: hub.url, HF_HOME: hfHome }, { cacheDir: join(dir, "cache"), retries: 0 });
    const r = await pullDataset({ repoId: REPO }, settings);
    expect(r.files).toHaveLength(3);
    expect(hub.requests.every((q) => q.authorization === "Bearer hf_saved")).toBe(true);
  });
});
