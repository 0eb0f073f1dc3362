/** What the Piston bench's report says about remote endpoints: where they are, never the token. */
import { describe, expect, test } from "bun:test";
import { describeRemote } from "../../../harness/bench/piston-bench.ts";

describe("describeRemote", () => {
  test("names the endpoints and the endpoints file but leaves the bearer token and other settings out", () => {
    const opts = ["piston=http://m1:2000*8", "endpoints-file=/shared/fleet.endpoints", "token=a-secret-token-of-32-characters", "concurrency=4"];
    expect(describeRemote(opts)).toBe("piston=http://m1:2000*8 endpoints-file=/shared/fleet.endpoints");
  });

  test("says the endpoints came from the environment when no option names them", () => {
    expect(describeRemote(["token=a-secret-token-of-32-characters"])).toBe("HARNESS_PISTON_URLS");
  });
});
