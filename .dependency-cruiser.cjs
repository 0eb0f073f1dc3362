/**
 * The layering rules, checked in CI by `bun run depcruise` (and by .ci/run before the tests).
 *
 * Layers, bottom to top: judges/ -> datasets/ -> harness/ -> reports/; trainers/ sits beside
 * harness/ and may use it. A layer imports only layers below it. test/ may import anything.
 *
 * Type-only imports count: the cruise runs on swc's parse of the source (before types are
 * stripped), and no option below filters `import type`, so a cycle made only of types fails too
 * (test/dependency-rules.test.ts proves it with a deliberate one).
 *
 * Why swc: dependency-cruiser's TypeScript parser needs TypeScript's JS API (< 7), and this
 * project type-checks with TypeScript 7, which has none. Its swc parser did not parse .tsx, so
 * patches/dependency-cruiser@*.patch turns swc's tsx switch on for .tsx files (bun applies it).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "judges-imports-nothing-above",
      comment: "judges/ is the bottom layer: it must not import datasets, harness, reports or trainers.",
      severity: "error",
      from: { path: "^judges/" },
      to: { path: "^(datasets|harness|reports|trainers)/" },
    },
    {
      name: "datasets-imports-only-judges",
      comment: "datasets/ sits on judges/ only: judging workflows belong in harness/, and helpers datasets needs live in datasets/.",
      severity: "error",
      from: { path: "^datasets/" },
      to: { path: "^(harness|reports|trainers)/" },
    },
    {
      name: "harness-imports-nothing-above",
      comment:
        "harness/ (eval, rewards, reward server, store, CLI) must not import reports/ (trainers/: see " +
        "nothing-imports-trainers). The one exception is the CLI's `serve` command, see cli-starts-viewer-through-its-entry.",
      severity: "error",
      from: { path: "^harness/", pathNot: "^harness/cli/serve-command\\.ts$" },
      to: { path: "^reports/" },
    },
    {
      name: "cli-starts-viewer-through-its-entry",
      comment:
        "The CLI is the program's entry point, so `serve` starts the report viewer; it does so only " +
        "through reports/serve-command.ts and never reaches into the viewer's pages or data.",
      severity: "error",
      from: { path: "^harness/cli/serve-command\\.ts$" },
      to: { path: "^reports/", pathNot: "^reports/serve-command\\.ts$" },
    },
    {
      name: "nothing-imports-trainers",
      comment:
        "trainers/ is a top layer beside harness/: only its own files, its tests and the CLI (harness/cli/, " +
        "the program's entry point: `train` and `jobs`) import it.",
      severity: "error",
      from: { pathNot: "^(trainers|test|harness/cli)/" },
      to: { path: "^trainers/" },
    },
    {
      name: "reports-reads-storage-only",
      comment:
        "reports/ renders what the store holds. From harness/ it may import only the store " +
        "(harness/store/: schema, queries), the metric definitions (harness/metrics/), and the two " +
        "readers that compute from stored rows, harness/eval/run-metrics.ts and " +
        "harness/eval/leaderboard.ts, so the viewer and the CLI share one definition of each. " +
        "Nothing that judges, generates or serves, and nothing from datasets/ or trainers/; " +
        "judges/ vocabulary (verdict types, errors) stays allowed.",
      severity: "error",
      from: { path: "^reports/" },
      to: {
        path: "^(harness|datasets|trainers)/",
        pathNot: "^(harness/store/|harness/metrics/|harness/eval/(run-metrics|leaderboard)\\.ts$)",
      },
    },
    {
      name: "only-backend-registry-wires-backends",
      comment:
        "Concrete judge backends (judges/local, judges/piston, judges/wasm) are created only by the " +
        "backend registry harness/cli/backends.ts; everything else uses the Sandbox contract.",
      severity: "error",
      from: { pathNot: "^(harness/cli/backends\\.ts$|judges/(local|piston|wasm)/|test/)" },
      to: { path: "^judges/(local|piston|wasm)/" },
    },
    {
      name: "backends-stay-apart",
      comment: "One concrete backend does not import another's internals.",
      severity: "error",
      from: { path: "^judges/(local|piston|wasm)/" },
      to: { path: "^judges/(local|piston|wasm)/", pathNot: "^judges/$1/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles, type-only imports included: shared types go in a small types module.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|__pycache__)/" },
    // Pre-compilation dependencies: `import type` is a dependency like any other.
    tsPreCompilationDeps: true,
    parser: "swc",
    moduleSystems: ["es6", "cjs"],
    // Packages such as hono expose subpaths (hono/jsx) through package.json "exports" only.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
