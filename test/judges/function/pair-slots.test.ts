import { describe, expect, test } from "bun:test";
import { PairSlots, pairSlotsFor } from "../../../judges/function/pair-slots.ts";
import { createPool } from "../../../harness/eval/pool.ts";

/** A pair that runs until `finish()` is called; `started` says whether it got a slot. */
function heldPair() {
  let finish: () => void = () => {};
  const state = { started: false };
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { state, finish: () => finish(), work: () => ((state.started = true), done) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("function-mode pairs share run slots", () => {
  test("two pairs run in one slot and a third waits until one of them ends", async () => {
    const pool = createPool(1);
    const pairs = new PairSlots(pool, 2);
    const [a, b, c] = [heldPair(), heldPair(), heldPair()];
    const runs = [a, b, c].map((p) => pairs.run(p.work));
    await tick();
    expect([a.state.started, b.state.started, c.state.started]).toEqual([true, true, false]);
    a.finish();
    await tick();
    expect(c.state.started).toBe(true);
    b.finish();
    c.finish();
    await Promise.all(runs);
  });

  test("the slot goes back to the pool when its last pair ends, so other work gets it", async () => {
    const pool = createPool(1);
    const pairs = new PairSlots(pool, 2);
    const pair = heldPair();
    const run = pairs.run(pair.work);
    await tick();
    let otherRan = false;
    const other = pool.run(async () => {
      otherRan = true;
    });
    await tick();
    expect(otherRan).toBe(false);
    pair.finish();
    await Promise.all([run, other]);
    expect(otherRan).toBe(true);
    expect(pool.pending()).toBe(0);
  });

  test("pairs beyond one slot take more slots of the pool, never more than it has", async () => {
    const pool = createPool(2);
    const pairs = new PairSlots(pool, 2);
    const held = Array.from({ length: 5 }, heldPair);
    const runs = held.map((p) => pairs.run(p.work));
    await tick();
    expect(held.map((p) => p.state.started)).toEqual([true, true, true, true, false]);
    held[0]?.finish();
    await tick();
    expect(held[4]?.state.started).toBe(true);
    for (const p of held) p.finish();
    await Promise.all(runs);
    await tick();
    expect(pool.pending()).toBe(0);
  });

  test("a failing pair frees its place in the slot and its error reaches the caller", async () => {
    const pool = createPool(1);
    const pairs = new PairSlots(pool, 1);
    await expect(pairs.run(() => Promise.reject(new Error("broken pair")))).rejects.toThrow("broken pair");
    expect(await pairs.run(async () => "next")).toBe("next");
    await tick();
    expect(pool.pending()).toBe(0);
  });

  test("every sample graded against one pool shares the same pair slots", () => {
    const pool = createPool(2);
    expect(pairSlotsFor(pool, 2)).toBe(pairSlotsFor(pool, 2));
    expect(pairSlotsFor(pool, 2)).not.toBe(pairSlotsFor(createPool(2), 2));
  });

  test("a backend that shares nothing (one pair per slot) runs pairs exactly as the plain slots would", async () => {
    const pool = createPool(1);
    const pairs = pairSlotsFor(pool, 1);
    const [a, b] = [heldPair(), heldPair()];
    const runs = [a, b].map((p) => pairs.run(p.work));
    await tick();
    expect([a.state.started, b.state.started]).toEqual([true, false]);
    a.finish();
    await tick();
    expect(b.state.started).toBe(true);
    b.finish();
    await Promise.all(runs);
  });
});
