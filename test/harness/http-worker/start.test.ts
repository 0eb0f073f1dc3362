import { describe, expect, test } from "bun:test";
import { startHttpWorker } from "../../../harness/http-worker/start.ts";
import type { EchoInit } from "./echo-worker.ts";

const entry = new URL("./echo-worker.ts", import.meta.url).href;

/** Uppercases the text; "throw" throws a TypeError; "wait" waits until its signal aborts. */
function startEcho(init: EchoInit, onAbort: () => void = () => {}) {
  return startHttpWorker<EchoInit, { text: string }, string>({
    entry,
    what: "echo server",
    port: 0,
    hostname: "127.0.0.1",
    init,
    handle: async ({ text }, signal) => {
      if (text === "throw") throw new TypeError("no text for you");
      if (text !== "wait") return text.toUpperCase();
      return new Promise<string>((resolve) =>
        signal.addEventListener("abort", () => {
          onAbort();
          resolve("aborted on the main thread");
        }),
      );
    },
  });
}

describe("startHttpWorker", () => {
  test("the worker answers HTTP itself and forwards calls to the main thread", async () => {
    const server = await startEcho({ greeting: "hello from the worker" });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect(server.port).toBeGreaterThan(0);
      expect(await (await fetch(`${base}/hello`)).text()).toBe("hello from the worker");
      expect(await (await fetch(`${base}/call?text=abc`)).text()).toBe("ABC");
    } finally {
      await server.stop();
    }
  });

  test("an error on the main thread reaches the worker with its name and message", async () => {
    const server = await startEcho({ greeting: "" });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/call?text=throw`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe("TypeError: no text for you");
    } finally {
      await server.stop();
    }
  });

  test("a call the worker gives up on is aborted on the main thread", async () => {
    const server = await startEcho({ greeting: "" });
    try {
      expect(await (await fetch(`http://127.0.0.1:${server.port}/call?text=wait&give-up`)).text()).toBe("aborted on the main thread");
    } finally {
      await server.stop();
    }
  });

  test("stop aborts the calls still running", async () => {
    let aborted = 0;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const server = await startHttpWorker<EchoInit, { text: string }, string>({
      entry,
      what: "echo server",
      port: 0,
      hostname: "127.0.0.1",
      init: { greeting: "" },
      handle: (_request, signal) => {
        started();
        return new Promise<string>((resolve) => signal.addEventListener("abort", () => resolve(`aborted ${++aborted}`)));
      },
    });
    const pending = fetch(`http://127.0.0.1:${server.port}/call?text=x`).catch(() => null);
    await running;
    await server.stop();
    await pending;
    expect(aborted).toBe(1);
  });

  test("a worker whose app cannot be built fails the start with the app's own error", async () => {
    await expect(startEcho({ greeting: "", refuse: true })).rejects.toThrow("this app refuses to start");
  });
});
