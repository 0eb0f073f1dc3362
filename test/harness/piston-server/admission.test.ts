import { describe, expect, test } from "bun:test";
import { createAdmission } from "../../../harness/piston-server/admission.ts";

describe("admission", () => {
  test("runs up to the concurrency at once, queues up to the queue size, refuses beyond", async () => {
    const a = createAdmission({ concurrency: 1, queueSize: 1, perClient: 10 });
    const first = a.admit("a");
    const second = a.admit("b");
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(a.admit("c")).toBeNull();
    expect(a.load()).toMatchObject({ running: 1, queued: 1 });
    (await first!)();
    const release = await second!;
    expect(a.load()).toMatchObject({ running: 1, queued: 0 });
    release();
    expect(a.load()).toMatchObject({ running: 0, queued: 0 });
  });

  test("one client holds at most perClient places, running and waiting together", () => {
    const a = createAdmission({ concurrency: 1, queueSize: 100, perClient: 2 });
    expect(a.admit("greedy")).not.toBeNull();
    expect(a.admit("greedy")).not.toBeNull();
    expect(a.admit("greedy")).toBeNull();
    expect(a.admit("polite")).not.toBeNull();
  });

  test("waiting jobs start round robin across clients, not in arrival order", async () => {
    const a = createAdmission({ concurrency: 1, queueSize: 100, perClient: 100 });
    const order: string[] = [];
    const hold = await a.admit("x")!;
    const jobs = ["a", "a", "a", "b", "c"].map((client) => a.admit(client)!.then((release) => {
      order.push(client);
      release();
    }));
    hold();
    await Promise.all(jobs);
    expect(order).toEqual(["a", "b", "c", "a", "a"]);
  });
});
