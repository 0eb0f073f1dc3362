import { describe, expect, test } from "bun:test";
import { readHubSettings } from "../../../datasets/hub/settings.ts";
import { catchHubError, FILES, REPO, useHub } from "./hub-fixtures.ts";

const { server, settings, pull } = useHub();

describe("errors read from the Hub's X-Error-Code", () => {
  test("a mistyped repo id is 'not found' (RepoNotFound), not a request for a token", async () => {
    const err = await catchHubError(() => pull({ repoId: "acme/puzzels" }));
    expect(err.code).toBe("not_found");
    expect(err.message).toContain("dataset repo acme/puzzels not found on the Hub");
    expect(err.message).toContain("RepoNotFound");
    expect(server.requests.at(-1)).toMatchObject({ kind: "revision", status: 401 });
  });

  test("with a token, a missing repo is still not found and the message names the token's source", async () => {
    const s = readHubSettings({ HF_TOKEN: "hf_any", HF_ENDPOINT: server.url }, { cacheDir: settings().cacheDir, retries: 0 });
    const err = await catchHubError(() => pull({ repoId: "acme/none" }, s));
    expect(err.code).toBe("not_found");
    expect(err.message).toContain("the token from HF_TOKEN has no access to it");
  });

  test("an unknown revision is RevisionNotFound", async () => {
    server.commit(REPO, FILES);
    const err = await catchHubError(() => pull({ revision: "v9" }));
    expect(err.code).toBe("not_found");
    expect(err.message).toContain("revision not found in acme/puzzles");
    expect(err.message).toContain("RevisionNotFound");
  });

  test("a gated repo points at accepting its conditions on its Hub page, not at setting HF_TOKEN", async () => {
    server.commit("acme/gated", FILES);
    server.gate("acme/gated");
    const err = await catchHubError(() => pull({ repoId: "acme/gated" }));
    expect(err.code).toBe("gated");
    expect(err.message).toContain(`accept its conditions at ${server.url}/datasets/acme/gated`);
    expect(err.message).toContain("GatedRepo");
    expect(err.message).toContain("You must have access to it and be authenticated");
  });
});
