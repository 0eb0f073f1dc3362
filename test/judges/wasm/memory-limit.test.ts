/** The per-run memory ceiling written into a module: real modules from WebAssembly's own text, checked by the engine. */
import { describe, expect, test } from "bun:test";
import { pagesFor, readMemoryLimits, withMemoryCeiling } from "../../../judges/wasm/memory-limit.ts";

/** (module (memory (export "m") 2 65536) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)) */
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type: (i32) -> i32
  0x03, 0x02, 0x01, 0x00, // func 0 of type 0
  0x05, 0x06, 0x01, 0x01, 0x02, 0x80, 0x80, 0x04, // memory: min 2, max 65536
  0x07, 0x0c, 0x02, 0x01, 0x6d, 0x02, 0x00, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x00, // exports m, grow
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, // code: local.get 0; memory.grow
]);

async function growTo(module: Uint8Array, pages: number): Promise<number> {
  const { instance } = await WebAssembly.instantiate(module);
  return (instance.exports.grow as (n: number) => number)(pages);
}

describe("memory ceiling", () => {
  test("a limit in MiB becomes whole 64 KiB pages, at least one and at most 4 GiB", () => {
    expect(pagesFor(256)).toBe(4096);
    expect(pagesFor(0)).toBe(1);
    expect(pagesFor(1 << 20)).toBe(65536);
  });

  test("the declared limits of a module are read from its memory section", () => {
    expect(readMemoryLimits(MODULE)).toEqual({ initialPages: 2, maxPages: 65536 });
  });

  test("a lowered ceiling is enforced by the engine: growing past it fails, growing within it works", async () => {
    const capped = withMemoryCeiling(MODULE, 16);
    expect(readMemoryLimits(capped)).toEqual({ initialPages: 2, maxPages: 16 });
    expect(await growTo(capped, 15)).toBe(-1);
    expect(await growTo(capped, 14)).toBe(2);
    expect(await growTo(MODULE, 15)).toBe(2);
  });

  test("a ceiling never raises what the module itself declares", () => {
    const capped = withMemoryCeiling(withMemoryCeiling(MODULE, 8), 100);
    expect(readMemoryLimits(capped)?.maxPages).toBe(8);
  });

  test("bytes that are not WebAssembly are refused with a clear error", () => {
    expect(() => withMemoryCeiling(new TextEncoder().encode("#!/bin/sh\n"), 16)).toThrow("not a WebAssembly module");
  });
});
