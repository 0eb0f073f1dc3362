/** Worker entry running the bench's load generator off the judge's thread. */
import { driveLoad, type LoadPlan } from "./reward-server-client.ts";

declare const self: Worker;

self.onmessage = async (event: MessageEvent<LoadPlan>) => {
  try {
    const outcome = await driveLoad(event.data, (done, latencyMs) => self.postMessage({ type: "batch", done, latencyMs }));
    self.postMessage({ type: "done", outcome });
  } catch (e: unknown) {
    self.postMessage({ type: "failed", error: e instanceof Error ? e.message : String(e) });
  }
};
