/** The zygote preloads the function-mode wire format (harness code); a run sees it only as a cold run would. */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PreparedProgram } from "../../../../judges/types.ts";
import { compileLimits, limits } from "../local-sandbox.ts";
import { useWarmSandbox } from "./warm-sandbox.ts";

setDefaultTimeout(60_000);

const { sandbox } = useWarmSandbox();

const HARNESS_PROTOCOL = readFileSync(join(import.meta.dir, "../../../../judges/function/python/fm_protocol.py"), "utf8");

async function prepare(code: string, extraFiles?: Record<string, string>): Promise<PreparedProgram> {
  const result = await sandbox().prepare({ language: "python", code, ...(extraFiles ? { extraFiles } : {}) }, compileLimits);
  if (!result.ok) throw new Error(result.log);
  return result.program;
}

const stdoutOf = async (program: PreparedProgram) => (await sandbox().run(program, {}, limits)).stdout;

describe("the preloaded function-mode protocol module", () => {
  test("a program that ships the harness's own fm_protocol.py finds it already imported, and it works", async () => {
    const program = await prepare("import sys\nloaded = 'fm_protocol' in sys.modules\nimport fm_protocol\nprint(loaded, fm_protocol.MAX_LINE)\n", { "fm_protocol.py": HARNESS_PROTOCOL });
    expect(await stdoutOf(program)).toBe(`True ${64 << 20}\n`);
  });

  test("a program with its own fm_protocol.py imports its own, and one without any cannot import it", async () => {
    const own = await prepare("import fm_protocol\nprint(fm_protocol.X)\n", { "fm_protocol.py": "X = 'mine'\n" });
    expect(await stdoutOf(own)).toBe("mine\n");
    const none = await prepare("import sys\nprint('fm_protocol' in sys.modules)\ntry:\n    import fm_protocol\nexcept ImportError:\n    print('absent')\n");
    expect(await stdoutOf(none)).toBe("False\nabsent\n");
  });
});
