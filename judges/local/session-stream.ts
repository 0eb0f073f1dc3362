/**
 * One output stream (stdout or stderr) of a sandbox session, shared by its runs one after another.
 * sandbox-init ends each run's part with an end marker that holds the session's secret token, so a
 * program cannot fake it; the bytes before the marker are the run's output. Only the first `keep`
 * bytes of a part are kept; past `overflowAt` the caller is told once (it kills the session).
 */
import type { Captured } from "./capture.ts";

interface Part {
  marker: Uint8Array;
  keep: number;
  overflowAt: number;
  onOverflow: () => void;
  chunks: Uint8Array[];
  kept: number;
  total: number;
  overflowed: boolean;
  /** Bytes that may be the start of the marker, not yet counted as output. */
  carry: Uint8Array;
  resolve: (part: StreamPart) => void;
}

/** A run's part of the stream; `ended` false when the stream closed before the marker came. */
export interface StreamPart extends Captured {
  ended: boolean;
}

export class SessionStream {
  private part: Part | null = null;
  /** Bytes read while no run was waiting (none are expected: a run's output comes after its command). */
  private early: Uint8Array[] = [];
  private closed = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly done: Promise<void>;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
    this.done = this.pump();
  }

  /** Collects the next run's part, up to `marker`. */
  next(marker: string, keep: number, overflowAt: number, onOverflow: () => void): Promise<StreamPart> {
    if (this.part) throw new Error("SessionStream.next: a part is already being read");
    return new Promise((resolve) => {
      const part: Part = {
        marker: new TextEncoder().encode(marker),
        keep,
        overflowAt,
        onOverflow,
        chunks: [],
        kept: 0,
        total: 0,
        overflowed: false,
        carry: new Uint8Array(0),
        resolve,
      };
      this.part = part;
      const early = this.early;
      this.early = [];
      for (const chunk of early) this.feed(chunk);
      if (this.closed) this.finish(false);
    });
  }

  /** Stops reading (the session is gone); a part under way ends without its marker. */
  cancel(): void {
    void this.reader.cancel().catch(() => {});
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) break;
        if (this.part) this.feed(value);
        else this.early.push(value.slice());
      }
    } catch {
      // Cancelled: the session was killed.
    }
    this.closed = true;
    if (this.part) this.finish(false);
  }

  private feed(chunk: Uint8Array): void {
    const part = this.part;
    if (!part) return;
    const data = part.carry.length > 0 ? concat(part.carry, chunk) : chunk;
    const at = Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(part.marker);
    if (at >= 0) {
      this.count(part, data.subarray(0, at));
      const rest = data.subarray(at + part.marker.length);
      if (rest.length > 0) this.early.push(rest.slice());
      this.finish(true);
      return;
    }
    // The marker may be split across reads: hold back what could be its beginning.
    const safe = Math.max(0, data.length - (part.marker.length - 1));
    this.count(part, data.subarray(0, safe));
    part.carry = data.slice(safe);
  }

  private count(part: Part, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    part.total += bytes.length;
    if (part.kept < part.keep) {
      const slice = bytes.subarray(0, Math.min(bytes.length, part.keep - part.kept));
      part.chunks.push(slice.slice());
      part.kept += slice.length;
    }
    if (!part.overflowed && part.total > part.overflowAt) {
      part.overflowed = true;
      part.onOverflow();
    }
  }

  private finish(ended: boolean): void {
    const part = this.part;
    if (!part) return;
    this.part = null;
    // Without its marker, held-back bytes were output after all.
    if (!ended) this.count(part, part.carry);
    part.resolve({ bytes: concat(...part.chunks), total: part.total, ended });
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
