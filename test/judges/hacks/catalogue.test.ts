/**
 * The catalogue runner itself (runHackCatalogue): run with one cheap entry over the real local
 * sandbox, it makes the sandbox once and closes it once its entries are done, as the conformance
 * suite does, so a backend's helper processes and pools do not outlive its catalogue.
 */
import { describe, expect, test } from "bun:test";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { Sandbox } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { HACK_CATALOGUE, runHackCatalogue } from "./catalogue.ts";

const entry = HACK_CATALOGUE.find((e) => e.id === "output-prints-accepted");
if (!entry) throw new Error("the catalogue has no entry output-prints-accepted");

let made = 0;
let closed = 0;
function makeCountedSandbox(): Sandbox {
  made++;
  const inner = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
  return {
    ...inner,
    close: async () => {
      closed++;
      await inner.close?.();
    },
  };
}

runHackCatalogue("local, closing counted", makeCountedSandbox, {}, [entry, { ...entry, id: "output-prints-accepted-again" }]);

describe("after the catalogue's entries have run", () => {
  test("the sandbox it made once has been closed once", () => {
    expect([made, closed]).toEqual([1, 1]);
  });
});
