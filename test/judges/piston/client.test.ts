/**
 * The Piston client's infrastructure failures over real HTTP on loopback: small Bun servers play
 * broken Piston endpoints (down, slow, busy, failing, malformed); each failure is retried or ends as a
 * SandboxError `remote_unreachable`, never as an answer.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { PistonClient } from "../../../judges/piston/client.ts";
import type { PistonExecuteRequest } from "../../../judges/piston-wire.ts";
import { SandboxError } from "../../../judges/types.ts";

const DOCS = join(import.meta.dir, "../../harness/piston-server/fixtures");
const REQUEST: PistonExecuteRequest = { language: "python", version: "3.11.2", files: [{ content: "print(1)" }] };

const servers: ReturnType<typeof Bun.serve>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.stop(true);
});

/** A loopback endpoint answering with `respond`; counts its hits. */
function endpoint(respond: (hit: number) => Response | Promise<Response>): { url: string; hits: () => number } {
  let hits = 0;
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: () => respond(++hits) });
  servers.push(server);
  return { url: `http://127.0.0.1:${server.port}`, hits: () => hits };
}

/** A URL nothing listens on. */
function deadUrl(): string {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const url = `http://127.0.0.1:${s.port}`;
  s.stop(true);
  return url;
}

const docsResponse = () => Bun.file(join(DOCS, "docs-execute-response.json")).text();
const ok = async () => new Response(await docsResponse(), { headers: { "content-type": "application/json" } });
const client = (urls: string[], extra: { maxAttempts?: number; giveUpMs?: number } = {}) =>
  new PistonClient({ endpoints: urls.map((url) => ({ url, concurrency: 2 })), maxAttempts: 4, giveUpMs: 20_000, ...extra });

async function expectUnreachable(p: Promise<unknown>, text: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SandboxError);
  expect((err as SandboxError).code).toBe("remote_unreachable");
  expect((err as Error).message).toContain(text);
}

describe("piston client", () => {
  test("the documented execute response is accepted as it is", async () => {
    const good = endpoint(ok);
    const { body } = await client([good.url]).execute(REQUEST, 5000);
    expect(body.run).toMatchObject({ code: 0, signal: null, stdout: expect.stringContaining("my_cool_code.js") });
  });

  test("an endpoint that is down is a SandboxError after the bounded attempts", async () => {
    await expectUnreachable(client([deadUrl()], { maxAttempts: 2 }).execute(REQUEST, 5000), "failed after retries");
  });

  test("with one endpoint down the request goes to the other, and the dead one is marked failed", async () => {
    const good = endpoint(ok);
    const c = client([deadUrl(), good.url]);
    for (let i = 0; i < 3; i++) await c.execute(REQUEST, 5000);
    expect(good.hits()).toBe(3);
    expect(c.pool.endpoints[0]!.failures).toBeGreaterThan(0);
  });

  test("a slow endpoint that does not answer in time is left for another", async () => {
    const slow = endpoint(() => new Promise<Response>(() => {}));
    const good = endpoint(ok);
    // Both idle: the tie goes to the first listed, the slow one.
    const c = client([slow.url, good.url]);
    const { body } = await c.execute(REQUEST, 300);
    expect(body.run.code).toBe(0);
    expect(slow.hits()).toBe(1);
    expect(c.pool.endpoints[0]!.lastError).toContain("no answer within 300 ms");
  });

  test("429 is retried after Retry-After without marking the endpoint failed", async () => {
    const busy = endpoint(async (hit) => (hit <= 2 ? Response.json({ message: "busy" }, { status: 429, headers: { "retry-after": "0" } }) : ok()));
    const c = client([busy.url]);
    const { body } = await c.execute(REQUEST, 5000);
    expect(body.run.code).toBe(0);
    expect(busy.hits()).toBe(3);
    expect(c.pool.endpoints[0]!.failures).toBe(0);
  });

  test("a 5xx that persists is a SandboxError naming the status", async () => {
    const failing = endpoint(() => Response.json({ message: "isolate broke" }, { status: 503 }));
    await expectUnreachable(client([failing.url], { maxAttempts: 2 }).execute(REQUEST, 5000), "HTTP 503 (isolate broke)");
    expect(failing.hits()).toBe(2);
  });

  test("a 5xx once, then an answer: the retry succeeds", async () => {
    const flaky = endpoint(async (hit) => (hit === 1 ? new Response("", { status: 502 }) : ok()));
    expect((await client([flaky.url]).execute(REQUEST, 5000)).body.run.code).toBe(0);
  });

  test("malformed JSON, or JSON not in Piston's shape, is never taken for an answer", async () => {
    const garbage = endpoint(() => new Response("{\"run\": {\"stdout\": ", { status: 200 }));
    await expectUnreachable(client([garbage.url], { maxAttempts: 2 }).execute(REQUEST, 5000), "malformed JSON");
    const wrong = endpoint(() => Response.json({ run: { stdout: 1 } }));
    await expectUnreachable(client([wrong.url], { maxAttempts: 2 }).execute(REQUEST, 5000), "not in Piston's shape");
  });

  test("413 (body too large) and 400 are not retried: sending the same body again cannot help", async () => {
    const small = endpoint(() => Response.json({ message: "request entity too large" }, { status: 413 }));
    await expectUnreachable(client([small.url]).execute({ ...REQUEST, stdin: "x".repeat(200_000) }, 5000), "exceeds the server's body limit");
    expect(small.hits()).toBe(1);
    const picky = endpoint(() => Response.json({ message: "run_timeout cannot exceed the configured limit of 3000" }, { status: 400 }));
    await expectUnreachable(client([picky.url]).execute(REQUEST, 5000), "configured limit of 3000");
    expect(picky.hits()).toBe(1);
  });

  test("the token is sent as a bearer header", async () => {
    let seen = null as string | null;
    const s = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch(req) {
        seen = req.headers.get("authorization");
        return ok();
      },
    });
    servers.push(s);
    await new PistonClient({ endpoints: [{ url: `http://127.0.0.1:${s.port}`, concurrency: 1 }], token: "secret-token-0123456789" }).execute(REQUEST, 5000);
    expect(seen).toBe("Bearer secret-token-0123456789");
  });
});
