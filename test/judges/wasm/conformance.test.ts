/**
 * The shared sandbox conformance suite against the WASM judge. Each skip says why the check cannot
 * apply; the Python ones wait for the Pyodide half of the backend, and their C++ counterparts
 * (files, network, secrets, environment, sleeping) are in security.test.ts.
 */
import { setDefaultTimeout } from "bun:test";
import { runSandboxConformance } from "../conformance/suite.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

setDefaultTimeout(60_000);

const PYTHON = "a Python fixture: judge 'wasm' runs C/C++ only until its Pyodide half lands (the C++ counterpart is in test/judges/wasm/security.test.ts)";
const NO_PROCESSES = "WASI has no fork, setsid or kill: the fixture cannot be built for wasm32-wasi (CE), so there is no process to contain";

runSandboxConformance("wasm", () => makeWasmSandbox(), {
  "ac-echo-py": PYTHON,
  "nonzero-exit": PYTHON,
  "files-args": PYTHON,
  "concurrent-runs": `${PYTHON}; concurrent C++ runs are checked there too`,
  "tle-sleep": PYTHON,
  "ole-flood": PYTHON,
  "ce-syntax-py": PYTHON,
  "net-loopback": PYTHON,
  "net-outside": PYTHON,
  "read-secrets": PYTHON,
  "write-outside": PYTHON,
  "env-leak": PYTHON,
  "compile-bomb-devzero": "clang sizes an included file by stat(), so it reads /dev/zero (size 0) as an empty file and compiles at once: there is no bomb to stop",
  "fork-bomb": NO_PROCESSES,
  "daemon-setsid": NO_PROCESSES,
  "kill-all": NO_PROCESSES,
  "kill-parent": NO_PROCESSES,
});
