/**
 * Session stdin files (judges/local/session-inputs.ts): large inputs are stored once and linked into
 * each run's stdin folder. Every run must still read exactly its own input, and a later input must
 * never be written through a link into the stored copy another run reads.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { placeStdin } from "../../../judges/local/session-inputs.ts";
import { limits, useLocalSandbox, useSandboxContext } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

const large = (fill: string) => `${fill.repeat(300_000)}\n`;

describe("placeStdin", () => {
  const context = useSandboxContext();

  test("links one stored copy of a large input into each folder, and a later small input replaces the link, not the copy", () => {
    const [a, b] = ["a", "b"].map((name) => join(context().runsDir, `inputs-test-${name}`));
    for (const dir of [a, b]) mkdirSync(dir as string);
    const pathA = join(a as string, "stdin");
    const pathB = join(b as string, "stdin");
    placeStdin(context(), pathA, large("x"));
    placeStdin(context(), pathB, large("x"));
    expect(statSync(pathA).ino).toBe(statSync(pathB).ino);
    expect(statSync(pathA).mode & 0o777).toBe(0o644);
    placeStdin(context(), pathA, "small\n");
    expect(readFileSync(pathA, "utf8")).toBe("small\n");
    expect(readFileSync(pathB, "utf8")).toBe(large("x"));
  });
});

describe("session runs with large inputs", () => {
  const { sandbox, preparePython } = useLocalSandbox({ warmPython: false });

  test("each run reads its own input, large or small, in any order", async () => {
    const program = await preparePython("import sys\nd = sys.stdin.read()\nprint(len(d), d[:1], d[-2:-1])\n");
    const session = await sandbox().openSession?.(program, limits);
    if (!session) throw new Error("the local sandbox offers no sessions");
    try {
      const inputs = [large("p"), "q\n", large("p"), large("r"), ""];
      const outputs: string[] = [];
      for (const stdin of inputs) outputs.push((await session.run({ stdin })).stdout);
      expect(outputs).toEqual(["300001 p p\n", "2 q q\n", "300001 p p\n", "300001 r r\n", "0  \n"]);
    } finally {
      await session.close();
    }
  });
});
