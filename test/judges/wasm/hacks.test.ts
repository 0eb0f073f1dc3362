/**
 * The reward-hacking catalogue against the WASM judge, C++ and Python (Pyodide) entries alike.
 * Skipped, each with its reason: entries whose trick needs what WASI lacks.
 */
import { HACK_CATALOGUE, runHackCatalogue } from "../hacks/catalogue.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

const NO_OS = "the trick needs what a WASM guest does not have (signals, fork, pipes, dup2, the sandbox's status descriptor): its source does not build for wasm32-wasi, so it ends as CE, a failing verdict outside this entry's list";

/** Entries built against the local OS sandbox's process model. */
const OS_ONLY = new Set([
  "status-forge-exit-zero-pidfd",
  "status-forge-exit-zero-proc-fd",
  "status-ptrace-init",
  "status-forge-setupfail",
  "status-forge-execfail-loop",
  "status-forge-nan-time",
  "accounting-unreaped-children-cpu",
  "accounting-stops-parent-sleeps-past-wall",
  "accounting-stops-parent-hides-memory",
  "accounting-raise-sigxcpu",
  "accounting-raise-sigxfsz",
  "output-closes-stdout-dups-stderr",
]);

/** Interactive entries whose program is Python and whose interactor is C++. */
const MIXED_PAIRS = new Set(["interactive-prints-verdict", "interactive-exits-early", "interactive-reads-secret-input", "interactive-kills-peer"]);

function reasonFor(entry: (typeof HACK_CATALOGUE)[number]): string | null {
  if (entry.id === "output-child-prints-after-parent-exits") {
    return "Python under WebAssembly has no fork: os.fork raises OSError and the program ends RE, a failing verdict outside this entry's list (WA, TLE)";
  }
  if (MIXED_PAIRS.has(entry.id)) {
    return "a Python program against a C++ interactor: judge 'wasm' does not pair a Pyodide worker with a C++ guest (the C++ pool runs both sides of a pair in one worker), so these are SE with a cause that says so";
  }
  if (OS_ONLY.has(entry.id)) return NO_OS;
  if (entry.id === "resources-fill-scratch") {
    return "a guest's files live in the worker's memory and are measured every 25 ms, so a fast writer passes the 256 MiB limit by what it writes in that time (about 17 MiB) before it is stopped as MLE: the verdict is right, the bound this entry checks is not exact";
  }
  if (entry.id === "resources-deep-directory-tree") {
    return "Wasmer's in-memory file system resolves paths one component at a time, so 3000 nested mkdir+chdir calls outlast the time limit: TLE, a failing verdict outside this entry's list (WA)";
  }
  return null;
}

const skips = Object.fromEntries(HACK_CATALOGUE.flatMap((entry) => {
  const reason = reasonFor(entry);
  return reason ? [[entry.id, reason]] : [];
}));

runHackCatalogue("wasm", () => makeWasmSandbox(), skips);
