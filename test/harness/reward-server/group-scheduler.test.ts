import { describe, expect, test } from "bun:test";
import { createGroupScheduler, type SlotTicket } from "../../../harness/reward-server/group-scheduler.ts";
import { DeadlineExceeded } from "../../../harness/reward-server/judge-cache.ts";

/** Submits tickets in order to a scheduler and records the order their tasks start in. */
async function startOrder(slots: number, tickets: (SlotTicket & { name: string })[]): Promise<string[]> {
  const s = createGroupScheduler(slots);
  const started: string[] = [];
  await Promise.all(tickets.map((t) => s.run(t, async () => {
    started.push(t.name);
    await Bun.sleep(1);
  })));
  return started;
}

describe("group scheduler", () => {
  test("a started group is finished before the next group starts, even when its items were submitted interleaved", async () => {
    const t = (group: string, n: number) => ({ request: 0, group, name: `${group}${n}` });
    const order = await startOrder(1, [t("a", 1), t("b", 1), t("a", 2), t("b", 2), t("a", 3), t("b", 3)]);
    expect(order).toEqual(["a1", "a2", "a3", "b1", "b2", "b3"]);
  });

  test("new groups are opened round robin across requests, so a small request is not starved by a large one", async () => {
    const big = ["x", "y", "z"].flatMap((g) => [1, 2].map((n) => ({ request: 1, group: g, name: `${g}${n}` })));
    const small = [1, 2].map((n) => ({ request: 2, group: "s", name: `s${n}` }));
    expect(await startOrder(1, [...big, ...small])).toEqual(["x1", "x2", "s1", "s2", "y1", "y2", "z1", "z2"]);
  });

  test("a group spans requests: samples of one prompt sent one per request still finish together", async () => {
    const tickets = [
      { request: 1, group: "g", name: "g1" },
      { request: 2, group: "h", name: "h1" },
      { request: 3, group: "g", name: "g2" },
      { request: 4, group: "h", name: "h2" },
      { request: 5, group: "g", name: "g3" },
    ];
    expect(await startOrder(1, tickets)).toEqual(["g1", "g2", "g3", "h1", "h2"]);
  });

  test("never runs more tasks at once than it has slots", async () => {
    const s = createGroupScheduler(3);
    let active = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.run({ request: i % 2, group: `g${i % 5}` }, async () => {
      peak = Math.max(peak, ++active);
      await Bun.sleep(1);
      active--;
    })));
    expect(peak).toBe(3);
    expect(s.pending()).toBe(0);
  });

  test("a task whose deadline passes while it waits is dropped without running and rejects with DeadlineExceeded", async () => {
    const s = createGroupScheduler(1);
    let release!: () => void;
    const blocker = s.run({ request: 0, group: "a" }, () => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    let ran = false;
    const waiting = s.run({ request: 1, group: "b" }, async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(s.pending()).toBe(1);
    release();
    await blocker;
    expect(ran).toBe(false);
    expect(s.pending()).toBe(0);
  });
});
