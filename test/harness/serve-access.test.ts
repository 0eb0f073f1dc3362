import { describe, expect, test } from "bun:test";
import { bearerMatches, isLoopbackHost, resolveServerToken } from "../../harness/serve-access.ts";

const TOKEN = "0123456789abcdef-token";

describe("serve access rule", () => {
  test.each(["127.0.0.1", "127.1.2.3", "localhost", "::1"])("%s is loopback", (host) => expect(isLoopbackHost(host)).toBe(true));
  test.each(["0.0.0.0", "10.0.0.5", "::", "example.org"])("%s is not loopback", (host) => expect(isLoopbackHost(host)).toBe(false));

  test("loopback needs no token; off loopback without one is refused unless insecure", () => {
    expect(resolveServerToken({ host: "127.0.0.1", tokenEnv: "T", env: {} })).toBeNull();
    expect(() => resolveServerToken({ host: "0.0.0.0", tokenEnv: "T", env: {} })).toThrow("refusing to listen on 0.0.0.0");
    expect(resolveServerToken({ host: "0.0.0.0", tokenEnv: "T", env: {}, insecure: true })).toBeNull();
  });

  test("the token comes from --token, else the environment; a short one is refused", () => {
    expect(resolveServerToken({ host: "0.0.0.0", tokenEnv: "T", env: { T: TOKEN } })).toBe(TOKEN);
    expect(resolveServerToken({ host: "0.0.0.0", token: `${TOKEN}-cli`, tokenEnv: "T", env: { T: TOKEN } })).toBe(`${TOKEN}-cli`);
    expect(() => resolveServerToken({ host: "127.0.0.1", token: "short", tokenEnv: "T", env: {} })).toThrow("at least 16 characters");
  });

  test("only `Bearer <token>` exactly matches", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches("Bearer ", TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
});
