/**
 * `bun run serve --piston` as a user starts it (a real process on loopback, the real local sandbox),
 * and the access rule it shares with `serve --rewards`: off loopback, no start without a token.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "../../support/cli.ts";

const TOKEN = "a-test-token-of-32-characters-xx";

/** Reads the server's stderr until its banner names the execute URL; returns the base URL. */
async function readBaseUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.getReader();
  let banner = "";
  while (!/http:\/\/\S+\/api\/v2\/execute/.test(banner)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited: ${banner}`);
    banner += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return banner.match(/(http:\/\/\S+)\/api\/v2\/execute/)![1]!;
}

describe("bun run serve --piston", () => {
  test("serves Piston's API on loopback with a token: runs C++ for a client that sends it, refuses one that does not", async () => {
    const proc = Bun.spawn(["bun", join(REPO_ROOT, "harness/cli/main.ts"), "serve", "--piston", "--port", "0", "--token", TOKEN], { stdout: "pipe", stderr: "pipe" });
    try {
      const base = await readBaseUrl(proc.stderr);
      const request = {
        language: "c++",
        version: "*",
        files: [{ name: "main.cpp", content: "#include <cstdio>\nint main(int argc, char** argv) { int a, b; std::scanf(\"%d %d\", &a, &b); std::printf(\"%d %s\\n\", a + b, argv[1]); return 0; }\n" }],
        stdin: "2 40",
        args: ["hello"],
      };
      const send = (headers: Record<string, string>) => fetch(`${base}/api/v2/execute`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(request) });
      const refused = await send({});
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toContain("token");
      const res = await send({ authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { language: string; compile: { code: number }; run: { stdout: string; code: number } };
      expect(body).toMatchObject({ language: "c++", compile: { code: 0 }, run: { stdout: "42 hello\n", code: 0 } });
      // Health stays open: load balancers probe it without the token.
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      proc.kill();
      await proc.exited;
    }
  }, 120_000);

  test("refuses to listen off loopback without a token, naming --token and --insecure", async () => {
    const r = await runCli(["serve", "--piston", "--host", "0.0.0.0", "--port", "0"], { env: { HARNESS_PISTON_SERVER_TOKEN: "" } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("refusing to listen on 0.0.0.0 without an access token");
    expect(r.stderr).toContain("--insecure");
  });

  test("refuses --unsafe-no-sandbox off loopback even with a token", async () => {
    const r = await runCli(["serve", "--piston", "--host", "0.0.0.0", "--port", "0", "--token", TOKEN, "--unsafe-no-sandbox"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--unsafe-no-sandbox listens on loopback only");
  });
});

describe("bun run serve --rewards", () => {
  test("follows the same rule: no start off loopback without a token", async () => {
    const r = await runCli(["serve", "--rewards", "--host", "0.0.0.0", "--port", "0"], { env: { HARNESS_REWARDS_TOKEN: "" } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("refusing to listen on 0.0.0.0 without an access token");
  });
});
