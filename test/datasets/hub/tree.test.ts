import { describe, expect, test } from "bun:test";
import { nextPage } from "../../../datasets/hub/tree.ts";
import { toJsonl } from "../temp-files.ts";
import { row, useHub } from "./hub-fixtures.ts";

const { server, pull } = useHub();

describe("listing a repo's files", () => {
  test("follows the tree API's Link pages past the 1000 entries the revision endpoint's siblings stop at", async () => {
    const shards = Object.fromEntries(
      Array.from({ length: 1100 }, (_, i) => [`data/train-${String(i).padStart(5, "0")}-of-01100.jsonl`, toJsonl([row(`p${i}`)])]),
    );
    server.commit("acme/many", { ".gitattributes": "", "README.md": "# many\n", ...shards });
    const r = await pull({ repoId: "acme/many" });
    expect(r.files).toHaveLength(1100);
    const tree = server.requests.filter((q) => q.kind === "tree" && q.path.startsWith("/api/datasets/acme/many/"));
    expect(tree.map((q) => new URLSearchParams(q.search).get("cursor"))).toEqual([null, "1000"]);
    expect(tree.every((q) => new URLSearchParams(q.search).get("recursive") === "true")).toBe(true);
  });
});

describe("nextPage", () => {
  test("reads the rel=next target of a Link header, resolved against the current URL", () => {
    const here = "https://hub.example/api/datasets/a/b/tree/x?recursive=true";
    expect(nextPage('<https://hub.example/api/datasets/a/b/tree/x?cursor=abc>; rel="next"', here)).toBe("https://hub.example/api/datasets/a/b/tree/x?cursor=abc");
    expect(nextPage('</api/x?cursor=1>; rel="prev", </api/x?cursor=3>; rel=next', here)).toBe("https://hub.example/api/x?cursor=3");
    expect(nextPage('</api/x?cursor=1>; rel="prev"', here)).toBeNull();
    expect(nextPage(null, here)).toBeNull();
  });
});
