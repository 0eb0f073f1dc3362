/**
 * A backend's start-up self-test (as DMOJ's executors run theirs): prepare and run a tiny
 * known-good program per language and check what it prints. A broken toolchain or sandbox then
 * stops a command at once with a clear error, instead of turning every sample into CE or SE.
 * Backends call {@link selfTestSandbox} from their `selfTest()`.
 */
import { DEFAULT_COMPILE_LIMITS } from "./compile-limits.ts";
import type { Language, RunLimits, Sandbox } from "./types.ts";
import { SandboxError } from "./types.ts";

/** Reads one integer and prints the next one: compiles, reads stdin and writes stdout. */
const PROGRAMS: Record<Language, string> = {
  cpp: '#include <cstdio>\nint main() {\n  long long n;\n  if (std::scanf("%lld", &n) != 1) return 3;\n  std::printf("%lld\\n", n + 1);\n  return 0;\n}\n',
  python: "n = int(input())\nprint(n + 1)\n",
};
const COMMENT: Record<Language, string> = { cpp: "//", python: "#" };

/** Generous: the self-test must not fail on a loaded machine, only on a broken one. */
const LIMITS: RunLimits = { cpuMs: 10_000, wallMs: 30_000, memoryMb: 256, outputBytes: 1 << 16, processes: 16, fileBytes: 1 << 20 };

export interface SelfTestOptions {
  /** Says which setting to check when a language fails (e.g. "python3 is /usr/bin/python3 (HARNESS_PYTHON3)"). */
  describeTool?: (language: Language) => string;
}

/**
 * Prepares and runs the known-good program of each language in `languages`; throws a SandboxError
 * (`sandbox_unavailable`) naming the language, the step and the setting to check when one fails.
 */
export async function selfTestSandbox(sandbox: Pick<Sandbox, "name" | "prepare" | "run">, languages: readonly Language[], opts: SelfTestOptions = {}): Promise<void> {
  for (const language of languages) {
    // A compile result may come from a cache filled while the machine was broken: a failure is
    // confirmed with a fresh source (a unique comment) before it is reported.
    const failure = (await tryLanguage(sandbox, language, PROGRAMS[language])) && (await tryLanguage(sandbox, language, `${PROGRAMS[language]}${COMMENT[language]} self-test ${Date.now()}-${Math.random()}\n`));
    if (failure) {
      const hint = opts.describeTool ? `; check ${opts.describeTool(language)}` : "";
      throw new SandboxError(`judge '${sandbox.name}' failed its self-test for ${language}: ${failure}${hint}`, "sandbox_unavailable");
    }
  }
}

/** Returns what went wrong with one known-good program, or null when it printed the right answer. */
async function tryLanguage(sandbox: Pick<Sandbox, "prepare" | "run">, language: Language, code: string): Promise<string | null> {
  const prepared = await sandbox.prepare({ language, code }, DEFAULT_COMPILE_LIMITS);
  if (!prepared.ok) return `a known-good program was rejected (${prepared.cause}): ${firstLine(prepared.log) || "no compiler output"}`;
  const out = await sandbox.run(prepared.program, { stdin: "41\n" }, LIMITS);
  if (out.termination !== "exited") {
    const how = out.termination === "nonzero" ? `exit code ${out.exitCode}` : out.termination === "signaled" ? `signal ${out.signal}` : `limit ${out.termination}`;
    return `a known-good program ended with ${how}${out.stderr.trim() ? `: ${firstLine(out.stderr)}` : ""}`;
  }
  if (out.stdout.trim() !== "42") return `a known-good program printed ${JSON.stringify(out.stdout.slice(0, 80))} instead of "42"`;
  return null;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim().slice(0, 200) ?? "";
}
