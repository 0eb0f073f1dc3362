/**
 * The Piston-compatible server over real HTTP on loopback, backed by the real local sandbox: the
 * documented request shapes, status codes and `{message}` errors, stages per runtime, body limit,
 * token and the 429 of a full queue.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import type { PistonExecuteResponse, PistonRuntime } from "../../../judges/piston-wire.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";

const FIXTURES = join(import.meta.dir, "fixtures");
const TOKEN = "token-for-the-app-tests-0123456789";

let server: PistonServer;
beforeAll(async () => {
  server = await startTestPistonServer({ token: TOKEN, limits: { maxBodyBytes: 64 * 1024 }, admission: { concurrency: 1, queueSize: 0, perClient: 8 } });
});
afterAll(async () => {
  await server.stop();
});

const auth = { authorization: `Bearer ${TOKEN}` };

async function execute(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/v2/execute`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("GET /api/v2/runtimes", () => {
  test("lists c++ and python at the versions of the real /usr/bin/g++ and /usr/bin/python3 the sandbox runs, under Piston's aliases", async () => {
    const list = (await (await fetch(`${server.url}/api/v2/runtimes`, { headers: auth })).json()) as PistonRuntime[];
    const gxx = Bun.spawnSync(["/usr/bin/g++", "-dumpfullversion"]).stdout.toString().trim();
    const python = Bun.spawnSync(["/usr/bin/python3", "-c", "import platform; print(platform.python_version())"]).stdout.toString().trim();
    const cpp = list.find((rt) => rt.language === "c++");
    const py = list.find((rt) => rt.language === "python");
    expect(cpp).toMatchObject({ version: gxx, runtime: "gcc" });
    expect(cpp?.aliases).toEqual(expect.arrayContaining(["cpp", "g++"]));
    expect(py?.version).toBe(python);
    expect(py?.aliases).toEqual(expect.arrayContaining(["python3", "py"]));
  });
});

describe("POST /api/v2/execute", () => {
  test("runs Python with stdin and args: one run stage with stdout, code and timings, no compile stage", async () => {
    const { status, json } = await execute({ language: "python3", version: "3.x", files: [{ content: "import sys\nprint(input()[::-1], sys.argv[1:])" }], stdin: "abc\n", args: ["x", "y"] });
    expect(status).toBe(200);
    const body = json as unknown as PistonExecuteResponse;
    expect(body.compile).toBeUndefined();
    expect(body.run).toMatchObject({ stdout: "cba ['x', 'y']\n", code: 0, signal: null, status: null });
    expect(body.run.output).toBe(body.run.stdout);
    expect(body.run.wall_time).toBeGreaterThan(0);
  });

  test("a failed C++ compile answers the compile stage, copied into run as stock Piston does", async () => {
    const { json } = await execute({ language: "cpp", version: "*", files: [{ name: "a.cpp", content: "int main( { return 0; }" }] });
    const body = json as unknown as PistonExecuteResponse;
    expect(body.compile?.code).not.toBe(0);
    expect(body.compile?.stderr).toContain("error");
    expect(body.run).toEqual(body.compile!);
  });

  test("a non-zero exit is RE with its code; a crash is SG with the signal's name", async () => {
    const exit = (await execute({ language: "python", version: "*", files: [{ content: "raise SystemExit(3)" }] })).json as unknown as PistonExecuteResponse;
    expect(exit.run).toMatchObject({ code: 3, signal: null, status: "RE" });
    const segv = (await execute({ language: "c++", version: "*", files: [{ content: "int main() { volatile int* p = nullptr; *p = 1; }" }] })).json as unknown as PistonExecuteResponse;
    expect(segv.run).toMatchObject({ code: null, signal: "SIGSEGV", status: "SG" });
  });

  test("data files sent base64 sit beside the program and are not compiled", async () => {
    const { json } = await execute({
      language: "python",
      version: "*",
      files: [{ name: "main.py", content: "print(open('data/in.txt').read().strip())" }, { name: "data/in.txt", content: Buffer.from("from a file").toString("base64"), encoding: "base64" }],
    });
    expect((json as unknown as PistonExecuteResponse).run.stdout).toBe("from a file\n");
  });

  test("a JSON body sent as text/plain, as fetch sends a string and piston-client 1.0.2 does, is executed", async () => {
    const res = await fetch(`${server.url}/api/v2/execute`, { method: "POST", headers: auth, body: JSON.stringify({ language: "python", version: "*", files: [{ content: "print('plain')" }] }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PistonExecuteResponse).run.stdout).toBe("plain\n");
  });

  test("the documented example request is refused with 400 {message} because no javascript runtime is served", async () => {
    const documented = await Bun.file(join(FIXTURES, "docs-execute-request.json")).json();
    expect(await execute(documented)).toEqual({ status: 400, json: { message: "js-15.10.0 runtime is unknown" } });
  });

  test.each([
    [{ version: "*", files: [] }, "language is required as a string"],
    [{ language: "python", files: [] }, "version is required as a string"],
    [{ language: "python", version: "*" }, "files is required as an array"],
    [{ language: "python", version: "*", files: [{ name: "a.py" }] }, "files[0].content is required as a string"],
    [{ language: "python", version: "9.x", files: [{ content: "" }] }, "python-9.x runtime is unknown"],
    [{ language: "python", version: "*", files: [{ content: "", encoding: "base64" }] }, "files must include at least one utf8 encoded file"],
    [{ language: "python", version: "*", files: [{ content: "" }], run_timeout: "1" }, "If specified, run_timeout must be a number"],
    [{ language: "python", version: "*", files: [{ content: "" }], run_timeout: 10_000_000 }, "run_timeout cannot exceed the configured limit of 300000"],
    [{ language: "python", version: "*", files: [{ name: "../escape.py", content: "" }] }, "files[0].name '../escape.py' must be a relative path inside the job folder"],
  ])("a bad field is 400 with Piston's message: %j", async (body, message) => {
    expect(await execute(body)).toEqual({ status: 400, json: { message } });
  });

  test("a form body is 415, text that is not JSON 400, one past the body limit 413, all with {message}", async () => {
    const form = await fetch(`${server.url}/api/v2/execute`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...auth }, body: "a=1" });
    expect(form.status).toBe(415);
    const text = await fetch(`${server.url}/api/v2/execute`, { method: "POST", headers: { "content-type": "text/plain", ...auth }, body: "hi" });
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({ message: "request body is not valid JSON" });
    const big = await execute({ language: "python", version: "*", files: [{ content: "" }], stdin: "x".repeat(100 * 1024) });
    expect(big.status).toBe(413);
    expect(big.json.message).toContain("exceeds");
  });

  test("without the bearer token the API is 401; /health answers without it", async () => {
    expect((await execute({ language: "python", version: "*", files: [{ content: "" }] }, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await fetch(`${server.url}/api/v2/runtimes`)).status).toBe(401);
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: "ok", capacity: 1, queueSize: 0 });
  });

  test("with every slot busy and no queue room, another job is 429 with {message} and Retry-After", async () => {
    const sleeper = execute({ language: "python", version: "*", files: [{ content: "import time\ntime.sleep(30)" }], run_timeout: 3000 });
    // Waits (without a timed assertion) until the sleeper holds the one slot.
    while (((await (await fetch(`${server.url}/health`)).json()) as { running: number }).running === 0) await Bun.sleep(20);
    const res = await fetch(`${server.url}/api/v2/execute`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ language: "python", version: "*", files: [{ content: "" }] }) });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as { message: string }).message).toContain("retry");
    expect((await sleeper).json.run).toMatchObject({ status: "TO", signal: "SIGKILL", message: "Time limit exceeded (wall clock)" });
  });
});

describe("POST /api/v2/execute with headers", () => {
  test("a header sent base64 (as the Piston backend sends testlib.h) is found by #include", async () => {
    const header = Buffer.from("inline int answer() { return 42; }\n").toString("base64");
    const { json } = await execute({
      language: "c++",
      version: "*",
      files: [{ name: "main.cpp", content: '#include <cstdio>\n#include "answer.h"\nint main() { std::printf("%d\\n", answer()); }\n' }, { name: "answer.h", content: header, encoding: "base64" }],
    });
    expect((json as unknown as PistonExecuteResponse).run).toMatchObject({ stdout: "42\n", code: 0 });
  });
});
