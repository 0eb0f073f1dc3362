/** The Piston backend's settings as the registry reads them: endpoints, per-endpoint concurrency, file, token. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createJudgeBackend } from "../../../harness/cli/backends.ts";
import { UsageError } from "../../../judges/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "backends-piston-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(judgeOpt: string[], env: Record<string, string> = {}, unsafeNoSandbox = false): Promise<Error> {
  const err = await createJudgeBackend("piston", { judgeOpt, unsafeNoSandbox }, env).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as Error;
}

describe("piston backend settings", () => {
  test("endpoints come from --judge-opt piston=URL,URL*N or HARNESS_PISTON_URLS, and open a piston sandbox", async () => {
    const fromOpt = await createJudgeBackend("piston", { judgeOpt: ["piston=http://127.0.0.1:2000,http://10.0.0.2:2000*16"] }, {});
    expect(fromOpt.name).toBe("piston");
    const fromEnv = await createJudgeBackend("piston", {}, { HARNESS_PISTON_URLS: "http://127.0.0.1:2000" });
    expect(fromEnv.name).toBe("piston");
  });

  test("an endpoints file lists 'URL [concurrency]' lines with comments", async () => {
    const file = join(dir, "endpoints.txt");
    writeFileSync(file, "# fleet\nhttp://node1:2000 32\n\nhttp://node2:2000\n");
    const sandbox = await createJudgeBackend("piston", { judgeOpt: [`endpoints-file=${file}`] }, {});
    expect(sandbox.name).toBe("piston");
    writeFileSync(file, "http://node1:2000 many\n");
    expect((await failure([`endpoints-file=${file}`])).message).toContain(`endpoints-file ${file}:1`);
  });

  test("no endpoint, a URL that is not http(s), a bad concurrency or --unsafe-no-sandbox is a UsageError", async () => {
    expect((await failure([])).message).toContain("--judge piston needs endpoints");
    expect((await failure(["piston=127.0.0.1:2000"])).message).toContain("is not an http(s) URL");
    expect((await failure(["piston=http://h:2000*0"])).message).toContain("expected a positive integer");
    expect((await failure(["piston=http://h:2000"], {}, true)).message).toContain("--unsafe-no-sandbox does not apply");
    expect((await failure(["piston=http://h:2000", "batch-tests=0"])).message).toContain("--judge-opt batch-tests: expected a positive integer");
  });
});
