/**
 * The C++ function-mode suite (test/judges/function/cpp-suite.ts) on the WASM judge: the kit builds
 * without exceptions for wasm32-wasi and gets the local judge's verdicts, except that a candidate
 * that throws does not build for the target (CE, with a note naming exceptions).
 */
import { afterAll, expect, setDefaultTimeout } from "bun:test";
import { runCppFunctionSuite } from "../function/cpp-suite.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

// Two clang compiles and a pair of guests per case on a busy 2-core machine.
setDefaultTimeout(180_000);

const sandbox = makeWasmSandbox(2);
afterAll(() => sandbox.close());

runCppFunctionSuite({
  label: "wasm",
  sandbox: () => sandbox,
  // A null read is not a trap in WebAssembly (page 0 is ordinary memory); an integer division by zero is.
  crashBody: "    volatile long zero = 0; return (x + y) / zero;",
  checkThrowing: (result) => {
    expect(result.verdict).toBe("CE");
    expect(result.message).toContain("C++ exceptions");
  },
  testCodeCrashWords: "crashed on the function's answers",
  measuresMemory: true,
});
