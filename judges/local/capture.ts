/** Reading a sandboxed process's output without ever buffering more than a fixed amount. */

export interface Captured {
  bytes: Uint8Array;
  /** Bytes the process wrote in total (kept or not). */
  total: number;
}

/**
 * Reads `stream` to its end, keeping the first `keep` bytes. When the total passes `overflowAt`,
 * calls `onOverflow` once (the caller kills the process) and goes on draining without keeping.
 * Aborting `stop` ends the read early with what was kept. `onKept` sees each kept slice as it arrives.
 */
export async function captureStream(
  stream: ReadableStream<Uint8Array>,
  keep: number,
  overflowAt: number,
  onOverflow: () => void,
  stop: AbortSignal,
  onKept?: (chunk: Uint8Array) => void,
): Promise<Captured> {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  let overflowed = false;
  const reader = stream.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  if (stop.aborted) cancel();
  else stop.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (kept < keep) {
        const slice = value.length <= keep - kept ? value : value.subarray(0, keep - kept);
        chunks.push(slice.slice());
        kept += slice.length;
        onKept?.(slice);
      }
      if (!overflowed && total > overflowAt) {
        overflowed = true;
        onOverflow();
      }
    }
  } catch {
    // Cancelled after the process ended (a descendant kept the pipe open): what we have is the output.
  } finally {
    stop.removeEventListener("abort", cancel);
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, total };
}

/** Decodes UTF-8 leniently (a cut multi-byte character becomes U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
