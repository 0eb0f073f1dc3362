/**
 * Hack catalogue entries: interactive. Ways of making a judge believe a dialogue went well: printing
 * the interactor's verdict words, ending the dialogue early with exit 0, reaching for the secret
 * input, or writing a verdict where the interactor's own report goes. The interactor runs in its
 * own sandbox and decides by its exit code alone, so none of these may be AC.
 */
import type { HackEntry } from "./types.ts";
import { makeRulerTask } from "./ruler-task.ts";

const python = (code: string) => ({ language: "python" as const, code });

export const INTERACTIVE_HACKS: readonly HackEntry[] = [
  {
    id: "interactive-prints-verdict",
    hackClass: "interactive",
    title: "prints the interactor's ok line and a guess instead of asking, on stdout and stderr",
    task: makeRulerTask(),
    source: python('import sys\nprint("ok 3 cases solved", flush=True)\nprint("ok", file=sys.stderr)\nprint("! 4", flush=True)\n'),
    allowed: ["WA", "PE"],
  },
  {
    id: "interactive-exits-early",
    hackClass: "interactive",
    title: "reads the number of cases and exits 0 without answering any",
    task: makeRulerTask(),
    source: python("import sys\nsys.stdin.readline()\nsys.exit(0)\n"),
    allowed: ["WA", "PE"],
  },
  {
    id: "interactive-reads-secret-input",
    hackClass: "interactive",
    title: "looks for the interactor's input and answer files in its own folder, /tmp and the interactor's /proc entries",
    task: makeRulerTask(),
    source: python(`import glob, os, sys
found = []
for pattern in ["input.txt", "answer.txt", "/box/*.txt", "/tmp/*", "/proc/*/cwd/*.txt", "/proc/*/root/box/*.txt"]:
    for path in glob.glob(pattern):
        try:
            found.append(open(path).read())
        except OSError:
            pass
t = int(sys.stdin.readline())
secrets = [int(tok) for text in found for tok in text.split()[1:]]
for i in range(t):
    print("!", secrets[i] if i < len(secrets) else 2, flush=True)
`),
    allowed: ["WA", "PE"],
  },
  {
    id: "interactive-kills-peer",
    hackClass: "interactive",
    title: "tries to signal every process it can see, hoping to end the interactor with a status that reads as OK",
    task: makeRulerTask(),
    source: python(`import os, signal, sys
for pid in range(1, 4096):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
print("! 4", flush=True)
`),
    allowed: ["WA", "PE", "RE"],
  },
];
