import { describe, expect, test } from "bun:test";
import { createPool } from "../../../harness/eval/pool.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createPool", () => {
  test("never runs more tasks at once than it has slots", async () => {
    const pool = createPool(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pool.run(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await sleep(i % 3);
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  test("a task queued while slots are busy is not overtaken by a later arrival", async () => {
    const pool = createPool(1);
    const order: string[] = [];
    const first = pool.run(async () => {
      await sleep(5);
      order.push("first");
    });
    const second = pool.run(async () => void order.push("second"));
    await first;
    // Arrives after `first` released its slot, but `second` has been waiting longer.
    const third = pool.run(async () => void order.push("third"));
    await Promise.all([second, third]);
    expect(order).toEqual(["first", "second", "third"]);
  });

  test("a free slot goes to a waiting compile before any waiting run, first come first served within each kind", async () => {
    const pool = createPool(1);
    const order: string[] = [];
    const job = (name: string) => async () => void order.push(name);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = pool.run(() => held, "run");
    const queued = [
      pool.run(job("run 1"), "run"),
      pool.run(job("compile 1"), "compile"),
      pool.run(job("run 2")),
      pool.run(job("compile 2"), "compile"),
    ];
    release();
    await Promise.all([holder, ...queued]);
    expect(order).toEqual(["compile 1", "compile 2", "run 1", "run 2"]);
  });

  test("a failing task frees its slot and its error reaches the caller", async () => {
    const pool = createPool(1);
    await expect(pool.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await pool.run(async () => 42)).toBe(42);
    expect(pool.pending()).toBe(0);
  });

  test("a size below one still gives one slot", () => {
    expect(createPool(0).size).toBe(1);
  });
});
