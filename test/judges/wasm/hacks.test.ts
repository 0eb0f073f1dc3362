/**
 * The reward-hacking catalogue against the WASM judge. Skipped, each with its reason: Python entries
 * (the Pyodide half is not built) and entries whose trick needs what WASI lacks.
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
  "accounting-raise-sigxcpu",
  "accounting-raise-sigxfsz",
  "output-closes-stdout-dups-stderr",
]);

function reasonFor(entry: (typeof HACK_CATALOGUE)[number]): string | null {
  if (entry.source.language === "python") return "a Python submission: judge 'wasm' runs C/C++ only until its Pyodide half lands";
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
