/** Resolves on the first SIGINT or SIGTERM: a server the CLI starts runs until then, then stops cleanly. */
export function waitForStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}
