/** One-time warnings on stderr: a degraded sandbox is announced once per process, not per run. */
const shown = new Set<string>();

/** Prints `message` to stderr as the local sandbox's warning (for what is worth saying every time it happens). */
export function warn(message: string): void {
  process.stderr.write(`[judges/local] WARNING: ${message}\n`);
}

/** Prints `message` to stderr the first time `key` is seen in this process. */
export function warnOnce(key: string, message: string): void {
  if (shown.has(key)) return;
  shown.add(key);
  warn(message);
}
