/**
 * The shared sandbox conformance suite against the WASM judge. Each skip says why the check cannot
 * apply. The Python fixtures run under Pyodide (judges/wasm/python/); the C++ counterparts of the
 * file, network, secret, environment and sleeping checks are in security.test.ts.
 */
import { setDefaultTimeout } from "bun:test";
import { runSandboxConformance } from "../conformance/suite.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

setDefaultTimeout(60_000);

const NO_PROCESSES = "WASI has no fork, setsid or kill: the fixture cannot be built for wasm32-wasi (CE), so there is no process to contain";

runSandboxConformance("wasm", () => makeWasmSandbox(), {
  "compile-bomb-devzero": "clang sizes an included file by stat(), so it reads /dev/zero (size 0) as an empty file and compiles at once: there is no bomb to stop",
  "fork-bomb": NO_PROCESSES,
  "daemon-setsid": NO_PROCESSES,
  "kill-all": NO_PROCESSES,
  "kill-parent": NO_PROCESSES,
  "session-processes": NO_PROCESSES,
});
