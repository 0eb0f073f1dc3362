/**
 * The reward-hacking catalogue against the WASM judge. Skipped: Python entries (the Pyodide half is
 * not built), function-mode entries (no runPair yet), and entries whose trick needs what WASI lacks.
 */
import { HACK_CATALOGUE, runHackCatalogue } from "../hacks/catalogue.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

function reasonFor(entry: (typeof HACK_CATALOGUE)[number]): string | null {
  if (entry.source.language === "python") return "a Python submission: judge 'wasm' runs C/C++ only until its Pyodide half lands";
  if (entry.task.mode === "function") return "function mode needs runPair, which judge 'wasm' does not offer yet (the grader refuses such problems)";
  return null;
}

const skips = Object.fromEntries(HACK_CATALOGUE.flatMap((entry) => {
  const reason = reasonFor(entry);
  return reason ? [[entry.id, reason]] : [];
}));

runHackCatalogue("wasm", () => makeWasmSandbox(), skips);
