/** A very long query string gets a page saying what is wrong, through `bun run serve` over a real eval's database. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { MAX_URL_LENGTH } from "../../reports/app.ts";
import { ensureBuiltinEvalDb } from "../support/builtin-db.ts";
import { textsOf } from "./support/html.ts";

const ROOT = join(import.meta.dir, "..", "..");
let proc: ReturnType<typeof Bun.spawn>;
let url: string;

beforeAll(async () => {
  const { dbPath } = await ensureBuiltinEvalDb();
  proc = Bun.spawn(["bun", "run", "serve", "--db", dbPath, "--port", "0"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!/http:\/\/127\.0\.0\.1:\d+/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`serve exited early: ${text}`);
    text += new TextDecoder().decode(value);
  }
  url = (/http:\/\/127\.0\.0\.1:\d+/.exec(text) as RegExpExecArray)[0];
}, 600_000);
afterAll(() => proc?.kill("SIGINT"));

describe("long URLs", () => {
  test("a 20 000-character query string gets a 414 page naming its length and the limit, not an empty 431", async () => {
    const res = await fetch(`${url}/runs/1/samples?problem=${"x".repeat(20_000)}`);
    expect(res.status).toBe(414);
    const html = await res.text();
    expect(textsOf(html, "h1")).toEqual(["414 · URL too long"]);
    expect(textsOf(html, "p.error-text")[0]).toContain(`the viewer accepts up to ${MAX_URL_LENGTH.toLocaleString("en-US")}`);
  });

  test("under /api the same error is JSON", async () => {
    const res = await fetch(`${url}/api/leaderboard?model=${"m".repeat(100_000)}`);
    expect(res.status).toBe(414);
    expect(((await res.json()) as { error: { message: string } }).error.message).toStartWith("the URL is 100,");
  });
});
