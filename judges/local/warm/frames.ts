/**
 * The zygote's reply channel: frames of a 6-byte header (u32 little-endian payload length, u8 kind,
 * u8 side) and the payload. Parsed strictly: an unknown kind or side means the zygote is broken.
 */

export const FrameKind = { stdout: 1, stderr: 2, result: 3, sideEnd: 4, jobEnd: 5, ready: 6 } as const;
export type FrameKindValue = (typeof FrameKind)[keyof typeof FrameKind];

export interface Frame {
  kind: FrameKindValue;
  side: number;
  payload: Uint8Array;
}

const HEADER = 6;
const KINDS = new Set<number>(Object.values(FrameKind));

/** Accumulates bytes and yields whole frames; throws on a malformed header. */
export class FrameParser {
  private chunks: Uint8Array[] = [];
  private size = 0;

  push(chunk: Uint8Array): Frame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.size < HEADER) return frames;
      const head = this.peek(HEADER);
      const view = new DataView(head.buffer, head.byteOffset, HEADER);
      const length = view.getUint32(0, true);
      const kind = view.getUint8(4);
      const side = view.getUint8(5);
      if (!KINDS.has(kind) || side > 1) throw new Error(`malformed frame from the zygote (kind ${kind}, side ${side})`);
      if (this.size < HEADER + length) return frames;
      const whole = this.take(HEADER + length);
      frames.push({ kind: kind as FrameKindValue, side, payload: whole.subarray(HEADER) });
    }
  }

  /** The first chunk, grown to at least `n` bytes by joining only the chunks needed (never all: large outputs arrive in many). */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.length >= n) return first;
    let count = 0;
    let size = 0;
    while (size < n && count < this.chunks.length) size += this.chunks[count++]?.length ?? 0;
    const joined = Buffer.concat(this.chunks.slice(0, count), size);
    this.chunks = [joined, ...this.chunks.slice(count)];
    return joined;
  }

  private take(n: number): Uint8Array {
    const joined = this.peek(n);
    const rest = joined.subarray(n);
    this.chunks = rest.length > 0 ? [rest, ...this.chunks.slice(1)] : this.chunks.slice(1);
    this.size -= n;
    return joined.subarray(0, n);
  }
}
