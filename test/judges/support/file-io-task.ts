import type { GradeTask } from "../../../judges/types.ts";

/** A file-IO task as CodeContests and Codeforces publish them: read input.txt, write output.txt (the sum of two numbers). */
export function fileIoTask(): GradeTask {
  return {
    mode: "stdio",
    tests: [
      { input: "1 2\n", output: "3\n", kind: "public" },
      { input: "40 2\n", output: "42\n", kind: "private" },
    ],
    inputFile: "input.txt",
    outputFile: "output.txt",
    limits: { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 },
  };
}
