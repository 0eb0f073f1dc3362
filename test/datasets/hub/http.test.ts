import { describe, expect, test } from "bun:test";
import { catchHubError, FILES, REPO, useHub } from "./hub-fixtures.ts";

const { server, settings, pull } = useHub();

describe("retries", () => {
  test("a 429 is retried after the Retry-After the Hub sends, not after the backoff delay", async () => {
    server.commit(REPO, FILES);
    server.rateLimit(2, 0);
    // A backoff of ten minutes would outlast the test: only the Retry-After of 0 s lets it finish.
    const r = await pull({}, { ...settings(), retries: 2, retryDelayMs: 600_000 });
    expect(r.files).toHaveLength(3);
    expect(server.requests.slice(0, 3).map((q) => [q.kind, q.status])).toEqual([
      ["revision", 429],
      ["revision", 429],
      ["revision", 200],
    ]);
  });

  test("a Retry-After longer than the pull will wait fails at once, saying how long the Hub asks to wait", async () => {
    server.commit(REPO, FILES);
    server.rateLimit(1, 3600);
    const err = await catchHubError(() => pull({}, { ...settings(), retries: 2 }));
    expect(err.code).toBe("not_cached");
    expect(err.message).toContain("the Hub asks to wait 3600 s before trying again");
    server.rateLimit(0, 0);
  });

  test("429s that outlast the retries leave the Hub unreachable, naming the status", async () => {
    server.commit(REPO, FILES);
    server.rateLimit(3, 0);
    const err = await catchHubError(() => pull({}, { ...settings(), retries: 1 }));
    expect(err.message).toContain("HTTP 429");
    server.rateLimit(0, 0);
  });
});
