import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { placeProgram } from "../../../../judges/local/warm/program-folders.ts";
import type { Zygote } from "../../../../judges/local/warm/zygote.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A compile-cache entry (`<key>/program/main.py`) and the folders of a zygote, on the real disk. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), "program-folders-"));
  roots.push(root);
  const zygote = { reqDir: join(root, "req"), pycDir: join(root, "pyc"), seenPrograms: new Set<string>() };
  mkdirSync(zygote.reqDir);
  mkdirSync(zygote.pycDir);
  const program = (key: string) => {
    const programDir = join(root, "cache", key, "program");
    mkdirSync(programDir, { recursive: true });
    writeFileSync(join(programDir, "main.py"), `print(${JSON.stringify(key)})\n`);
    return { programDir };
  };
  const job = (name: string) => {
    const dir = join(zygote.reqDir, name);
    mkdirSync(dir);
    return dir;
  };
  return { zygote, asZygote: zygote as unknown as Zygote, program, job };
}

const KEY = "a".repeat(64);

describe("warm runs' program folders", () => {
  test("a program's first run gets a copy in its job folder, later runs share one folder, with its .pyc once they exist", () => {
    const { zygote, asZygote, program, job } = setUp();
    const handle = program(KEY);
    const first = placeProgram(asZygote, handle, job("1"), "/req/1/0");
    expect(first).toEqual({ prog: "/req/1/0/prog", pycWrite: null });
    expect(existsSync(join(zygote.reqDir, "1", "prog", "main.py"))).toBe(true);
    expect(existsSync(join(zygote.reqDir, "progs"))).toBe(false);

    // The second run writes the .pyc files (its init, before untrusted code); it gets the shared folder.
    const second = placeProgram(asZygote, handle, job("2"), "/req/2/0");
    expect(second).toEqual({ prog: `/req/progs/${KEY}`, pycWrite: `/pyc/${KEY}` });
    expect(readdirSync(join(zygote.reqDir, "progs", KEY))).toEqual(["main.py"]);
    expect(existsSync(join(zygote.reqDir, "2", "prog"))).toBe(false);

    mkdirSync(join(zygote.pycDir, KEY));
    writeFileSync(join(zygote.pycDir, KEY, "main.cpython-311.pyc"), "code");
    const third = placeProgram(asZygote, handle, job("3"), "/req/3/0");
    expect(third).toEqual({ prog: `/req/progs/${KEY}`, pycWrite: null });
    expect(readdirSync(join(zygote.reqDir, "progs", KEY, "__pycache__"))).toEqual(["main.cpython-311.pyc"]);
  });

  test("programs run once leave no shared folder, and at most 32 shared folders are kept, the oldest removed first", () => {
    const { zygote, asZygote, program, job } = setUp();
    placeProgram(asZygote, program("b".repeat(64)), job("once"), "/req/once/0");
    expect(existsSync(join(zygote.reqDir, "progs"))).toBe(false);
    const keys = Array.from({ length: 33 }, (_, i) => i.toString(16).padStart(64, "0"));
    keys.forEach((key, i) => {
      const handle = program(key);
      placeProgram(asZygote, handle, job(`a${i}`), `/req/a${i}/0`);
      placeProgram(asZygote, handle, job(`b${i}`), `/req/b${i}/0`);
    });
    const kept = readdirSync(join(zygote.reqDir, "progs")).sort();
    expect(kept).toEqual(keys.slice(1));
  });

  test("a program outside the compile cache (no content key) is always copied into its job folder", () => {
    const { zygote, asZygote, job } = setUp();
    const programDir = join(zygote.reqDir, "..", "loose", "program");
    mkdirSync(programDir, { recursive: true });
    writeFileSync(join(programDir, "main.py"), "pass\n");
    for (const name of ["1", "2", "3"]) expect(placeProgram(asZygote, { programDir }, job(name), `/req/${name}/0`).prog).toBe(`/req/${name}/0/prog`);
    expect(existsSync(join(zygote.reqDir, "progs"))).toBe(false);
  });
});
