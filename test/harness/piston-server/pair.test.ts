/**
 * The execute-pair extension of `serve --piston` (real HTTP on loopback, the local sandbox behind
 * it): advertised on /api answers, two programs joined by pipes, both stages in Piston's run-stage
 * shape, and the same validation and token rule as /execute.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { EXTENSIONS_HEADER, type PistonPairResponse } from "../../../judges/piston-wire.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";

const TOKEN = "pair-test-token";
let server: PistonServer;
beforeAll(async () => {
  server = await startTestPistonServer({ token: TOKEN });
});
afterAll(async () => {
  await server.stop();
});

function post(body: unknown, token: string | null = TOKEN): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}/api/v2/execute-pair`, { method: "POST", headers, body: JSON.stringify(body) });
}

const python = (code: string) => ({ language: "python3", version: "3.x", files: [{ content: code }] });

describe("POST /api/v2/execute-pair", () => {
  test("is advertised by the x-piston-extensions header of the runtimes answer, with collect", async () => {
    const res = await fetch(`${server.url}/api/v2/runtimes`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get(EXTENSIONS_HEADER)).toBe("execute-pair, collect, cached-compile");
  });

  test("reads back the files a side names in collect into its run stage's files", async () => {
    const program = python("print('hello', flush=True)\n");
    const peer = python("line = input()\nopen('seen.txt', 'w').write(line.upper())\n");
    const res = await post({ program, peer: { ...peer, collect: ["seen.txt", "absent.txt"] } });
    const body = (await res.json()) as PistonPairResponse;
    expect(body.peer.run.files).toEqual({ "seen.txt": "HELLO" });
    expect(body.program.run.files).toBeUndefined();
  }, 60_000);

  test("refuses a collect name with a folder in it", async () => {
    const res = await post({ program: python("print(1)"), peer: { ...python("print(2)"), collect: ["../x"] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe("peer: collect: '../x' must be a plain file name");
  });

  test("pipes each side's stdout into the other's stdin and answers both run stages", async () => {
    const program = python("import sys\nprint(int(input()) * 2, flush=True)\nsys.stderr.write('program done')\n");
    const peer = python("import sys\nprint(21, flush=True)\nanswer = input()\nsys.stderr.write('got ' + answer)\nsys.exit(3)\n");
    const res = await post({ program, peer });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PistonPairResponse;
    expect(body.program.run).toMatchObject({ stdout: "42\n", stderr: "program done", code: 0, signal: null, status: null });
    expect(body.peer.run).toMatchObject({ stdout: "21\n", stderr: "got 42", code: 3, status: "RE" });
    expect(body.program.run.cpu_time).toBeGreaterThanOrEqual(0);
    expect(body.peer.run.memory).toBeGreaterThan(0);
  }, 60_000);

  test("reports a side that fails to compile in its compile stage and runs neither", async () => {
    const cpp = { language: "c++", version: "*", files: [{ content: "int main( {" }] };
    const res = await post({ program: cpp, peer: python("print(1)") });
    const body = (await res.json()) as PistonPairResponse;
    expect(body.program.compile?.code).toBe(1);
    expect(body.peer.run).toMatchObject({ status: "XX", stdout: "" });
  }, 60_000);

  test("refuses a body without a peer with a 400 naming the field", async () => {
    const res = await post({ program: python("print(1)") });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe("peer is required as an execute body");
  });

  test("refuses a bad side with /execute's message, prefixed by the side", async () => {
    const res = await post({ program: python("print(1)"), peer: { language: "cobol", version: "1", files: [{ content: "x" }] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe("peer: cobol-1 runtime is unknown");
  });

  test("requires the bearer token, as /execute does", async () => {
    const res = await post({ program: python("print(1)"), peer: python("print(2)") }, null);
    expect(res.status).toBe(401);
  });
});
